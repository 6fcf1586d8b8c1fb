import type { AlertSeverity, AlertStatus } from '@stockpulse/contracts';
import { Badge } from '../../components/ui';
import { SEVERITY_LABEL, STATUS_LABEL } from './alerts.queries';

/** Colour is never the only signal: each severity has its own shape too. */
const PATHS: Record<AlertSeverity, string> = {
  // octagon with a bar: stop
  critical: 'M8.2 2h7.6L22 8.2v7.6L15.8 22H8.2L2 15.8V8.2zM12 7v6m0 4h.01',
  // triangle with a bar
  high: 'M12 3l10 18H2zM12 10v4m0 3.5h.01',
  // circle with a bar
  warning: 'M12 21a9 9 0 100-18 9 9 0 000 18zM12 7.5v5.5m0 3.5h.01',
  // circle with an i
  info: 'M12 21a9 9 0 100-18 9 9 0 000 18zM12 11v5.5M12 7.5h.01',
};

export const SEVERITY_COLOR: Record<AlertSeverity, string> = {
  critical: 'var(--sev-critical)',
  high: 'var(--sev-high)',
  warning: 'var(--sev-warning)',
  info: 'var(--sev-info)',
};

export function SeverityIcon({ severity, size = 16 }: { severity: AlertSeverity; size?: number }) {
  return (
    <svg className={`sev-icon sev-icon--${severity}`} viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d={PATHS[severity]} />
    </svg>
  );
}

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return (
    <span className={`sev sev--${severity}`}>
      <SeverityIcon severity={severity} size={14} />
      {SEVERITY_LABEL[severity]}
    </span>
  );
}

export function StatusBadge({ status }: { status: AlertStatus }) {
  const tone = status === 'open' ? 'danger' : status === 'acknowledged' ? 'info' : status === 'snoozed' ? 'warning' : 'success';
  return <Badge tone={tone}>{STATUS_LABEL[status]}</Badge>;
}
