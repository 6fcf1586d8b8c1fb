import type { Recipient } from '@stockpulse/contracts';
import { FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { Drawer } from '../../components/Drawer';
import { formatDateTime, formatRelative } from '../../components/format';
import { Badge, Banner, CopyButton, ErrorBanner, Field, QueryFallback, splitFieldErrors } from '../../components/ui';
import { useDeleteRecipient, useRecipient, useUpdateRecipient } from './notifications.queries';
import { RECIPIENT_FIELDS, RecipientDraft, RecipientFields, toRecipientBody, toRecipientDraft } from './RecipientForm';
import { TestMessage } from './TestMessage';

/** A secret like the ones the API makes: `whsec_` and 24 random bytes, base64url. */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/**
 * The API answers a webhook secret only when the recipient is created, so a new one is made here and shown before
 * it is saved: `null` keeps the current secret.
 */
function WebhookSecretFields({ secret, onChange, error, first }: { secret: string | null; onChange: (s: string | null) => void; error?: string; first: boolean }) {
  if (secret === null) {
    return (
      <fieldset className="fieldset">
        <legend>Webhook signing secret</legend>
        <p className="muted">The receiver checks each call's Stockpulse-Signature header with this secret. It is never shown again after it is set.</p>
        <button type="button" className="btn btn--secondary btn--sm" onClick={() => onChange(generateWebhookSecret())}>
          Set a new secret
        </button>
      </fieldset>
    );
  }
  return (
    <fieldset className="fieldset fieldset--wide">
      <legend>{first ? 'Webhook signing secret' : 'New webhook signing secret'}</legend>
      <Field
        label="Secret"
        error={error}
        hint="At least 16 characters. Copy it now: it is saved with the other changes and not shown again. Calls are signed with it from then on, so give it to the receiver at the same time."
      >
        {(id, d) => (
          <div className="secret">
            <input id={id} aria-describedby={d} className="mono" value={secret} onChange={(e) => onChange(e.target.value)} spellCheck={false} autoComplete="off" />
            <CopyButton text={secret} label="Copy" />
            <button type="button" className="btn btn--ghost btn--sm" onClick={() => onChange(generateWebhookSecret())}>
              Generate
            </button>
          </div>
        )}
      </Field>
      {!first && (
        <button type="button" className="btn btn--ghost btn--sm align-start" onClick={() => onChange(null)}>
          Keep the current secret
        </button>
      )}
    </fieldset>
  );
}

function SuppressedAddresses({ recipient }: { recipient: Recipient }) {
  if (!recipient.suppressed.length) return null;
  return (
    <section aria-label="Suppressed addresses">
      <h3 className="section-title">Suppressed addresses</h3>
      <Banner tone="warning">
        <span>
          A provider refused these addresses for good (an email that bounced, a number that opted out, a webhook that answered 4xx). Nothing is sent to them
          until the address is changed here, or a delivery to it is sent again with <em>Retry now</em> in the{' '}
          <Link className="link" to={`/notifications/deliveries?recipient=${recipient.id}&status=dead,rejected,suppressed,unknown`}>
            delivery log
          </Link>
          .
        </span>
      </Banner>
      <table className="table table--dense">
        <thead>
          <tr>
            <th>Channel</th>
            <th>Address</th>
            <th>Reason</th>
            <th>Since</th>
          </tr>
        </thead>
        <tbody>
          {recipient.suppressed.map((s) => (
            <tr key={`${s.channel}-${s.address}`}>
              <td>
                <Badge tone="danger">{s.channel}</Badge>
              </td>
              <td className="mono">{s.address}</td>
              <td className="muted">{s.reason}</td>
              <td className="muted nowrap" title={formatDateTime(s.at)}>
                {formatRelative(s.at)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RecipientEditor({ recipient, onClose }: { recipient: Recipient; onClose: () => void }) {
  const update = useUpdateRecipient(recipient.id);
  const remove = useDeleteRecipient();
  const [draft, setDraft] = useState<RecipientDraft>(() => toRecipientDraft(recipient));
  const [secret, setSecret] = useState<string | null>(null);
  const [saved, setSaved] = useState<'saved' | 'saved-secret' | null>(null);
  const { byField, formError } = splitFieldErrors(update.error, RECIPIENT_FIELDS);
  const hasWebhook = !!draft.webhookUrl.trim();
  // a webhook added now gets its secret here, or the API would make one nobody sees
  const firstWebhook = hasWebhook && !recipient.webhookUrl;
  useEffect(() => {
    if (firstWebhook && secret === null) setSecret(generateWebhookSecret());
  }, [firstWebhook, secret]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const body = toRecipientBody(draft, !!recipient.userId);
    const sendsSecret = hasWebhook && secret !== null;
    if (sendsSecret) body.webhookSecret = secret;
    update.mutate(body, {
      onSuccess: (r) => {
        setDraft(toRecipientDraft(r));
        setSecret(null);
        setSaved(sendsSecret ? 'saved-secret' : 'saved');
      },
    });
  };
  const onDelete = () => {
    if (window.confirm(`Delete ${recipient.name}? Its delivery log goes with it.`)) remove.mutate(recipient.id, { onSuccess: onClose });
  };
  const inUse = remove.error instanceof ApiError && remove.error.status === 409;

  return (
    <Drawer
      wide
      title={recipient.name}
      meta={
        <>
          <Badge tone={recipient.userId ? 'info' : 'neutral'}>{recipient.userId ? 'User' : 'External contact'}</Badge>
          {recipient.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
          <span>changed {formatRelative(recipient.updatedAt)}</span>
        </>
      }
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--danger-ghost" onClick={onDelete} disabled={remove.isPending}>
            Delete recipient
          </button>
          <button type="submit" form="recipient-edit-form" className="btn btn--primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save changes'}
          </button>
        </>
      }
    >
      {remove.error && (
        <ErrorBanner error={remove.error} title={inUse ? 'The recipient is still named by a rule' : 'The recipient was not deleted'} />
      )}
      {inUse && (
        <p className="muted">
          Remove it from those rules (and their escalation tiers) under <Link className="link" to="/notifications/rules">Rules</Link>, then delete it.
        </p>
      )}
      <SuppressedAddresses recipient={recipient} />
      <TestMessage recipient={recipient} />
      <form id="recipient-edit-form" className="form" onSubmit={submit} noValidate aria-label="Recipient">
        <ErrorBanner error={formError} title="The recipient was not saved" />
        {saved && (
          <Banner tone="success">
            Saved.{saved === 'saved-secret' && ' Webhook calls are signed with the new secret from now on.'}
          </Banner>
        )}
        <RecipientFields
          draft={draft}
          onChange={setDraft}
          errors={byField}
          userLinked={!!recipient.userId}
          webhookSecret={hasWebhook && <WebhookSecretFields secret={secret} onChange={setSecret} error={byField.webhookSecret} first={firstWebhook} />}
        />
      </form>
    </Drawer>
  );
}

/** One recipient: every preference editable, its suppressed addresses, a new webhook secret, delete. */
export function RecipientDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const recipient = useRecipient(id);
  if (recipient.data) return <RecipientEditor key={recipient.data.id} recipient={recipient.data} onClose={onClose} />;
  return (
    <Drawer title="Recipient" onClose={onClose}>
      <QueryFallback query={recipient} what="recipient" />
    </Drawer>
  );
}
