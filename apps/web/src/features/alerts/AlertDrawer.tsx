import type { Alert, AlertEvent } from '@stockpulse/contracts';
import { ReactNode, useEffect, useId } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { EMPTY, formatDate, formatDateTime, formatDays, formatDecimal, formatInt, formatRelative } from '../../components/format';
import { EmptyState, ErrorBanner, Skeleton } from '../../components/ui';
import { AlertDeliveries } from '../notifications/AlertDeliveries';
import { AlertActionButtons } from './AlertActions';
import { KIND_LABEL, useAlert, useAlertEvents } from './alerts.queries';
import { SeverityBadge, StatusBadge } from './SeverityBadge';

const EVENT_LABEL: Record<AlertEvent['type'], string> = {
  opened: 'Opened',
  escalated: 'Escalated',
  acknowledged: 'Acknowledged',
  snoozed: 'Snoozed',
  unsnoozed: 'Snooze ended',
  resolved: 'Resolved',
  reopened: 'Reopened',
  reminded: 'Reminder sent',
};

function Figure({ label, value, strong }: { label: string; value: ReactNode; strong?: boolean }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd className={`num ${strong ? 'strong' : ''}`}>{value}</dd>
    </div>
  );
}

export function Snapshot({ alert }: { alert: Alert }) {
  const s = alert.snapshot;
  return (
    <dl className="figures" aria-label="Snapshot">
      <Figure label="On hand" value={formatInt(s.onHand)} />
      <Figure label="On hold" value={formatInt(s.onHold)} />
      <Figure label="Reserved" value={formatInt(s.reserved)} />
      <Figure label="In transit" value={formatInt(s.inTransit)} />
      <Figure label="On order" value={formatInt(s.onOrder)} />
      <Figure label="Available" value={formatInt(s.available)} strong />
      <Figure label="Inventory position" value={formatInt(s.inventoryPosition)} strong />
      <Figure label="Reorder point" value={formatInt(s.reorderPoint)} />
      <Figure label="Safety stock" value={formatInt(s.safetyStock)} />
      <Figure label="Order-up-to" value={formatInt(s.orderUpTo)} />
      <Figure label="Daily demand" value={`${formatDecimal(s.dailyDemand)} / d`} />
      <Figure label="Days of cover" value={formatDays(s.daysOfCover)} />
      <Figure label="Projected stockout" value={s.projectedStockoutDate ? formatDate(s.projectedStockoutDate) : EMPTY} />
      <Figure label="Earliest receipt" value={s.earliestReceiptDate ? formatDate(s.earliestReceiptDate) : EMPTY} />
      <Figure label="Suggested order" value={formatInt(s.suggestedOrderQuantity)} strong />
      <Figure
        label="Supplier"
        value={
          s.supplier ? (
            <span title={s.supplier.name}>
              <span className="mono">{s.supplier.code}</span> · {formatInt(s.supplier.leadTimeDays)} d · MOQ {formatInt(s.supplier.moq)} · pack {formatInt(s.supplier.packSize)}
            </span>
          ) : (
            EMPTY
          )
        }
      />
    </dl>
  );
}

/** The alert's detail beside the inbox: what it says, its snapshot and its timeline. */
export function AlertDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const titleId = useId();
  const alert = useAlert(id);
  const embedded = alert.data?.events;
  const events = useAlertEvents(id, alert.isSuccess && !embedded);
  const timeline = embedded ?? events.data;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const a = alert.data;
  return (
    <div className="drawer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <aside className="drawer" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <div className="drawer__header">
          <div>
            <h2 id={titleId}>{a ? `${KIND_LABEL[a.kind]}: ${a.sku} at ${a.location}` : 'Alert'}</h2>
            {a && (
              <div className="meta-row muted">
                <SeverityBadge severity={a.severity} />
                <StatusBadge status={a.status} />
                <span>opened {formatRelative(a.openedAt)}</span>
                {a.escalationLevel > 0 && <span>escalated ×{a.escalationLevel}</span>}
              </div>
            )}
          </div>
          <button type="button" className="modal__close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="drawer__body">
          {alert.isLoading && <Skeleton height={200} />}
          {alert.isError &&
            (alert.error instanceof ApiError && alert.error.status === 404 ? (
              <EmptyState title="Alert not found">It may have been removed, or the link is wrong.</EmptyState>
            ) : (
              <ErrorBanner error={alert.error} title="Could not load the alert" onRetry={() => alert.refetch()} />
            ))}
          {a && (
            <>
              <p className="drawer__reason">{a.reason}</p>
              <div className="meta-row">
                <Link className="link strong" to={`/skus/${encodeURIComponent(a.sku)}?location=${encodeURIComponent(a.location)}`}>
                  {a.skuName || a.sku}
                </Link>
                <span className="muted">{a.locationName || a.location}</span>
                {a.category && <span className="muted">{a.category}</span>}
              </div>
              <AlertActionButtons alert={a} />
              <section>
                <h3 className="section-title">Snapshot</h3>
                <Snapshot alert={a} />
              </section>
              <section>
                <h3 className="section-title">Who was told</h3>
                <AlertDeliveries alertId={a.id} />
              </section>
              <section>
                <h3 className="section-title">Timeline</h3>
                {!timeline && events.isLoading && <Skeleton height={80} />}
                {events.isError && <ErrorBanner error={events.error} title="Could not load the timeline" />}
                {timeline && (
                  <ol className="timeline" aria-label="Timeline">
                    {timeline.map((e, i) => (
                      <li key={`${e.at}-${i}`} className={`timeline__item timeline__item--${e.type}`}>
                        <div className="timeline__head">
                          <strong>{EVENT_LABEL[e.type] ?? e.type}</strong>
                          <span className="muted">{KIND_LABEL[e.kind] ?? e.kind}</span>
                          <span className="muted timeline__at" title={formatDateTime(e.at)}>
                            {formatDateTime(e.at)}
                          </span>
                        </div>
                        {(e.actor || e.detail) && (
                          <div className="muted">
                            {e.actor && <span>by {e.actor}</span>}
                            {e.actor && e.detail && ' · '}
                            {e.detail}
                          </div>
                        )}
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            </>
          )}
        </div>
      </aside>
    </div>
  );
}
