import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { InboxItem } from '@stockpulse/contracts';
import { formatCompact, formatRelative } from '../../components/format';
import { ErrorBanner, Spinner } from '../../components/ui';
import { SeverityIcon } from '../alerts/SeverityBadge';
import { useInbox, useMarkInboxRead } from './inbox.queries';

/**
 * The bell: alerts routed to the signed-in user on the dashboard channel, with the unread count. Opening an item
 * marks it read; "Mark all read" clears the count.
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const inbox = useInbox(true);
  const markRead = useMarkInboxRead();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const unread = inbox.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const openItem = (item: InboxItem) => {
    if (!item.readAt) markRead.mutate({ ids: [item.id] });
    setOpen(false);
  };

  return (
    <div className="bell" ref={root}>
      <button
        type="button"
        className="icon-btn bell__button"
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
          <path d="M18 8a6 6 0 10-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 01-3.4 0" />
        </svg>
        {unread > 0 && (
          <span className="bell__count" data-testid="bell-count">
            {formatCompact(unread)}
          </span>
        )}
      </button>
      {open && (
        <div className="bell__panel" id={panelId} role="dialog" aria-label="Notifications">
          <div className="bell__head">
            <strong>Notifications</strong>
            <button type="button" className="btn btn--ghost btn--sm" disabled={!unread || markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
              Mark all read
            </button>
          </div>
          {inbox.isLoading && <Spinner label="Loading notifications" />}
          {inbox.isError && <ErrorBanner error={inbox.error} title="Notifications did not load" onRetry={() => inbox.refetch()} />}
          {inbox.data && inbox.data.items.length === 0 && (
            <p className="bell__empty">
              Nothing yet. Alerts reach this bell when a <Link to="/notifications/rules" onClick={() => setOpen(false)}>routing rule</Link> sends them to you on
              the dashboard.
            </p>
          )}
          <ul className="bell__list">
            {inbox.data?.items.map((item) => (
              <li key={item.id}>
                <Link to={`/alerts/${encodeURIComponent(item.alertId)}`} className={`bell__item ${item.readAt ? '' : 'is-unread'}`} onClick={() => openItem(item)}>
                  <SeverityIcon severity={item.severity} />
                  <span className="bell__text">
                    <span className="bell__title">{item.title}</span>
                    <span className="bell__meta">
                      {item.skuName} · {formatRelative(item.createdAt)}
                    </span>
                  </span>
                  {!item.readAt && <span className="bell__dot" aria-label="unread" />}
                </Link>
              </li>
            ))}
          </ul>
          {inbox.data && inbox.data.total > inbox.data.items.length && (
            <div className="bell__foot">
              {formatCompact(inbox.data.total - inbox.data.items.length)} older · <Link to="/alerts" onClick={() => setOpen(false)}>all alerts</Link>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
