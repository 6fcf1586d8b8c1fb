import { Injectable } from '@nestjs/common';
import type { AlertKind } from '@stockpulse/contracts';
import { Database, queryRows } from '../../../../shared/database';
import { AlertRow, appendEvents, toAlert } from '../../infrastructure/alert-rows';
import { AlertSettingsStore } from '../../infrastructure/alert-settings.store';
import { Clock } from '../../infrastructure/clock';
import { AlertChanges } from '../alert-changes';

const BATCH = 500;

/**
 * The time-driven part of the lifecycle, run by repeatable jobs (and by tests with the clock they set):
 * - snoozed alerts wake at their `until`, back to open (or acknowledged, if someone had acknowledged them);
 * - a critical or stockout alert nobody acknowledged escalates one level per escalateAfterMinutes since it became
 *   critical (escalationLevel + 1, alerts.alert-escalated), again after each further period. Acknowledging stops
 *   it; a snoozed alert does not escalate while it sleeps.
 */
@Injectable()
export class AlertTimersUseCase {
  constructor(
    private readonly db: Database,
    private readonly settingsStore: AlertSettingsStore,
    private readonly changes: AlertChanges,
    private readonly clock: Clock,
  ) {}

  /** Wakes the snoozed alerts whose time has come; returns how many. */
  async wakeSnoozed(): Promise<number> {
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const rows = await queryRows<AlertRow>(
        em,
        `UPDATE alerts.alerts a SET status = CASE WHEN a.acknowledged_at IS NULL THEN 'open' ELSE 'acknowledged' END,
           snoozed_until = NULL, updated_at = $1
         WHERE a.id IN (SELECT id FROM alerts.alerts WHERE status = 'snoozed' AND snoozed_until <= $1
                        ORDER BY snoozed_until LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING a.*`,
        [now.toISOString(), BATCH],
      );
      await appendEvents(
        em,
        rows.map((r) => ({ alertId: r.id as string, at: now, type: 'unsnoozed' as const, kind: r.kind as AlertKind, actor: null, detail: 'snooze ended' })),
      );
      await this.changes.record(em, rows.map((r) => ({ type: 'unsnoozed' as const, alert: toAlert(r) })));
      return rows.length;
    });
  }

  /** Escalates the unacknowledged critical alerts that are due; returns how many. */
  async escalateUnacknowledged(): Promise<number> {
    const now = this.clock.now();
    const { escalateAfterMinutes } = await this.settingsStore.get();
    return this.db.transaction(async (em) => {
      const rows = await queryRows<AlertRow>(
        em,
        `UPDATE alerts.alerts a SET escalation_level = a.escalation_level + 1, escalation_step = a.escalation_step + 1, updated_at = $1
         WHERE a.id IN (SELECT id FROM alerts.alerts
                        WHERE status = 'open' AND kind IN ('critical', 'stockout') AND critical_since IS NOT NULL
                          AND critical_since + make_interval(mins => (escalation_level + 1) * $2) <= $1
                        ORDER BY critical_since LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING a.*`,
        [now.toISOString(), escalateAfterMinutes, BATCH],
      );
      await appendEvents(
        em,
        rows.map((r) => ({
          alertId: r.id as string,
          at: now,
          type: 'escalated' as const,
          kind: r.kind as AlertKind,
          actor: null,
          detail: `not acknowledged within ${Number(r.escalation_level) * escalateAfterMinutes} minutes: escalation level ${Number(r.escalation_level)}`,
        })),
      );
      await this.changes.record(
        em,
        rows.map((r) => ({ type: 'escalated' as const, alert: toAlert(r), event: 'alerts.alert-escalated' as const, escalationStep: Number(r.escalation_step) })),
      );
      return rows.length;
    });
  }
}
