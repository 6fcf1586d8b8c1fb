import type { AlertStreamEvent } from '@stockpulse/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatInt } from '../../components/format';
import { inboxKeys } from '../notifications/inbox.queries';
import { alertKeys, KIND_LABEL } from './alerts.queries';
import { SeverityIcon } from './SeverityBadge';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'off';

interface StreamContext {
  state: StreamState;
  /** alerts that arrived through the stream in the last few seconds, highlighted in the inbox */
  fresh: ReadonlySet<string>;
}

const Ctx = createContext<StreamContext>({ state: 'off', fresh: new Set() });

export const useAlertStream = () => useContext(Ctx);

const HIGHLIGHT_MS = 8_000;
const TOAST_MS = 6_000;
const MAX_BACKOFF_MS = 30_000;
const ROUTING_LAG_MS = 1_500;

interface Toast {
  key: number;
  event: AlertStreamEvent;
}

/**
 * One EventSource on /api/v1/alerts/stream for the signed-in shell. Each `alert` event invalidates the alert
 * queries (inbox, badge, KPIs, detail), so what is on screen refetches without a reload; opened and escalated
 * alerts also pop a toast. The browser retries a dropped connection by itself; when the server refuses it (the
 * source is then CLOSED) we open a new one with a growing delay. After any reconnect the queries are invalidated
 * too, since events sent while we were away are not replayed.
 */
export function AlertStreamProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [toasts, setToasts] = useState<Toast[]>([]);
  const toastSeq = useRef(0);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: number | undefined;
    let attempts = 0;
    let everOpened = false;
    let stopped = false;
    const timers = new Set<number>();
    const later = (fn: () => void, ms: number) => {
      const t = window.setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    };

    const onAlert = (msg: MessageEvent<string>) => {
      let event: AlertStreamEvent;
      try {
        event = JSON.parse(msg.data) as AlertStreamEvent;
      } catch {
        return;
      }
      void qc.invalidateQueries({ queryKey: alertKeys.all });
      if (!event?.alert?.id) return;
      if (event.type === 'opened' || event.type === 'escalated') {
        const id = event.alert.id;
        setFresh((prev) => new Set(prev).add(id));
        later(() => setFresh((prev) => {
          const next = new Set(prev);
          next.delete(id);
          return next;
        }), HIGHLIGHT_MS);
        // the bell's item is written when the alert has been routed, a moment after this event
        later(() => void qc.invalidateQueries({ queryKey: inboxKeys.all }), ROUTING_LAG_MS);
        const key = ++toastSeq.current;
        setToasts((prev) => [...prev.slice(-2), { key, event }]);
        later(() => setToasts((prev) => prev.filter((t) => t.key !== key)), TOAST_MS);
      }
    };

    const connect = () => {
      if (stopped) return;
      source = new EventSource('/api/v1/alerts/stream', { withCredentials: true });
      source.addEventListener('alert', onAlert as EventListener);
      source.onopen = () => {
        attempts = 0;
        setState('live');
        if (everOpened) void qc.invalidateQueries({ queryKey: alertKeys.all });
        everOpened = true;
      };
      source.onerror = () => {
        if (stopped || !source) return;
        setState('reconnecting');
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts++);
          retryTimer = window.setTimeout(connect, delay);
        }
      };
    };
    connect();

    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      timers.forEach((t) => window.clearTimeout(t));
      source?.close();
    };
  }, [qc]);

  const value = useMemo(() => ({ state, fresh }), [state, fresh]);
  return (
    <Ctx.Provider value={value}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map(({ key, event }) => {
          const a = event.alert;
          return (
            <div key={key} className={`toast toast--${a.severity}`} role="status">
              <SeverityIcon severity={a.severity} />
              <div className="toast__text">
                <strong>{event.type === 'opened' ? 'New alert' : 'Alert escalated'}: {KIND_LABEL[a.kind]}</strong>
                <span>
                  <span className="mono">{a.sku}</span> at <span className="mono">{a.location}</span> · available {formatInt(a.snapshot?.available)}
                </span>
              </div>
              <Link className="btn btn--ghost btn--sm" to={`/alerts/${encodeURIComponent(a.id)}`}>
                View
              </Link>
              <button type="button" className="toast__close" aria-label="Dismiss" onClick={() => setToasts((prev) => prev.filter((t) => t.key !== key))}>
                ×
              </button>
            </div>
          );
        })}
      </div>
    </Ctx.Provider>
  );
}
