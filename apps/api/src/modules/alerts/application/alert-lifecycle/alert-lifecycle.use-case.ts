import { Injectable } from '@nestjs/common';
import type { Alert, AlertEvent, AlertKind } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Database, queryRows } from '../../../../shared/database';
import { ValidationError } from '../../../../shared/errors';
import { requestContext } from '../../../../shared/http/request-context';
import { AuditTrail } from '../../../identity';
import { AlertResolvedError, UnknownAlertError } from '../../domain/alert-errors';
import { AlertRow, appendEvents, lockPair, toAlert } from '../../infrastructure/alert-rows';
import { Clock } from '../../infrastructure/clock';
import { AlertChange, AlertChanges } from '../alert-changes';

const MAX_SNOOZE_DAYS = 90;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BulkAcknowledgeResult {
  items: Alert[];
  /** ids that were not acknowledged, and why (unknown, resolved) */
  skipped: { id: string; reason: string }[];
}

/**
 * What a person does to alerts: acknowledge (one or many), snooze until a time, resolve by hand with a reason.
 * Each records who and when on the alert and its timeline, writes an audit entry, and tells the live stream after
 * commit; a manual resolve also disarms the family (like a recovery) and emits alerts.alert-resolved.
 */
@Injectable()
export class AlertLifecycleUseCase {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly changes: AlertChanges,
    private readonly clock: Clock,
  ) {}

  async acknowledge(id: string, note?: string): Promise<Alert> {
    return this.db.transaction(async (em) => {
      const before = await this.lock(em, id);
      if (before.status === 'resolved') throw new AlertResolvedError(id, 'acknowledged');
      if (before.acknowledged_at) return toAlert(before);
      return (await this.acknowledgeRows(em, [before], note))[0];
    });
  }

  async acknowledgeMany(ids: string[]): Promise<BulkAcknowledgeResult> {
    const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
    return this.db.transaction(async (em) => {
      const rows = await queryRows<AlertRow>(em, `SELECT * FROM alerts.alerts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [unique]);
      const found = new Map(rows.map((r) => [r.id as string, r]));
      const skipped: BulkAcknowledgeResult['skipped'] = [];
      const todo: AlertRow[] = [];
      const already: Alert[] = [];
      for (const id of unique) {
        const row = found.get(id);
        if (!row) skipped.push({ id, reason: 'no such alert' });
        else if (row.status === 'resolved') skipped.push({ id, reason: 'resolved' });
        else if (row.acknowledged_at) already.push(toAlert(row));
        else todo.push(row);
      }
      return { items: [...already, ...(await this.acknowledgeRows(em, todo))], skipped };
    });
  }

  async snooze(id: string, until: Date): Promise<Alert> {
    const now = this.clock.now();
    if (until.getTime() <= now.getTime()) {
      throw new ValidationError('The request body is invalid.', [{ path: 'until', message: 'must be in the future' }]);
    }
    if (until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * 86_400_000) {
      throw new ValidationError('The request body is invalid.', [{ path: 'until', message: `must be at most ${MAX_SNOOZE_DAYS} days ahead` }]);
    }
    return this.db.transaction(async (em) => {
      const before = await this.lock(em, id);
      if (before.status === 'resolved') throw new AlertResolvedError(id, 'snoozed');
      const [row] = await queryRows<AlertRow>(
        em,
        `UPDATE alerts.alerts SET status = 'snoozed', snoozed_until = $2, updated_at = $3 WHERE id = $1 RETURNING *`,
        [id, until.toISOString(), now.toISOString()],
      );
      await this.finish(em, before, row, 'snoozed', `until ${until.toISOString()}`, 'alert.snoozed', { type: 'snoozed', alert: toAlert(row) });
      return toAlert(row);
    });
  }

  async resolve(id: string, reason: string): Promise<Alert> {
    const now = this.clock.now();
    const actor = actorName();
    return this.db.transaction(async (em) => {
      // the pair's lock first, as the evaluator takes it (then the row): it never sees half of a manual resolve
      const [pair] = UUID.test(id) ? await queryRows<AlertRow>(em, `SELECT sku_id, location_id FROM alerts.alerts WHERE id = $1`, [id]) : [];
      if (!pair) throw new UnknownAlertError(id);
      await lockPair(em, pair.sku_id as string, pair.location_id as string);
      const before = await this.lock(em, id);
      if (before.status === 'resolved') throw new AlertResolvedError(id, 'resolved again');
      const [row] = await queryRows<AlertRow>(
        em,
        `UPDATE alerts.alerts SET status = 'resolved', resolved_at = $2, resolved_by = $3, resolution = 'manual',
           resolution_reason = $4, snoozed_until = NULL, updated_at = $2
         WHERE id = $1 RETURNING *`,
        [id, now.toISOString(), actor, reason],
      );
      await em.query(
        `INSERT INTO alerts.arm_states (sku_id, location_id, family, armed, disarmed_kind, updated_at)
         VALUES ($1, $2, $3, false, $4, $5)
         ON CONFLICT (sku_id, location_id, family) DO UPDATE SET armed = false, disarmed_kind = $4, updated_at = $5`,
        [row.sku_id, row.location_id, row.family, row.kind, now.toISOString()],
      );
      const alert = toAlert(row);
      await this.finish(em, before, row, 'resolved', reason, 'alert.resolved', {
        type: 'resolved',
        alert,
        event: 'alerts.alert-resolved',
        escalationStep: Number(row.escalation_step),
      });
      return alert;
    });
  }

  private async acknowledgeRows(em: EntityManager, rows: AlertRow[], note?: string): Promise<Alert[]> {
    if (!rows.length) return [];
    const now = this.clock.now().toISOString();
    // a snoozed alert stays snoozed (and wakes as acknowledged)
    const updated = await queryRows<AlertRow>(
      em,
      `UPDATE alerts.alerts SET acknowledged_at = $2, acknowledged_by = $3, updated_at = $2,
         status = CASE WHEN status = 'open' THEN 'acknowledged' ELSE status END
       WHERE id = ANY($1::uuid[]) RETURNING *`,
      [rows.map((r) => r.id), now, actorName()],
    );
    const before = new Map(rows.map((r) => [r.id as string, r]));
    await appendEvents(
      em,
      updated.map((r) => ({ alertId: r.id as string, at: new Date(now), type: 'acknowledged' as const, kind: r.kind as AlertKind, actor: actorName(), detail: note ?? null })),
    );
    await this.audit.recordMany(
      em,
      updated.map((r) => ({
        action: 'alert.acknowledged',
        entityType: 'alert',
        entityId: r.id as string,
        before: statusOf(before.get(r.id as string)!),
        after: { ...statusOf(r), note: note ?? null },
      })),
    );
    const alerts = updated.map(toAlert);
    await this.changes.record(em, alerts.map((alert) => ({ type: 'acknowledged' as const, alert })));
    return alerts;
  }

  private async finish(
    em: EntityManager,
    before: AlertRow,
    after: AlertRow,
    type: AlertEvent['type'],
    detail: string,
    action: string,
    change: AlertChange,
  ): Promise<void> {
    const at = new Date(after.updated_at as string);
    await appendEvents(em, [{ alertId: after.id as string, at, type, kind: after.kind as AlertKind, actor: actorName(), detail }]);
    await this.audit.record(em, { action, entityType: 'alert', entityId: after.id as string, before: statusOf(before), after: { ...statusOf(after), detail } });
    await this.changes.record(em, [change]);
  }

  private async lock(em: EntityManager, id: string): Promise<AlertRow> {
    if (!UUID.test(id)) throw new UnknownAlertError(id);
    const [row] = await queryRows<AlertRow>(em, `SELECT * FROM alerts.alerts WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new UnknownAlertError(id);
    return row;
  }
}

export function actorName(): string {
  return requestContext.actor().name;
}

function statusOf(r: AlertRow) {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    status: r.status,
    kind: r.kind,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by ?? null,
    snoozedUntil: iso(r.snoozed_until),
    resolvedAt: iso(r.resolved_at),
    resolution: r.resolution ?? null,
  };
}
