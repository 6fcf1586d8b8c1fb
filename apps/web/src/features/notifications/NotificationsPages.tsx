import { FormEvent, useState } from 'react';
import { NavLink } from 'react-router-dom';
import {
  ALERT_KINDS,
  ALERT_SEVERITIES,
  CHANNELS,
  CreatedRecipient,
  Delivery,
  DELIVERY_STATUSES,
  LoggedMessage,
  NotificationRule,
  Recipient,
  RETRYABLE_DELIVERY_STATUSES,
} from '@stockpulse/contracts';
import { Column, DataTable } from '../../components/DataTable';
import { formatDateTime, formatRelative } from '../../components/format';
import { Badge, CopyButton, EmptyState, ErrorBanner, Field, Modal, PageHeader, splitFieldErrors } from '../../components/ui';
import { useUrlState } from '../../components/url-state';
import {
  fetchDeliveries,
  fetchMessages,
  fetchRecipients,
  fetchRules,
  notificationKeys,
  useCreateRecipient,
  useCreateRule,
  useRetryDelivery,
  useToggleRule,
} from './notifications.queries';

function Tabs() {
  const tab = (to: string, label: string) => (
    <NavLink to={`/notifications/${to}`} className={({ isActive }) => `btn btn--sm ${isActive ? 'btn--primary' : 'btn--ghost'}`}>
      {label}
    </NavLink>
  );
  return (
    <nav className="toolbar" aria-label="Notifications">
      {tab('deliveries', 'Delivery log')}
      {tab('rules', 'Rules')}
      {tab('recipients', 'Recipients')}
      {tab('messages', 'Message log')}
    </nav>
  );
}

const STATUS_TONE: Record<Delivery['status'], 'neutral' | 'success' | 'warning' | 'danger' | 'info'> = {
  pending: 'info',
  sending: 'info',
  retrying: 'warning',
  delivered: 'success',
  dead: 'danger',
  rejected: 'danger',
  suppressed: 'warning',
  unknown: 'warning',
};

/** The delivery log: per alert (?alert=) and per recipient (?recipient=), with retry-now for failed ones. */
export function DeliveriesPage() {
  const { get, set } = useUrlState();
  const retry = useRetryDelivery();
  const filters = { alert: get('alert') || undefined, recipient: get('recipient') || undefined, channel: get('channel') || undefined, status: get('status') || undefined };
  const columns: Column<Delivery>[] = [
    { key: 'createdAt', header: 'Created', render: (d) => <span className="muted" title={formatDateTime(d.createdAt)}>{formatRelative(d.createdAt)}</span> },
    {
      key: 'alert',
      header: 'Alert',
      render: (d) =>
        d.alertId ? (
          <button type="button" className="btn btn--ghost btn--sm" onClick={() => set({ alert: d.alertId })}>
            {d.kind} {d.sku} @ {d.location}
            {d.escalationStep > 0 ? ` (step ${d.escalationStep})` : ''}
          </button>
        ) : (
          <span>{d.event}</span>
        ),
    },
    {
      key: 'recipient',
      header: 'Recipient',
      render: (d) => (
        <button type="button" className="btn btn--ghost btn--sm" onClick={() => set({ recipient: d.recipientId })}>
          {d.recipientName}
        </button>
      ),
    },
    { key: 'channel', header: 'Channel', render: (d) => <span><Badge>{d.channel}</Badge> <span className="muted mono">{d.address}</span></span> },
    { key: 'status', header: 'Status', render: (d) => <Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge> },
    { key: 'attempts', header: 'Attempts', align: 'right', render: (d) => d.attempts },
    { key: 'lastError', header: 'Last error', render: (d) => <span className="muted">{d.lastError ?? ''}</span> },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      render: (d) =>
        RETRYABLE_DELIVERY_STATUSES.includes(d.status) && (
          <button type="button" className="btn btn--secondary btn--sm" aria-label={`Retry delivery to ${d.address}`} disabled={retry.isPending} onClick={() => retry.mutate(d.id)}>
            Retry now
          </button>
        ),
    },
  ];
  return (
    <div className="page">
      <PageHeader title="Notifications" subtitle="Who was told of which alert, on which channel, and whether it arrived." />
      <Tabs />
      <div className="toolbar">
        <label className="select-label">
          <span>Channel</span>
          <select aria-label="Channel" value={filters.channel ?? ''} onChange={(e) => set({ channel: e.target.value || null })}>
            <option value="">All channels</option>
            {CHANNELS.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label className="select-label">
          <span>Status</span>
          <select aria-label="Status" value={filters.status ?? ''} onChange={(e) => set({ status: e.target.value || null })}>
            <option value="">All</option>
            <option value="dead,rejected,suppressed,unknown">Failed</option>
            {DELIVERY_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        {(filters.alert || filters.recipient) && (
          <button type="button" className="btn btn--ghost btn--sm" onClick={() => set({ alert: null, recipient: null })}>
            Show every alert and recipient
          </button>
        )}
      </div>
      <ErrorBanner error={retry.error} title="The delivery was not retried" />
      <DataTable<Delivery>
        label="Deliveries"
        queryKey={notificationKeys.deliveries}
        fetchPage={fetchDeliveries}
        filters={filters}
        columns={columns}
        rowKey={(d) => d.id}
        empty={<EmptyState title="No deliveries">Deliveries appear here as alerts are routed to recipients.</EmptyState>}
      />
    </div>
  );
}

/** The embedded default: messages rendered and kept instead of sent (no SMTP_URL / TWILIO_*). */
export function MessagesPage() {
  const columns: Column<LoggedMessage>[] = [
    { key: 'createdAt', header: 'When', render: (m) => <span className="muted">{formatDateTime(m.createdAt)}</span> },
    { key: 'channel', header: 'Channel', render: (m) => <Badge>{m.channel}</Badge> },
    { key: 'address', header: 'To', render: (m) => <span className="mono">{m.address}</span> },
    { key: 'message', header: 'Message', render: (m) => <div className="cell-stack">{m.subject && <span className="strong">{m.subject}</span>}<span className="muted">{m.text.split('\n').slice(0, 3).join(' · ')}</span></div> },
  ];
  return (
    <div className="page">
      <PageHeader title="Notifications" subtitle="Without SMTP_URL or TWILIO_* set, emails and SMS are rendered and kept here instead of sent." />
      <Tabs />
      <DataTable<LoggedMessage>
        label="Message log"
        queryKey={notificationKeys.messages}
        fetchPage={fetchMessages}
        columns={columns}
        rowKey={(m) => m.id}
        renderExpanded={(m) => <pre className="mono">{m.text}</pre>}
        empty={<EmptyState title="No kept messages">Messages appear here when a channel has no provider configured.</EmptyState>}
      />
    </div>
  );
}

function CreateRecipientModal({ onClose }: { onClose: () => void }) {
  const create = useCreateRecipient();
  const [form, setForm] = useState({ name: '', email: '', phone: '', webhookUrl: '', timeZone: 'UTC', quietStart: '', quietEnd: '' });
  const [created, setCreated] = useState<CreatedRecipient | null>(null);
  const { byField, formError } = splitFieldErrors(create.error, ['name', 'email', 'phone', 'webhookUrl', 'timeZone', 'quietHours']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { name: form.name.trim(), timeZone: form.timeZone.trim() };
    if (form.email.trim()) body.email = form.email.trim();
    if (form.phone.trim()) body.phone = form.phone.trim();
    if (form.webhookUrl.trim()) body.webhookUrl = form.webhookUrl.trim();
    if (form.quietStart && form.quietEnd) body.quietHours = { start: form.quietStart, end: form.quietEnd };
    create.mutate(body, { onSuccess: (r) => (r.webhookSecret ? setCreated(r) : onClose()) });
  };
  if (created?.webhookSecret) {
    return (
      <Modal title="Recipient created" onClose={onClose} footer={<button type="button" className="btn btn--primary" onClick={onClose}>Done</button>}>
        <p><strong>Copy the webhook signing secret now.</strong> It is shown only once.</p>
        <div className="secret">
          <code aria-label="Webhook secret">{created.webhookSecret}</code>
          <CopyButton text={created.webhookSecret} label="Copy secret" />
        </div>
      </Modal>
    );
  }
  const input = (key: keyof typeof form, label: string, hint?: string, type = 'text') => (
    <Field label={label} error={byField[key === 'quietStart' || key === 'quietEnd' ? 'quietHours' : key]} hint={hint}>
      {(id, d) => <input id={id} type={type} aria-describedby={d} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <Modal
      title="New recipient"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>Cancel</button>
          <button type="submit" form="recipient-form" className="btn btn--primary" disabled={create.isPending}>Create recipient</button>
        </>
      }
    >
      <form id="recipient-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The recipient was not created" />
        {input('name', 'Name')}
        {input('email', 'Email')}
        {input('phone', 'Phone', 'E.164, e.g. +14155550100; SMS carry critical alerts by default')}
        {input('webhookUrl', 'Webhook URL', 'Signed with HMAC-SHA256; the secret is shown once')}
        {input('timeZone', 'Time zone', 'IANA, e.g. Europe/Paris')}
        {input('quietStart', 'Quiet hours from', 'Critical alerts are sent anyway', 'time')}
        {input('quietEnd', 'Quiet hours until', undefined, 'time')}
      </form>
    </Modal>
  );
}

export function RecipientsPage() {
  const [creating, setCreating] = useState(false);
  const columns: Column<Recipient>[] = [
    { key: 'name', header: 'Name', render: (r) => <div className="cell-stack"><span className="strong">{r.name}</span>{r.userId && <span className="muted">user</span>}</div> },
    { key: 'addresses', header: 'Addresses', render: (r) => <div className="cell-stack">{[r.email, r.phone, r.webhookUrl].filter(Boolean).map((a) => <span key={a} className="mono">{a}</span>)}</div> },
    { key: 'prefs', header: 'Preferences', render: (r) => <span className="muted">{r.timeZone}{r.quietHours ? `, quiet ${r.quietHours.start}–${r.quietHours.end}` : ''}{r.digest ? `, digest ${r.digest.period}${r.digest.at ? ` at ${r.digest.at}` : ''}` : ''}</span> },
    { key: 'suppressed', header: 'Suppressed', render: (r) => r.suppressed.map((s) => <Badge key={s.address} tone="danger">{s.channel}: {s.reason.slice(0, 40)}</Badge>) },
    { key: 'log', header: <span className="sr-only">Deliveries</span>, align: 'right', render: (r) => <NavLink className="btn btn--ghost btn--sm" to={`/notifications/deliveries?recipient=${r.id}`}>Deliveries</NavLink> },
  ];
  return (
    <div className="page">
      <PageHeader title="Notifications" subtitle="Users and external contacts, their channels and preferences." actions={<button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>New recipient</button>} />
      <Tabs />
      <DataTable<Recipient> label="Recipients" queryKey={notificationKeys.recipients} fetchPage={fetchRecipients} columns={columns} rowKey={(r) => r.id} empty={<EmptyState title="No recipients">Add a recipient, or name users in a rule.</EmptyState>} />
      {creating && <CreateRecipientModal onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateRuleModal({ onClose }: { onClose: () => void }) {
  const create = useCreateRule();
  const [name, setName] = useState('');
  const [severities, setSeverities] = useState<string[]>([]);
  const [kinds, setKinds] = useState<string[]>([]);
  const [channels, setChannels] = useState<string[]>(['email']);
  const [locations, setLocations] = useState('');
  const [emails, setEmails] = useState('');
  const [role, setRole] = useState('');
  const { byField, formError } = splitFieldErrors(create.error, ['name', 'channels', 'recipients', 'locations']);
  const toggle = (list: string[], set: (v: string[]) => void, v: string) => set(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const recipients = [
      ...emails.split(/[\s,]+/).filter(Boolean).map((email) => ({ email })),
      ...(role ? [{ role }] : []),
    ];
    const codes = locations.split(/[\s,]+/).filter(Boolean);
    create.mutate({ name: name.trim(), severities, kinds, channels, recipients, ...(codes.length ? { locations: codes } : {}) }, { onSuccess: onClose });
  };
  const checks = (all: readonly string[], list: string[], set: (v: string[]) => void, legend: string) => (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="chips">
        {all.map((v) => (
          <label key={v} className="checkbox">
            <input type="checkbox" checked={list.includes(v)} onChange={() => toggle(list, set, v)} /> {v}
          </label>
        ))}
      </div>
    </fieldset>
  );
  return (
    <Modal
      title="New rule"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>Cancel</button>
          <button type="submit" form="rule-form" className="btn btn--primary" disabled={create.isPending}>Create rule</button>
        </>
      }
    >
      <form id="rule-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The rule was not created" />
        <Field label="Name" error={byField.name}>{(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        {checks(ALERT_SEVERITIES, severities, setSeverities, 'Severities (none: any)')}
        {checks(ALERT_KINDS, kinds, setKinds, 'Kinds (none: any)')}
        {checks(CHANNELS, channels, setChannels, 'Channels')}
        {byField.channels && <div className="field__error" role="alert">{byField.channels}</div>}
        <Field label="Locations" error={byField.locations} hint="Codes separated by commas; empty: every location">
          {(id, d) => <input id={id} aria-describedby={d} value={locations} onChange={(e) => setLocations(e.target.value)} />}
        </Field>
        <Field label="Email recipients" error={byField.recipients} hint="Addresses separated by commas">
          {(id, d) => <input id={id} aria-describedby={d} value={emails} onChange={(e) => setEmails(e.target.value)} />}
        </Field>
        <Field label="Role">
          {(id) => (
            <select id={id} value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">No role</option>
              <option value="admin">Every admin</option>
              <option value="planner">Every planner</option>
              <option value="viewer">Every viewer</option>
            </select>
          )}
        </Field>
      </form>
    </Modal>
  );
}

export function RulesPage() {
  const [creating, setCreating] = useState(false);
  const toggle = useToggleRule();
  const any = (l: string[]) => (l.length ? l.join(', ') : 'any');
  const columns: Column<NotificationRule>[] = [
    { key: 'name', header: 'Name', render: (r) => <span className="strong">{r.name}</span> },
    { key: 'filters', header: 'When', render: (r) => <span className="muted">severity {any(r.severities)}; kind {any(r.kinds)}; location {any(r.locations)}; category {any(r.categories)}; supplier {any(r.suppliers)}</span> },
    { key: 'channels', header: 'Channels', render: (r) => <div className="chips">{r.channels.map((c) => <Badge key={c}>{c}</Badge>)}</div> },
    { key: 'who', header: 'Recipients', render: (r) => `${r.recipients.length}${r.escalation.length ? ` + ${r.escalation.length} escalation tier(s)` : ''}` },
    {
      key: 'active',
      header: 'Active',
      render: (r) => (
        <button type="button" className="btn btn--ghost btn--sm" aria-label={`${r.active ? 'Pause' : 'Resume'} ${r.name}`} onClick={() => toggle.mutate({ id: r.id, active: !r.active })}>
          {r.active ? <Badge tone="success">Active</Badge> : <Badge>Paused</Badge>}
        </button>
      ),
    },
  ];
  return (
    <div className="page">
      <PageHeader title="Notifications" subtitle="Routing rules: which alerts reach whom, on which channels." actions={<button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>New rule</button>} />
      <Tabs />
      <ErrorBanner error={toggle.error} title="The rule was not changed" />
      <DataTable<NotificationRule> label="Rules" queryKey={notificationKeys.rules} fetchPage={fetchRules} columns={columns} rowKey={(r) => r.id} empty={<EmptyState title="No rules">Without a rule, alerts show on the dashboard only.</EmptyState>} />
      {creating && <CreateRuleModal onClose={() => setCreating(false)} />}
    </div>
  );
}
