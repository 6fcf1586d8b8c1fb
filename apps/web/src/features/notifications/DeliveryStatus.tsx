import type { Delivery } from '@stockpulse/contracts';
import { formatDateTime } from '../../components/format';
import { Badge } from '../../components/ui';

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

/** The status, and for an SMS of unknown outcome where Twilio's message log stands: next lookup, or a person's turn. */
export function DeliveryStatusCell({ delivery: d }: { delivery: Delivery }) {
  const lookup =
    d.status !== 'unknown' || (!d.lookups && !d.nextLookupAt)
      ? null
      : d.nextLookupAt
        ? `next Twilio lookup ${formatDateTime(d.nextLookupAt)}${d.lookups ? ` (${d.lookups} made)` : ''}`
        : `${d.lookups} Twilio lookups failed: check Twilio, then retry`;
  return (
    <span className="status-cell">
      <Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge>
      {lookup && <span className="muted status-cell__note">{lookup}</span>}
    </span>
  );
}
