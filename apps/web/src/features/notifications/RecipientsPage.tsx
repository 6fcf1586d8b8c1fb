import type { CreatedRecipient, Recipient } from '@stockpulse/contracts';
import { FormEvent, useCallback, useState } from 'react';
import { NavLink } from 'react-router-dom';
import { Column, DataTable } from '../../components/DataTable';
import { Badge, CopyButton, EmptyState, ErrorBanner, Modal, ModalFormFooter, splitFieldErrors } from '../../components/ui';
import { useOpenRow } from '../../components/url-state';
import { useMe } from '../auth/auth.queries';
import { canManageNotifications, fetchRecipients, notificationKeys, useCreateRecipient } from './notifications.queries';
import { NotificationsPage } from './NotificationsPage';
import { RecipientDrawer } from './RecipientDrawer';
import { RECIPIENT_FIELDS, RecipientFields, toRecipientBody, toRecipientDraft } from './RecipientForm';

function SecretOnce({ secret, onClose }: { secret: string; onClose: () => void }) {
  return (
    <Modal title="Recipient created" onClose={onClose} footer={<button type="button" className="btn btn--primary" onClick={onClose}>Done</button>}>
      <p><strong>Copy the webhook signing secret now.</strong> It is shown only once.</p>
      <div className="secret">
        <code aria-label="Webhook secret">{secret}</code>
        <CopyButton text={secret} label="Copy secret" />
      </div>
    </Modal>
  );
}

function CreateRecipientModal({ onClose }: { onClose: () => void }) {
  const create = useCreateRecipient();
  const [draft, setDraft] = useState(() => toRecipientDraft());
  const [created, setCreated] = useState<CreatedRecipient | null>(null);
  const { byField, formError } = splitFieldErrors(create.error, RECIPIENT_FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(toRecipientBody(draft, false), { onSuccess: (r) => (r.webhookSecret ? setCreated(r) : onClose()) });
  };
  if (created?.webhookSecret) return <SecretOnce secret={created.webhookSecret} onClose={onClose} />;
  return (
    <Modal title="New recipient" onClose={onClose} wide footer={<ModalFormFooter form="recipient-form" onCancel={onClose} pending={create.isPending} label="Create recipient" pendingLabel="Creating…" />}>
      <form id="recipient-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The recipient was not created" />
        <RecipientFields draft={draft} onChange={setDraft} errors={byField} userLinked={false} />
      </form>
    </Modal>
  );
}

const preferences = (r: Recipient) =>
  [r.timeZone, r.quietHours && `quiet ${r.quietHours.start}–${r.quietHours.end}`, r.digest && `digest ${r.digest.period}${r.digest.at ? ` at ${r.digest.at}` : ''}`]
    .filter(Boolean)
    .join(', ');

/** Users and external contacts; `?edit=<id>` opens one in a drawer. */
export function RecipientsPage() {
  const me = useMe();
  const canManage = canManageNotifications(me.data);
  const { openId: editing, open, close } = useOpenRow();
  const [creating, setCreating] = useState(false);
  const stopCreating = useCallback(() => setCreating(false), []);
  const columns: Column<Recipient>[] = [
    { key: 'name', header: 'Name', render: (r) => <div className="cell-stack"><span className="strong">{r.name}</span>{r.userId && <span className="muted">user</span>}</div> },
    { key: 'addresses', header: 'Addresses', render: (r) => <div className="cell-stack">{[r.email, r.phone, r.webhookUrl].filter(Boolean).map((a) => <span key={a} className="mono">{a}</span>)}</div> },
    { key: 'prefs', header: 'Preferences', render: (r) => <span className="muted">{preferences(r)}</span> },
    { key: 'active', header: 'Active', render: (r) => (r.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
    { key: 'suppressed', header: 'Suppressed', render: (r) => r.suppressed.map((s) => <Badge key={s.address} tone="danger">{s.channel}: {s.reason.slice(0, 40)}</Badge>) },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      render: (r) => (
        <div className="row-actions row-actions--end">
          <NavLink className="btn btn--ghost btn--sm" to={`/notifications/deliveries?recipient=${r.id}`} onClick={(e) => e.stopPropagation()}>Deliveries</NavLink>
          {canManage && <button type="button" className="btn btn--secondary btn--sm" aria-label={`Edit ${r.name}`} onClick={(e) => { e.stopPropagation(); open(r.id); }}>Edit</button>}
        </div>
      ),
    },
  ];
  return (
    <NotificationsPage
      subtitle="Users and external contacts, their channels and preferences."
      actions={canManage && <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>New recipient</button>}
    >
      <DataTable<Recipient>
        label="Recipients"
        queryKey={notificationKeys.recipients}
        fetchPage={fetchRecipients}
        columns={columns}
        rowKey={(r) => r.id}
        onRowClick={canManage ? (r) => open(r.id) : undefined}
        empty={<EmptyState title="No recipients">Add a recipient, or name users in a rule.</EmptyState>}
      />
      {creating && <CreateRecipientModal onClose={stopCreating} />}
      {editing && <RecipientDrawer id={editing} onClose={close} />}
    </NotificationsPage>
  );
}
