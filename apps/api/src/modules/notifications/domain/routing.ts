import {
  Alert,
  AlertSeverity,
  CHANNEL_SEVERITY_DEFAULTS,
  Channel,
  DIGEST_KINDS,
  DigestSchedule,
  NotificationRule,
  QuietHours,
  Role,
} from '@stockpulse/contracts';
import { quietHoursEnd } from './schedule';

export type RuleRecipient = NotificationRule['recipients'][number];

/** A rule matches when each of its non-empty filters contains the alert's value. */
export function ruleMatches(rule: NotificationRule, alert: Alert): boolean {
  const within = <T>(filter: readonly T[], value: T | undefined | null) => !filter.length || (value != null && filter.includes(value));
  return (
    rule.active &&
    within(rule.severities, alert.severity) &&
    within(rule.kinds, alert.kind) &&
    within(rule.categories, alert.category) &&
    within(rule.locations, alert.location) &&
    within(rule.suppliers, alert.snapshot.supplier?.code)
  );
}

/**
 * Who a rule tells at an escalation step: its recipients when the alert opens (step 0) and at kind
 * escalations; tier n of its escalation chain at the n-th time-based escalation (the last tier past the end);
 * its own recipients again when it has no chain.
 */
export function ruleTargets(rule: NotificationRule, escalationStep: number): RuleRecipient[] {
  if (escalationStep === 0 || !rule.escalation.length) return rule.recipients;
  return rule.escalation[Math.min(escalationStep, rule.escalation.length) - 1].recipients;
}

export interface RecipientPreferences {
  email: string | null;
  phone: string | null;
  webhookUrl: string | null;
  timeZone: string;
  quietHours: QuietHours | null;
  channelSeverities: Partial<Record<Channel, AlertSeverity[]>>;
  digest: DigestSchedule | null;
  active: boolean;
}

export function acceptedSeverities(prefs: Pick<RecipientPreferences, 'channelSeverities'>, channel: Channel): readonly AlertSeverity[] {
  return prefs.channelSeverities[channel] ?? CHANNEL_SEVERITY_DEFAULTS[channel];
}

/** `dashboardAddress`: where the in-app inbox of a user is; null for an external contact, who has none. */
export function addressOn(prefs: RecipientPreferences, channel: Channel, dashboardAddress: string | null): string | null {
  switch (channel) {
    case 'email':
      return prefs.email;
    case 'sms':
      return prefs.phone;
    case 'webhook':
      return prefs.webhookUrl;
    case 'dashboard':
      return dashboardAddress;
  }
}

export type Plan =
  | { action: 'send'; address: string; notBefore: Date | null }
  | { action: 'digest'; address: string }
  | { action: 'skip'; reason: string };

/**
 * What to do for one recipient on one channel: skip (no address, severity not wanted, inactive), gather into
 * the digest (approaching and overstock, when the recipient has one; not the dashboard, which shows everything
 * at once), or send, at once or when the quiet hours end. Critical alerts ignore quiet hours; webhooks and the
 * dashboard have none.
 */
export function planDelivery(
  prefs: RecipientPreferences,
  channel: Channel,
  alert: Pick<Alert, 'severity' | 'kind'>,
  event: 'alert' | 'resolved',
  now: Date,
  dashboardAddress: string | null,
): Plan {
  if (!prefs.active) return { action: 'skip', reason: 'recipient inactive' };
  const address = addressOn(prefs, channel, dashboardAddress);
  if (!address) return { action: 'skip', reason: `no ${channel} address` };
  if (event === 'resolved') {
    return channel === 'webhook' || channel === 'dashboard' ? { action: 'send', address, notBefore: null } : { action: 'skip', reason: 'resolved: machines only' };
  }
  if (!acceptedSeverities(prefs, channel).includes(alert.severity)) return { action: 'skip', reason: `${alert.severity} not wanted on ${channel}` };
  const personal = channel === 'email' || channel === 'sms';
  if (personal && prefs.digest && DIGEST_KINDS.includes(alert.kind)) return { action: 'digest', address };
  const quietEnd = personal && alert.severity !== 'critical' ? quietHoursEnd(now, prefs.timeZone, prefs.quietHours) : null;
  return { action: 'send', address, notBefore: quietEnd };
}

export type { Role };
