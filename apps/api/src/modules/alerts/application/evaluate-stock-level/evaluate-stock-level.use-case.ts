import { Injectable } from '@nestjs/common';
import type { AlertFamily, AlertKind, AlertSettings } from '@stockpulse/contracts';
import { SEVERITY_OF_KIND } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Database, queryRows } from '../../../../shared/database';
import { counter } from '../../../../shared/metrics';
import { CatalogFacade } from '../../../catalog';
import { InventoryFacade } from '../../../inventory';
import {
  ARMED,
  AlertDecision,
  ArmState,
  PolicyFigures,
  StockFigures,
  buildSnapshot,
  decide,
  hasRecovered,
  overstockCondition,
  reasonFor,
  shortageCondition,
} from '../../domain/alert-rules';
import { AlertRow, appendEvents, lockPair, severityRank, toAlert } from '../../infrastructure/alert-rows';
import { AlertSettingsStore } from '../../infrastructure/alert-settings.store';
import { Clock } from '../../infrastructure/clock';
import { AlertChange, AlertChanges } from '../alert-changes';
import { PairKey, PolicySource, pairKey } from './policy-source';

const evaluations = counter('stockpulse_alert_evaluations_total', 'Alert evaluations of a SKU x location, by outcome', ['outcome']);

const FAMILIES: AlertFamily[] = ['shortage', 'overstock'];
const CRITICAL_TIER = new Set<AlertKind>(['critical', 'stockout']);
/** kinds that count as "followed by a stockout" when a stockout comes after them */
const WARNED_KINDS = new Set<AlertKind>(['below_reorder_point', 'critical']);

interface Names {
  skuCode: string;
  skuName: string;
  category: string;
  locationCode: string;
  locationName: string;
}

/** Thrown inside the transaction when an alert must open and the names are not loaded yet (rolled back, retried). */
class NeedNames extends Error {}

interface ArmRow {
  sku_id?: string;
  location_id?: string;
  family: AlertFamily;
  armed: boolean;
  disarmed_kind: AlertKind | null;
  stockout_since: Date | null;
}

/**
 * Evaluates one SKU x location against its policy and opens, escalates or resolves the alert of each family
 * (shared/DOMAIN.md "Alert levels"; the rules are in domain/alert-rules.ts).
 *
 * A SKU x location where nothing ever moved (no stock level) is not evaluated: it is not stocked there yet.
 *
 * Concurrency: the pair is locked (a transaction-scoped advisory lock) before its stock, arm state and alerts are
 * read, so two evaluations of one pair run one after the other, the second on the first's result; the partial
 * unique index on unresolved alerts is the backstop. The stock is read under the lock, so the last evaluation
 * to run always sees the last committed movement.
 */
@Injectable()
export class EvaluateStockLevelUseCase {
  constructor(
    private readonly db: Database,
    private readonly inventory: InventoryFacade,
    private readonly catalog: CatalogFacade,
    private readonly policies: PolicySource,
    private readonly settingsStore: AlertSettingsStore,
    private readonly changes: AlertChanges,
    private readonly clock: Clock,
  ) {}

  async execute(key: PairKey): Promise<void> {
    const [failure] = (await this.executeMany([key])).values();
    if (failure) throw failure;
  }

  /**
   * Evaluates many pairs (the jobs a worker runs at once, see EvaluationBatcher). Most stock changes change nothing
   * about alerts, so all pairs are first looked at together, in a few set-based reads without lock or transaction;
   * only the pairs with something to write are evaluated again one by one under their lock. A stale look is
   * harmless: the change it missed comes with its own evaluation, queued after its commit. Answers the pairs whose
   * evaluation failed, with the error.
   */
  async executeMany(keys: PairKey[]): Promise<Map<string, unknown>> {
    const unique = [...new Map(keys.map((k) => [pairKey(k), k])).values()];
    const settings = await this.settingsStore.get();
    const [policies, levels, arms, open] = await Promise.all([
      this.policies.effectivePolicies(unique),
      this.inventory.getStockLevels(unique),
      this.db.query<ArmRow>(
        `SELECT sku_id, location_id, family, armed, disarmed_kind, stockout_since FROM alerts.arm_states
         JOIN unnest($1::uuid[], $2::uuid[]) AS k(sku_id, location_id) USING (sku_id, location_id)`,
        [unique.map((k) => k.skuId), unique.map((k) => k.locationId)],
      ),
      this.db.query<AlertRow>(
        `SELECT a.* FROM alerts.alerts a JOIN unnest($1::uuid[], $2::uuid[]) AS k(sku_id, location_id) USING (sku_id, location_id)
         WHERE a.status <> 'resolved'`,
        [unique.map((k) => k.skuId), unique.map((k) => k.locationId)],
      ),
    ]);
    const group = <T extends { sku_id?: unknown; location_id?: unknown }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) {
        const k = `${r.sku_id as string}:${r.location_id as string}`;
        m.set(k, [...(m.get(k) ?? []), r]);
      }
      return m;
    };
    const levelOf = new Map(levels.map((l) => [pairKey(l), l]));
    const armsOf = group(arms);
    const openOf = group(open);
    const failures = new Map<string, unknown>();
    for (const key of unique) {
      const k = pairKey(key);
      const policy = policies.get(k) ?? null;
      const level = levelOf.get(k);
      if (!level) {
        evaluations.inc({ outcome: 'not-stocked' });
        continue;
      }
      const quick = plan({ stock: level, arms: armsOf.get(k) ?? [], open: openOf.get(k) ?? [] }, policy, settings);
      if (quick.noop) {
        evaluations.inc({ outcome: quick.suppressed ? 'suppressed' : 'unchanged' });
        continue;
      }
      try {
        await this.evaluateLocked(key, policy, settings);
      } catch (e) {
        failures.set(k, e);
      }
    }
    return failures;
  }

  private async evaluateLocked(key: PairKey, policy: PolicyFigures | null, settings: AlertSettings): Promise<void> {
    let names: Names | undefined;
    for (;;) {
      try {
        const outcome = await this.db.transaction((em) => this.evaluate(em, key, policy, settings, names));
        evaluations.inc({ outcome });
        return;
      } catch (e) {
        if (!(e instanceof NeedNames) || names) throw e;
        names = await this.names(key);
      }
    }
  }

  /** The pair's stock, arm states and unresolved alerts (null: nothing ever moved there). */
  private async read(key: PairKey, query: (sql: string, params: unknown[]) => Promise<unknown[]>, em?: EntityManager): Promise<PairState | null> {
    const [level] = await this.inventory.getStockLevels([key], em);
    if (!level) return null;
    const params = [key.skuId, key.locationId];
    const [arms, open] = await Promise.all([
      query(`SELECT family, armed, disarmed_kind, stockout_since FROM alerts.arm_states WHERE sku_id = $1 AND location_id = $2`, params) as Promise<ArmRow[]>,
      query(`SELECT * FROM alerts.alerts WHERE sku_id = $1 AND location_id = $2 AND status <> 'resolved'`, params) as Promise<AlertRow[]>,
    ]);
    return { stock: level, arms, open };
  }

  private async evaluate(
    em: EntityManager,
    key: PairKey,
    policy: PolicyFigures | null,
    settings: AlertSettings,
    names: Names | undefined,
  ): Promise<string> {
    const now = this.clock.now();
    await lockPair(em, key.skuId, key.locationId);
    // nothing ever moved here: the SKU is not stocked at this location yet (a policy set ahead is no stockout)
    const state = await this.read(key, (sql, params) => em.query(sql, params), em);
    if (!state) return 'not-stocked';
    const { stock } = state;
    const { decisions, shortage, stockoutSince, stockoutStarts, stockoutEnds, writes, armChanged, noop, suppressed } = plan(state, policy, settings);
    if (noop) return suppressed ? 'suppressed' : 'unchanged';
    if ((stockoutStarts || writes.some((d) => d.decision.action === 'open')) && !names) throw new NeedNames();

    const out: AlertChange[] = [];
    for (const { decision, openRow, family } of writes) {
      const change = await this.apply(em, key, family, decision, openRow, stock, policy, settings, names, now);
      if (change) out.push(change);
    }

    if (stockoutStarts || stockoutEnds || armChanged.length) {
      const shortageArm = decisions.find((d) => d.family === 'shortage')!.decision.arm;
      await this.saveArm(em, key, 'shortage', shortageArm, shortage === 'stockout' ? (stockoutSince ?? now) : null, now);
      const overstock = decisions.find((d) => d.family === 'overstock')!;
      if (!sameArm(overstock.arm, overstock.decision.arm)) await this.saveArm(em, key, 'overstock', overstock.decision.arm, null, now);
    }
    if (stockoutStarts) await this.stockoutStarted(em, key, names!, now);
    if (stockoutEnds) {
      await em.query(`UPDATE alerts.stockout_periods SET ended_at = $3 WHERE sku_id = $1 AND location_id = $2 AND ended_at IS NULL`, [
        key.skuId,
        key.locationId,
        now.toISOString(),
      ]);
    }
    await this.changes.record(em, out);
    return writes.map((w) => w.decision.action).join('+') || 'arm';
  }

  private async apply(
    em: EntityManager,
    key: PairKey,
    family: AlertFamily,
    decision: AlertDecision,
    openRow: AlertRow | undefined,
    stock: StockFigures,
    policy: PolicyFigures | null,
    settings: AlertSettings,
    names: Names | undefined,
    now: Date,
  ): Promise<AlertChange | null> {
    const at = now.toISOString();
    if (decision.action === 'open') {
      const kind = decision.kind;
      const [row] = await queryRows<AlertRow>(
        em,
        `INSERT INTO alerts.alerts (sku_id, location_id, sku_code, sku_name, category, location_code, location_name, supplier_code,
           family, kind, opened_kind, severity, severity_rank, status, reason, snapshot, lead_time_days, opened_at, critical_since, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, 'open', $13, $14, $15, $16, $17, $16)
         RETURNING *`,
        [
          key.skuId,
          key.locationId,
          names!.skuCode,
          names!.skuName,
          names!.category,
          names!.locationCode,
          names!.locationName,
          policy?.supplier?.code ?? null,
          family,
          kind,
          SEVERITY_OF_KIND[kind],
          severityRank(SEVERITY_OF_KIND[kind]),
          reasonFor(kind, stock, policy, settings),
          JSON.stringify(buildSnapshot(stock, policy, now)),
          policy?.leadTimeDays ?? 0,
          at,
          CRITICAL_TIER.has(kind) ? at : null,
        ],
      );
      await appendEvents(em, [{ alertId: row.id as string, at: now, type: 'opened', kind, actor: null, detail: row.reason as string }]);
      return { alert: toAlert(row), type: 'opened', event: 'alerts.alert-opened', escalationStep: 0 };
    }
    if (decision.action === 'escalate' && openRow) {
      const { from, to } = decision;
      // a snoozed alert that gets worse wakes up: the snooze was for the situation it was in
      const [row] = await queryRows<AlertRow>(
        em,
        `UPDATE alerts.alerts SET kind = $2, severity = $3, severity_rank = $4, reason = $5, snapshot = $6, escalated_at = $7,
           critical_since = COALESCE(critical_since, $8), escalation_step = escalation_step + 1,
           followed_by_stockout = followed_by_stockout OR $9,
           supplier_code = COALESCE($10, supplier_code), lead_time_days = $11,
           status = CASE WHEN status = 'snoozed' THEN CASE WHEN acknowledged_at IS NULL THEN 'open' ELSE 'acknowledged' END ELSE status END,
           snoozed_until = NULL, updated_at = $7
         WHERE id = $1 RETURNING *`,
        [
          openRow.id,
          to,
          SEVERITY_OF_KIND[to],
          severityRank(SEVERITY_OF_KIND[to]),
          reasonFor(to, stock, policy, settings),
          JSON.stringify(buildSnapshot(stock, policy, now)),
          at,
          CRITICAL_TIER.has(to) ? at : null,
          to === 'stockout' && WARNED_KINDS.has(from),
          policy?.supplier?.code ?? null,
          policy?.leadTimeDays ?? 0,
        ],
      );
      const events: Parameters<typeof appendEvents>[1] = [];
      if (openRow.status === 'snoozed') events.push({ alertId: row.id as string, at: now, type: 'unsnoozed', kind: to, actor: null, detail: 'got worse' });
      events.push({ alertId: row.id as string, at: now, type: 'escalated', kind: to, actor: null, detail: `${from} -> ${to}: ${row.reason as string}` });
      await appendEvents(em, events);
      return { alert: toAlert(row), type: 'escalated', event: 'alerts.alert-escalated', escalationStep: Number(row.escalation_step) };
    }
    if (decision.action === 'resolve' && openRow) {
      const [row] = await queryRows<AlertRow>(
        em,
        `UPDATE alerts.alerts SET status = 'resolved', resolved_at = $2, resolved_by = 'system', resolution = 'recovered',
           resolution_reason = $3, snoozed_until = NULL, updated_at = $2
         WHERE id = $1 RETURNING *`,
        [openRow.id, at, recoveryReason(family, stock)],
      );
      await appendEvents(em, [{ alertId: row.id as string, at: now, type: 'resolved', kind: row.kind as AlertKind, actor: null, detail: row.resolution_reason as string }]);
      return { alert: toAlert(row), type: 'resolved', event: 'alerts.alert-resolved', escalationStep: Number(row.escalation_step) };
    }
    return null;
  }

  private async saveArm(em: EntityManager, key: PairKey, family: AlertFamily, arm: ArmState, stockoutSince: Date | null, now: Date): Promise<void> {
    await em.query(
      `INSERT INTO alerts.arm_states (sku_id, location_id, family, armed, disarmed_kind, stockout_since, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (sku_id, location_id, family) DO UPDATE
       SET armed = EXCLUDED.armed, disarmed_kind = EXCLUDED.disarmed_kind, stockout_since = EXCLUDED.stockout_since, updated_at = EXCLUDED.updated_at`,
      [key.skuId, key.locationId, family, arm.armed, arm.disarmedKind, stockoutSince ? new Date(stockoutSince).toISOString() : null, now.toISOString()],
    );
  }

  /**
   * A stockout began: its period starts, and the below-reorder-point or critical alerts of the pair that resolved
   * within their lead time before it count as followed by a stockout (an open one escalates, which marks it).
   */
  private async stockoutStarted(em: EntityManager, key: PairKey, names: Names, now: Date): Promise<void> {
    await em.query(
      `INSERT INTO alerts.stockout_periods (sku_id, location_id, sku_code, location_code, started_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sku_id, location_id) WHERE ended_at IS NULL DO NOTHING`,
      [key.skuId, key.locationId, names.skuCode, names.locationCode, now.toISOString()],
    );
    await em.query(
      `UPDATE alerts.alerts SET followed_by_stockout = true, updated_at = $3
       WHERE sku_id = $1 AND location_id = $2 AND family = 'shortage' AND status = 'resolved' AND NOT followed_by_stockout
         AND (kind IN ('below_reorder_point', 'critical') OR opened_kind IN ('below_reorder_point', 'critical'))
         AND opened_at >= $3::timestamptz - make_interval(secs => lead_time_days * 86400)`,
      [key.skuId, key.locationId, now.toISOString()],
    );
  }

  private async names(key: PairKey): Promise<Names> {
    const [skus, locations] = await Promise.all([this.catalog.getSkusByIds([key.skuId]), this.catalog.getLocationsByIds([key.locationId])]);
    const sku = skus.get(key.skuId);
    const location = locations.get(key.locationId);
    return {
      skuCode: sku?.code ?? key.skuId,
      skuName: sku?.name ?? '',
      category: sku?.category ?? '',
      locationCode: location?.code ?? key.locationId,
      locationName: location?.name ?? '',
    };
  }
}

interface PairState {
  stock: StockFigures;
  arms: ArmRow[];
  open: AlertRow[];
}

/** What the rules decide for each family of the pair, and whether anything at all is to be written. */
function plan(state: PairState, policy: PolicyFigures | null, settings: AlertSettings) {
  const { stock } = state;
  const armOf = new Map(state.arms.map((a) => [a.family, a]));
  const openOf = new Map(state.open.map((a) => [a.family as AlertFamily, a]));
  const shortage = shortageCondition(stock, policy, settings);
  const conditions: Record<AlertFamily, AlertKind | null> = { shortage, overstock: overstockCondition(stock, policy) };
  const decisions = FAMILIES.map((family) => {
    const row = armOf.get(family);
    const arm: ArmState = row ? { armed: row.armed, disarmedKind: row.disarmed_kind } : ARMED;
    const openRow = openOf.get(family);
    return {
      family,
      arm,
      openRow,
      decision: decide({
        condition: conditions[family],
        open: openRow ? { kind: openRow.kind as AlertKind } : null,
        arm,
        recovered: hasRecovered(family, stock, policy, settings),
      }),
    };
  });
  const stockoutSince = armOf.get('shortage')?.stockout_since ?? null;
  const stockoutStarts = shortage === 'stockout' && !stockoutSince;
  const stockoutEnds = shortage !== 'stockout' && !!stockoutSince;
  const writes = decisions.filter((d) => !['none', 'suppressed', 'keep'].includes(d.decision.action));
  const armChanged = decisions.filter((d) => !sameArm(d.arm, d.decision.arm));
  const noop = !writes.length && !armChanged.length && !stockoutStarts && !stockoutEnds;
  const suppressed = decisions.some((d) => d.decision.action === 'suppressed');
  return { decisions, shortage, stockoutSince, stockoutStarts, stockoutEnds, writes, armChanged, noop, suppressed };
}

function sameArm(a: ArmState, b: ArmState): boolean {
  return a.armed === b.armed && (a.disarmedKind ?? null) === (b.disarmedKind ?? null);
}

function recoveryReason(family: AlertFamily, stock: StockFigures): string {
  return family === 'overstock'
    ? `inventory position ${stock.inventoryPosition} is back at or below the maximum stock`
    : `recovered: available ${stock.available}, inventory position ${stock.inventoryPosition}`;
}
