import { useMutation, useQuery } from '@tanstack/react-query';
import type { Delivery, Recipient, RecipientTest } from '@stockpulse/contracts';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ui';
import { DeliveryStatusCell } from './DeliveryStatus';
import { notificationKeys } from './notifications.queries';

const FINAL = new Set<Delivery['status']>(['delivered', 'dead', 'rejected', 'suppressed', 'unknown']);
const NAME: Record<RecipientTest['channel'], string> = { email: 'email', sms: 'SMS', webhook: 'webhook' };

/** The test delivery, followed until it is final. */
function useDelivery(initial: Delivery | undefined) {
  return useQuery({
    queryKey: [...notificationKeys.deliveries, 'one', initial?.id],
    queryFn: ({ signal }) => api<Delivery>(`/deliveries/${initial!.id}`, { signal }),
    enabled: !!initial,
    initialData: initial,
    refetchInterval: (q) => (q.state.data && FINAL.has(q.state.data.status) ? false : 1_000),
  });
}

/**
 * Sends a test message on each channel the saved recipient has an address for, and shows where it stands: a way
 * to check an address, the SMTP or Twilio account, or a webhook receiver's signature check before an alert needs it.
 */
export function TestMessage({ recipient }: { recipient: Recipient }) {
  const send = useMutation({
    mutationFn: (body: RecipientTest) => api<Delivery>(`/notification-recipients/${recipient.id}/test`, { method: 'POST', body }),
  });
  const delivery = useDelivery(send.data);
  const channels = (['email', 'sms', 'webhook'] as const).filter((c) => (c === 'email' ? recipient.email : c === 'sms' ? recipient.phone : recipient.webhookUrl));
  if (!channels.length) return null;
  const d = delivery.data;
  return (
    <section aria-label="Test message">
      <h3 className="section-title">Test message</h3>
      <div className="test-message">
        {channels.map((channel) => (
          <button key={channel} type="button" className="btn btn--secondary btn--sm" disabled={send.isPending} onClick={() => send.mutate({ channel })}>
            Send a test {NAME[channel]}
          </button>
        ))}
      </div>
      {send.error && <ErrorBanner error={send.error} title="The test was not sent" />}
      {d && (
        <p className="test-message__result" role="status">
          Test {NAME[d.channel as RecipientTest['channel']]} to <span className="mono">{d.address}</span>: <DeliveryStatusCell delivery={d} />
          {d.lastError && <span className="muted"> {d.lastError}</span>}{' '}
          <Link className="link" to={`/notifications/deliveries?recipient=${recipient.id}`}>
            Delivery log
          </Link>
        </p>
      )}
    </section>
  );
}
