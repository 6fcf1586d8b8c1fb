import type { Alert, AlertEvent, AlertFamily, AlertKind, AlertSettings, AlertSeverity, AlertSnapshot, AlertStatus } from '@stockpulse/contracts';
import { ALERT_SEVERITIES } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';

export type AlertRow = Record<string, unknown>;

/** 0 (info) .. 3 (critical): the inbox sorts on it. */
export const severityRank = (s: AlertSeverity): number => ALERT_SEVERITIES.indexOf(s);

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export function toAlert(r: AlertRow): Alert {
  const snapshot = (typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : r.snapshot) as AlertSnapshot;
  return {
    id: r.id as string,
    sku: r.sku_code as string,
    skuName: r.sku_name as string,
    category: r.category as string,
    location: r.location_code as string,
    locationName: r.location_name as string,
    family: r.family as AlertFamily,
    kind: r.kind as AlertKind,
    severity: r.severity as AlertSeverity,
    status: r.status as AlertStatus,
    reason: r.reason as string,
    snapshot,
    openedAt: iso(r.opened_at)!,
    escalatedAt: iso(r.escalated_at),
    escalationLevel: Number(r.escalation_level),
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: (r.acknowledged_by as string | null) ?? null,
    snoozedUntil: iso(r.snoozed_until),
    resolvedAt: iso(r.resolved_at),
    resolvedBy: (r.resolved_by as string | null) ?? null,
    resolution: (r.resolution as Alert['resolution']) ?? null,
    resolutionReason: (r.resolution_reason as string | null) ?? null,
    followedByStockout: r.followed_by_stockout as boolean,
  };
}

export function toAlertEvent(r: AlertRow): AlertEvent {
  return {
    at: iso(r.at)!,
    type: r.type as AlertEvent['type'],
    kind: r.kind as AlertKind,
    actor: (r.actor as string | null) ?? null,
    detail: (r.detail as string | null) ?? null,
  };
}

/** Appends entries to alerts' timelines. */
export async function appendEvents(
  em: EntityManager,
  events: { alertId: string; at: Date; type: AlertEvent['type']; kind: AlertKind; actor: string | null; detail: string | null }[],
): Promise<void> {
  if (!events.length) return;
  await em.query(
    `INSERT INTO alerts.alert_events (alert_id, at, type, kind, actor, detail)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [
      events.map((e) => e.alertId),
      events.map((e) => e.at.toISOString()),
      events.map((e) => e.type),
      events.map((e) => e.kind),
      events.map((e) => e.actor),
      events.map((e) => e.detail),
    ],
  );
}

export function toSettings(r: AlertRow): AlertSettings {
  return {
    approachDays: Number(r.approach_days),
    reArmDays: Number(r.re_arm_days),
    escalateAfterMinutes: Number(r.escalate_after_minutes),
  };
}

/**
 * Serialises everything that decides about one SKU x location's alerts (evaluation, manual resolve) for the rest
 * of the caller's transaction. Take it before locking any alert row of the pair.
 */
export async function lockPair(em: EntityManager, skuId: string, locationId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [`alerts:${skuId}`, locationId]);
}
