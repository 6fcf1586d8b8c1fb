import { ROLES, Role } from '@stockpulse/contracts';
import { useState } from 'react';
import { GroupError } from '../../components/choices';
import { useDebouncedValue } from '../../components/url-state';
import { useRecipient, useRecipientSearch } from './notifications.queries';

/** Whom a rule (or an escalation tier) tells: a recipient, every user of a role, or an address that becomes a contact. */
export type Target = { recipientId: string } | { role: Role } | { email: string };

export const ROLE_TARGET_LABEL: Record<Role, string> = { admin: 'Every admin', planner: 'Every planner', viewer: 'Every viewer' };

const sameTarget = (a: Target, b: Target) => JSON.stringify(a) === JSON.stringify(b);

function TargetChip({ target, label, onRemove }: { target: Target; label: string; onRemove: () => void }) {
  const recipient = useRecipient('recipientId' in target ? target.recipientId : undefined);
  const name =
    'recipientId' in target ? (recipient.data?.name ?? (recipient.isError ? 'Unknown recipient' : '…')) : 'role' in target ? ROLE_TARGET_LABEL[target.role] : target.email;
  return (
    <li className="tag">
      <span className={'email' in target ? 'mono' : undefined}>{name}</span>
      {'email' in target && <span className="muted">new contact</span>}
      <button type="button" className="tag__remove" aria-label={`Remove ${name} from ${label}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}

/**
 * Picks the targets of a rule or a tier: recipients found by the server as one types (name, email or phone), a role,
 * or a typed email address.
 */
export function TargetPicker({ label, value, onChange, error }: { label: string; value: Target[]; onChange: (next: Target[]) => void; error?: string }) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 200);
  const found = useRecipientSearch(q);
  const add = (t: Target) => {
    if (!value.some((v) => sameTarget(v, t))) onChange([...value, t]);
    setText('');
  };
  const chosen = new Set(value.flatMap((t) => ('recipientId' in t ? [t.recipientId] : [])));
  const matches = text.trim() ? (found.data?.items ?? []).filter((r) => !chosen.has(r.id)) : [];
  const typedEmail = /^[^\s@]+@[^\s@]+$/.test(text.trim()) ? text.trim() : null;

  return (
    <div className={`picker ${error ? 'field--invalid' : ''}`}>
      <ul className="picker__chosen" aria-label={label}>
        {value.length === 0 && <li className="muted small">Nobody yet</li>}
        {value.map((t) => (
          <TargetChip key={JSON.stringify(t)} target={t} label={label} onRemove={() => onChange(value.filter((v) => !sameTarget(v, t)))} />
        ))}
      </ul>
      <div className="picker__add">
        <input
          type="search"
          aria-label={`Find a recipient for ${label}`}
          placeholder="Find by name, email or phone, or type an email"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            if (matches.length === 1) add({ recipientId: matches[0]!.id });
            else if (typedEmail) add({ email: typedEmail });
          }}
        />
        <select aria-label={`Add a role to ${label}`} value="" onChange={(e) => e.target.value && add({ role: e.target.value as Role })}>
          <option value="">Add a role…</option>
          {ROLES.map((r) => (
            <option key={r} value={r} disabled={value.some((v) => 'role' in v && v.role === r)}>
              {ROLE_TARGET_LABEL[r]}
            </option>
          ))}
        </select>
      </div>
      {text.trim() && (
        <div className="picker__results" role="group" aria-label={`Matches for ${label}`}>
          {matches.map((r) => (
            <button key={r.id} type="button" className="btn btn--ghost btn--sm" aria-label={`Add ${r.name} to ${label}`} onClick={() => add({ recipientId: r.id })}>
              <span className="strong">{r.name}</span>
              <span className="muted">{[r.email, r.phone, r.webhookUrl].filter(Boolean).join(' · ')}</span>
            </button>
          ))}
          {typedEmail && !matches.some((r) => r.email === typedEmail) && (
            <button type="button" className="btn btn--ghost btn--sm" onClick={() => add({ email: typedEmail })}>
              Add {typedEmail} as a new contact
            </button>
          )}
          {!matches.length && !typedEmail && q === text.trim() && !found.isFetching && <span className="muted small">No recipient matches “{q}”.</span>}
        </div>
      )}
      <GroupError error={error} />
    </div>
  );
}
