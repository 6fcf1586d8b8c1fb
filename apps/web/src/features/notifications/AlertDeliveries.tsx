import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { formatRelative } from '../../components/format';
import { Badge, ErrorBanner, Skeleton } from '../../components/ui';
import { DeliveryStatusCell } from './DeliveryStatus';
import { fetchDeliveries, notificationKeys } from './notifications.queries';

const SHOWN = 20;

/** Who was told of an alert, on which channel, and whether it arrived: the alert's part of the delivery log. */
export function AlertDeliveries({ alertId }: { alertId: string }) {
  const deliveries = useQuery({
    queryKey: [...notificationKeys.deliveries, { alert: alertId, limit: SHOWN }],
    queryFn: ({ signal }) => fetchDeliveries({ alert: alertId, limit: SHOWN }, signal),
    refetchInterval: 10_000,
  });
  const log = `/notifications/deliveries?alert=${encodeURIComponent(alertId)}`;
  if (deliveries.isLoading) return <Skeleton height={60} />;
  if (deliveries.isError) return <ErrorBanner error={deliveries.error} title="Could not load who was told" onRetry={() => deliveries.refetch()} />;
  const page = deliveries.data!;
  if (!page.items.length) {
    return (
      <p className="muted">
        Nobody was notified: no <Link to="/notifications/rules">routing rule</Link> matches this alert.
      </p>
    );
  }
  return (
    <>
      <ul className="alert-deliveries" aria-label="Notifications sent">
        {page.items.map((d) => (
          <li key={d.id}>
            <span className="alert-deliveries__who">
              <strong>{d.recipientName}</strong> <Badge>{d.channel}</Badge>
              {d.escalationStep > 0 && <span className="muted"> escalation {d.escalationStep}</span>}
              {d.event === 'resolved' && <span className="muted"> resolution</span>}
            </span>
            <DeliveryStatusCell delivery={d} />
            <span className="muted alert-deliveries__at">{formatRelative(d.createdAt)}</span>
          </li>
        ))}
      </ul>
      <Link className="link" to={log}>
        {page.total > page.items.length ? `All ${page.total} in the delivery log` : 'Open in the delivery log'}
      </Link>
    </>
  );
}
