import type { Alert } from '@stockpulse/contracts';
import { FormEvent, useState } from 'react';
import { formatDateTime } from '../../components/format';
import { ErrorBanner, Field, Modal, ModalFormFooter, splitFieldErrors } from '../../components/ui';
import { useAlertAction } from './alerts.queries';

/** A Date as the value of an <input type="datetime-local"> (local time, minutes). */
function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const SNOOZE_PRESETS: { key: string; label: string; until: () => Date }[] = [
  { key: '1h', label: '1 hour', until: () => new Date(Date.now() + 3_600_000) },
  { key: '4h', label: '4 hours', until: () => new Date(Date.now() + 4 * 3_600_000) },
  {
    key: 'tomorrow',
    label: 'Tomorrow 8:00',
    until: () => {
      const d = new Date();
      d.setDate(d.getDate() + 1);
      d.setHours(8, 0, 0, 0);
      return d;
    },
  },
];

const title = (a: Alert) => `${a.sku} at ${a.location}`;

export function SnoozeModal({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const action = useAlertAction();
  const [preset, setPreset] = useState('4h');
  const [until, setUntil] = useState(() => toLocalInput(SNOOZE_PRESETS[1]!.until()));
  const [localError, setLocalError] = useState<string | null>(null);
  const { byField, formError } = splitFieldErrors(action.error, ['until']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    const at = new Date(until);
    if (!until || Number.isNaN(at.getTime())) return setLocalError('Choose a date and time.');
    action.mutate({ kind: 'snooze', id: alert.id, until: at.toISOString() }, { onSuccess: onClose });
  };

  return (
    <Modal
      title={`Snooze ${title(alert)}`}
      onClose={onClose}
      footer={<ModalFormFooter form="snooze-form" onCancel={onClose} pending={action.isPending} label="Snooze" pendingLabel="Snoozing…" />}
    >
      <form id="snooze-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The alert was not snoozed" />
        <p className="muted">The alert leaves the inbox until then, and comes back if it is still true.</p>
        <div className="segmented" role="group" aria-label="Snooze for">
          {SNOOZE_PRESETS.map((p) => (
            <button
              key={p.key}
              type="button"
              aria-pressed={preset === p.key}
              className={preset === p.key ? 'is-active' : ''}
              onClick={() => {
                setPreset(p.key);
                setUntil(toLocalInput(p.until()));
              }}
            >
              {p.label}
            </button>
          ))}
        </div>
        <Field label="Snooze until" error={localError ?? byField.until} hint={until ? formatDateTime(new Date(until).toISOString()) : undefined}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="datetime-local"
              value={until}
              onChange={(e) => {
                setPreset('');
                setUntil(e.target.value);
              }}
            />
          )}
        </Field>
      </form>
    </Modal>
  );
}

export function ResolveModal({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const action = useAlertAction();
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const { byField, formError } = splitFieldErrors(action.error, ['reason']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (!reason.trim()) return setLocalError('Say why the alert is resolved: the team reads it in the timeline.');
    action.mutate({ kind: 'resolve', id: alert.id, reason: reason.trim() }, { onSuccess: onClose });
  };

  return (
    <Modal
      title={`Resolve ${title(alert)}`}
      onClose={onClose}
      footer={<ModalFormFooter form="resolve-form" onCancel={onClose} pending={action.isPending} label="Resolve alert" pendingLabel="Resolving…" />}
    >
      <form id="resolve-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The alert was not resolved" />
        <Field label="Reason" error={localError ?? byField.reason} hint="e.g. purchase order PO-1234 placed, counted stock is correct">
          {(id, d) => <textarea id={id} aria-describedby={d} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </form>
    </Modal>
  );
}

/** Acknowledge / snooze / resolve buttons for one alert; `compact` for table rows. */
export function AlertActionButtons({ alert, compact, onError }: { alert: Alert; compact?: boolean; onError?: (err: unknown) => void }) {
  const action = useAlertAction();
  const [modal, setModal] = useState<'snooze' | 'resolve' | null>(null);
  const size = compact ? 'btn--sm' : '';
  if (alert.status === 'resolved') return null;
  return (
    <div className="row-actions" onClick={(e) => e.stopPropagation()}>
      {alert.status === 'open' && (
        <button
          type="button"
          className={`btn btn--secondary ${size}`}
          aria-label={`Acknowledge ${title(alert)}`}
          disabled={action.isPending}
          onClick={() => action.mutate({ kind: 'acknowledge', id: alert.id }, { onError })}
        >
          {compact ? 'Ack' : 'Acknowledge'}
        </button>
      )}
      <button type="button" className={`btn btn--ghost ${size}`} aria-label={`Snooze ${title(alert)}`} onClick={() => setModal('snooze')}>
        Snooze
      </button>
      <button type="button" className={`btn btn--ghost ${size}`} aria-label={`Resolve ${title(alert)}`} onClick={() => setModal('resolve')}>
        Resolve
      </button>
      {modal === 'snooze' && <SnoozeModal alert={alert} onClose={() => setModal(null)} />}
      {modal === 'resolve' && <ResolveModal alert={alert} onClose={() => setModal(null)} />}
    </div>
  );
}
