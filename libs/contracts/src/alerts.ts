import { z } from 'zod';
import { codeSchema, isoDateTimeSchema, pageQuerySchema } from './common';
import type { StockBuckets } from './inventory';

/**
 * Alert kinds in the order stock falls (shared/DOMAIN.md "Alert levels"); overstock is the other side.
 * The shortage kinds form one family: one open alert per SKU x location escalates through them (approaching ->
 * below_reorder_point -> critical -> stockout) instead of opening a second; overstock is its own family.
 */
export const ALERT_KINDS = ['approaching', 'below_reorder_point', 'critical', 'stockout', 'overstock'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const SHORTAGE_KINDS: readonly AlertKind[] = ['approaching', 'below_reorder_point', 'critical', 'stockout'];
export const ALERT_FAMILIES = ['shortage', 'overstock'] as const;
export type AlertFamily = (typeof ALERT_FAMILIES)[number];

/** Severity follows the kind. */
export const ALERT_SEVERITIES = ['info', 'warning', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const SEVERITY_OF_KIND: Record<AlertKind, AlertSeverity> = {
  approaching: 'info',
  overstock: 'info',
  below_reorder_point: 'warning',
  critical: 'high',
  stockout: 'critical',
};

export const ALERT_STATUSES = ['open', 'acknowledged', 'snoozed', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The figures at the moment the alert opened or last changed kind. */
export interface AlertSnapshot extends StockBuckets {
  reorderPoint: number;
  safetyStock: number;
  orderUpTo: number;
  /** mean daily demand used for projections (units/day) */
  dailyDemand: number;
  /** available / daily demand; null when there is no demand */
  daysOfCover: number | null;
  projectedStockoutDate: string | null;
  /** order-up-to minus position, rounded up to pack size, at least MOQ; 0 when none is needed */
  suggestedOrderQuantity: number;
  supplier: { code: string; name: string; leadTimeDays: number; moq: number; packSize: number } | null;
  /** earliest date a receipt ordered now can arrive */
  earliestReceiptDate: string | null;
}

export interface Alert {
  id: string;
  sku: string;
  skuName: string;
  category: string;
  location: string;
  locationName: string;
  family: AlertFamily;
  kind: AlertKind;
  severity: AlertSeverity;
  status: AlertStatus;
  /** why, in a sentence: "available 12 is at or below safety stock 15" */
  reason: string;
  snapshot: AlertSnapshot;
  openedAt: string;
  /** last time the kind moved up (escalated) */
  escalatedAt: string | null;
  /** time-based escalation of an unacknowledged critical alert: how many times it was escalated to the next tier */
  escalationLevel: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  snoozedUntil: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: 'recovered' | 'manual' | null;
  resolutionReason: string | null;
  /** a stockout followed while this alert was open (or within the lead time after it opened) */
  followedByStockout: boolean;
}

/** An entry of an alert's timeline (GET /api/v1/alerts/{id}/events). */
export interface AlertEvent {
  at: string;
  type: 'opened' | 'escalated' | 'acknowledged' | 'snoozed' | 'unsnoozed' | 'resolved' | 'reopened' | 'reminded';
  kind: AlertKind;
  actor: string | null;
  detail: string | null;
}

const list = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(50)).optional();

export const ALERT_SORTS = ['openedAt', 'severity', 'sku', 'location', 'kind'] as const;
export const alertListQuerySchema = pageQuerySchema
  .extend({
    status: list(z.enum(ALERT_STATUSES, { message: `must be one of ${ALERT_STATUSES.join(', ')}` })),
    kind: list(z.enum(ALERT_KINDS, { message: `must be one of ${ALERT_KINDS.join(', ')}` })),
    severity: list(z.enum(ALERT_SEVERITIES, { message: `must be one of ${ALERT_SEVERITIES.join(', ')}` })),
    sku: codeSchema.optional(),
    location: codeSchema.optional(),
    category: z.string().trim().min(1).max(100).optional(),
    supplier: codeSchema.optional(),
    sort: z
      .string()
      .regex(new RegExp(`^-?(${ALERT_SORTS.join('|')})$`), `must be one of ${ALERT_SORTS.join(', ')}, optionally prefixed by -`)
      .optional(),
  })
  .strict();
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const alertAcknowledgeSchema = z
  .object({ note: z.string({ message: 'must be a string' }).trim().max(500, 'must be at most 500 characters').optional() })
  .strict();
export const alertSnoozeSchema = z.object({ until: isoDateTimeSchema }).strict();
export const alertResolveSchema = z
  .object({ reason: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters') })
  .strict();
/** POST /api/v1/alerts/acknowledge: bulk acknowledge from the inbox. */
export const alertBulkAcknowledgeSchema = z
  .object({ ids: z.array(z.uuid({ message: 'must be an alert id' })).min(1, 'must name at least one alert').max(1000, 'at most 1,000 alerts') })
  .strict();

/** Alert settings (GET/PUT /api/v1/alert-settings). */
export const alertSettingsSchema = z
  .object({
    /** approaching: position within this many days of demand above the reorder point */
    approachDays: z.number({ message: 'must be a number' }).min(0).max(90, 'must be at most 90'),
    /** hysteresis: after resolving, a new alert opens only once the position has recovered past ROP + this many days of demand */
    reArmDays: z.number({ message: 'must be a number' }).min(0).max(90, 'must be at most 90'),
    /** a critical or stockout alert not acknowledged within this many minutes is escalated */
    escalateAfterMinutes: z.number({ message: 'must be a number' }).int('must be an integer').min(1).max(10_080),
  })
  .strict();
export type AlertSettings = z.infer<typeof alertSettingsSchema>;
export const DEFAULT_ALERT_SETTINGS: AlertSettings = { approachDays: 3, reArmDays: 1, escalateAfterMinutes: 30 };

/** GET /api/v1/alerts/kpis. */
export interface AlertKpis {
  openBySeverity: Record<AlertSeverity, number>;
  acknowledgeMinutes: { median: number | null; p90: number | null; count: number };
  stockouts: { sku: string; location: string; count: number; totalHours: number; open: boolean }[];
  alertsFollowedByStockout: number;
  resolvedAlerts: number;
  from: string;
  to: string;
}

/** What GET /api/v1/alerts/stream (server-sent events) sends: `event: alert` with this as data. */
export interface AlertStreamEvent {
  /** `unsnoozed`: a snooze ended (the alert is back in the inbox) */
  type: 'opened' | 'escalated' | 'acknowledged' | 'snoozed' | 'unsnoozed' | 'resolved';
  alert: Alert;
}

/** GET /api/v1/alerts/{id}: the alert with its timeline, oldest first. */
export interface AlertDetail extends Alert {
  events: AlertEvent[];
}

/** POST /api/v1/alerts/acknowledge answers the alerts now acknowledged and the ids it skipped, with why. */
export interface AlertBulkAcknowledgeResult {
  items: Alert[];
  skipped: { id: string; reason: string }[];
}

/** GET /api/v1/alerts/kpis?from=&to= (default: the last 30 days up to now). */
export const alertKpisQuerySchema = z
  .object({ from: isoDateTimeSchema.optional(), to: isoDateTimeSchema.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), { path: ['to'], message: 'must not be before from' });
export type AlertKpisQuery = z.infer<typeof alertKpisQuerySchema>;
