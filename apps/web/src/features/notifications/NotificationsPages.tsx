import { CHANNELS, Delivery, DELIVERY_STATUSES, LoggedMessage, RETRYABLE_DELIVERY_STATUSES } from '@stockpulse/contracts';
import { Column, DataTable } from '../../components/DataTable';
import { formatDateTime, formatRelative } from '../../components/format';
import { Badge, EmptyState, ErrorBanner } from '../../components/ui';
import { useUrlState } from '../../components/url-state';
import { fetchDeliveries, fetchMessages, notificationKeys, useRetryDelivery } from './notifications.queries';
import { DeliveryStatusCell } from './DeliveryStatus';
import { NotificationsPage } from './NotificationsPage';


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
    { key: 'status', header: 'Status', render: (d) => <DeliveryStatusCell delivery={d} /> },
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
    <NotificationsPage subtitle="Who was told of which alert, on which channel, and whether it arrived.">
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
    </NotificationsPage>
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
    <NotificationsPage subtitle="Without SMTP_URL or TWILIO_* set, emails and SMS are rendered and kept here instead of sent.">
      <DataTable<LoggedMessage>
        label="Message log"
        queryKey={notificationKeys.messages}
        fetchPage={fetchMessages}
        columns={columns}
        rowKey={(m) => m.id}
        renderExpanded={(m) => <pre className="mono">{m.text}</pre>}
        empty={<EmptyState title="No kept messages">Messages appear here when a channel has no provider configured.</EmptyState>}
      />
    </NotificationsPage>
  );
}
