import { ALERT_SEVERITIES, AlertSeverity, Channel, CHANNEL_SEVERITY_DEFAULTS, CHANNELS, Recipient } from '@stockpulse/contracts';
import { ReactNode } from 'react';
import { GroupError, toggled } from '../../components/choices';
import { Field } from '../../components/ui';
import { SEVERITY_LABEL } from '../alerts/alerts.queries';

type DigestChoice = 'none' | 'hourly' | 'daily';

export interface RecipientDraft {
  name: string;
  email: string;
  phone: string;
  webhookUrl: string;
  timeZone: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  channelSeverities: Record<Channel, AlertSeverity[]>;
  digest: DigestChoice;
  digestAt: string;
  active: boolean;
}

/** The paths of the API's field errors that this form shows next to a control. */
export const RECIPIENT_FIELDS = ['name', 'email', 'phone', 'webhookUrl', 'webhookSecret', 'timeZone', 'quietHours', 'quietHours.start', 'quietHours.end', 'channelSeverities', 'digest', 'active'];

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function toRecipientDraft(r?: Recipient): RecipientDraft {
  return {
    name: r?.name ?? '',
    email: r?.email ?? '',
    phone: r?.phone ?? '',
    webhookUrl: r?.webhookUrl ?? '',
    timeZone: r?.timeZone ?? browserTimeZone(),
    quiet: !!r?.quietHours,
    quietStart: r?.quietHours?.start ?? '22:00',
    quietEnd: r?.quietHours?.end ?? '07:00',
    channelSeverities: { ...(r?.channelSeverities ?? CHANNEL_SEVERITY_DEFAULTS) } as Record<Channel, AlertSeverity[]>,
    digest: r?.digest?.period ?? 'none',
    digestAt: r?.digest?.at ?? '08:00',
    active: r?.active ?? true,
  };
}

/**
 * The request body of a draft. Empty addresses are null (removed); a half-filled time goes as typed, so the API
 * names the field. A user's email comes from the user: it is left out for user-linked recipients.
 */
export function toRecipientBody(d: RecipientDraft, userLinked: boolean): Record<string, unknown> {
  const orNull = (s: string) => s.trim() || null;
  const body: Record<string, unknown> = {
    name: d.name.trim(),
    phone: orNull(d.phone),
    webhookUrl: orNull(d.webhookUrl),
    timeZone: d.timeZone,
    quietHours: d.quiet ? { start: d.quietStart, end: d.quietEnd } : null,
    channelSeverities: d.channelSeverities,
    digest: d.digest === 'none' ? null : d.digest === 'hourly' ? { period: 'hourly' } : { period: 'daily', ...(d.digestAt ? { at: d.digestAt } : {}) },
    active: d.active,
  };
  if (!userLinked) body.email = orNull(d.email);
  return body;
}

let zones: string[] | undefined;
/** Every IANA zone this browser knows, UTC first. */
function timeZones(current: string): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones.includes(current) ? zones : [current, ...zones];
}

type Errors = Record<string, string | undefined>;
interface SectionProps {
  draft: RecipientDraft;
  onChange: (d: RecipientDraft) => void;
  errors: Errors;
}

function ContactFields({ draft, onChange, errors, userLinked }: SectionProps & { userLinked: boolean }) {
  const input = (key: 'name' | 'email' | 'phone' | 'webhookUrl', label: string, hint?: string, disabled = false) => (
    <Field label={label} error={errors[key]} hint={hint}>
      {(id, d) => <input id={id} aria-describedby={d} value={draft[key]} disabled={disabled} onChange={(e) => onChange({ ...draft, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <div className="form-grid">
      {input('name', 'Name')}
      {input('email', 'Email', userLinked ? "A user's email comes from their account: change it under Users." : undefined, userLinked)}
      {input('phone', 'Phone', 'E.164, e.g. +14155550100')}
      {input('webhookUrl', 'Webhook URL', 'Alerts are POSTed here as JSON, signed with HMAC-SHA256')}
    </div>
  );
}

function QuietHoursFields({ draft, onChange, errors }: SectionProps) {
  // `quietHours` itself (not null, not an object...) is shown under the first time
  const startError = errors['quietHours.start'] ?? (errors['quietHours.end'] ? undefined : errors.quietHours);
  return (
    <fieldset className="fieldset fieldset--wide">
      <legend>When</legend>
      <div className="form-grid">
        <Field label="Time zone" error={errors.timeZone} hint="Quiet hours and daily digests are in this zone">
          {(id, d) => (
            <select id={id} aria-describedby={d} value={draft.timeZone} onChange={(e) => onChange({ ...draft, timeZone: e.target.value })}>
              {timeZones(draft.timeZone).map((z) => (
                <option key={z} value={z}>
                  {z.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={draft.quiet} onChange={(e) => onChange({ ...draft, quiet: e.target.checked })} />
        Hold alerts during quiet hours
      </label>
      {draft.quiet && (
        <div className="form-grid">
          <Field label="Quiet hours from" error={startError}>
            {(id, d) => <input id={id} type="time" aria-describedby={d} value={draft.quietStart} onChange={(e) => onChange({ ...draft, quietStart: e.target.value })} />}
          </Field>
          <Field label="Quiet hours until" error={errors['quietHours.end']}>
            {(id, d) => <input id={id} type="time" aria-describedby={d} value={draft.quietEnd} onChange={(e) => onChange({ ...draft, quietEnd: e.target.value })} />}
          </Field>
        </div>
      )}
      <div className="field__hint">Critical alerts are sent anyway, at any hour; the others wait until the quiet hours end.</div>
    </fieldset>
  );
}

const ADDRESS_OF: Partial<Record<Channel, keyof RecipientDraft>> = { email: 'email', sms: 'phone', webhook: 'webhookUrl' };

/** Which severities each channel carries: a grid of checkboxes, a row per channel. */
function SeverityMatrix({ draft, onChange, errors }: SectionProps) {
  const set = (channel: Channel, severity: AlertSeverity) => {
    const next = toggled(draft.channelSeverities[channel], severity);
    onChange({ ...draft, channelSeverities: { ...draft.channelSeverities, [channel]: ALERT_SEVERITIES.filter((s) => next.includes(s)) } });
  };
  return (
    <fieldset className="fieldset fieldset--wide">
      <legend>Severities per channel</legend>
      <table className="matrix" aria-label="Severities per channel">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            {ALERT_SEVERITIES.map((s) => (
              <th key={s} scope="col">
                {SEVERITY_LABEL[s]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CHANNELS.map((c) => {
            const address = ADDRESS_OF[c];
            return (
              <tr key={c}>
                <th scope="row">
                  {c}
                  {address && !String(draft[address]).trim() && <span className="muted small"> (no address)</span>}
                </th>
                {ALERT_SEVERITIES.map((s) => (
                  <td key={s}>
                    <input type="checkbox" aria-label={`${c}: ${SEVERITY_LABEL[s]}`} checked={draft.channelSeverities[c].includes(s)} onChange={() => set(c, s)} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="field__hint">A rule sends on a channel only the severities ticked here. By default SMS carry critical alerts only.</div>
      <GroupError error={errors.channelSeverities} />
    </fieldset>
  );
}

const DIGEST_LABEL: Record<DigestChoice, string> = { none: 'No digest', hourly: 'Hourly', daily: 'Daily' };

function DigestFields({ draft, onChange, errors }: SectionProps) {
  return (
    <fieldset className="fieldset fieldset--wide">
      <legend>Digest</legend>
      <div className="row-gap">
        <div className="segmented" role="group" aria-label="Digest">
          {(['none', 'hourly', 'daily'] as const).map((p) => (
            <button key={p} type="button" aria-pressed={draft.digest === p} className={draft.digest === p ? 'is-active' : ''} onClick={() => onChange({ ...draft, digest: p })}>
              {DIGEST_LABEL[p]}
            </button>
          ))}
        </div>
        {draft.digest === 'daily' && (
          <label className="select-label">
            <span>at</span>
            <input type="time" aria-label="Daily digest at" value={draft.digestAt} onChange={(e) => onChange({ ...draft, digestAt: e.target.value })} />
          </label>
        )}
      </div>
      <div className="field__hint">Approaching and overstock alerts are gathered into one message per period instead of one each; the others are sent at once.</div>
      <GroupError error={errors.digest} />
    </fieldset>
  );
}

/**
 * Every preference of a recipient: addresses, time zone and quiet hours, severities per channel, digest, active.
 * `webhookSecret` stands under the addresses.
 */
export function RecipientFields(props: SectionProps & { userLinked: boolean; webhookSecret?: ReactNode }) {
  const { draft, onChange, errors } = props;
  return (
    <>
      <ContactFields {...props} />
      {props.webhookSecret}
      <QuietHoursFields {...props} />
      <SeverityMatrix {...props} />
      <DigestFields {...props} />
      <label className="checkbox">
        <input type="checkbox" checked={draft.active} onChange={(e) => onChange({ ...draft, active: e.target.checked })} />
        Active
        <span className="muted">an inactive recipient is told nothing, whatever the rules say</span>
      </label>
      <GroupError error={errors.active} />
    </>
  );
}
