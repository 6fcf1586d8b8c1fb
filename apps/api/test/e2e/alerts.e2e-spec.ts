import type TestAgent from 'supertest/lib/agent';
import type { Alert, AlertDetail, AlertKpis } from '@stockpulse/contracts';
import { EvaluateStockLevelUseCase } from '../../src/modules/alerts/application/evaluate-stock-level/evaluate-stock-level.use-case';
import { AlertTimersUseCase } from '../../src/modules/alerts/application/alert-timers/alert-timers.use-case';
import { Clock } from '../../src/modules/alerts/infrastructure/clock';
import { OutboxRelay } from '../../src/shared/outbox/outbox-relay';
import { createApiKey, loginAs } from '../../src/shared/testing/auth';
import { TestApp, createTestApp, resetDatabase } from '../../src/shared/testing/test-app';
import { alertsOf, evaluationsDone, move, moveAndSettle, setUpPairAndSettle, settle, skuWithThreeWeeksOfSales, unresolved, waitFor } from './alerts-helpers';

/** The alerts context end to end on Postgres: movements -> outbox -> evaluation job -> alert, and its lifecycle. */
describe('alerts', () => {
  let t: TestApp;
  let planner: TestAgent;
  let viewer: TestAgent;
  let admin: TestAgent;
  let erp: TestAgent;
  let clock: Clock;
  let realNow: () => Date;

  const setNow = (iso: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));
  const outboxEvents = async (event: string) =>
    (await t.db.query(`SELECT payload FROM platform.outbox WHERE event = $1 ORDER BY id`, [event])).map((r) => r.payload as { alert: Alert; escalationStep: number });

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.db);
    planner = (await loginAs(t, 'planner')).agent;
    viewer = (await loginAs(t, 'viewer')).agent;
    admin = (await loginAs(t, 'admin')).agent;
    erp = (await createApiKey(t, ['inventory:write', 'inventory:read'])).agent;
    clock = t.app.get(Clock);
    realNow = clock.now.bind(clock);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  it('a sale below the reorder point opens one alert that escalates, then resolves when stock recovers', async () => {
    await setUpPairAndSettle(t, planner, 'MUG', 'WH-A', { min: 100, max: 300, safetyStock: 20 }, { supplier: 'ACME', leadTimeDays: 5, moq: 50, packSize: 12 });
    await moveAndSettle(t, erp, [{ sku: 'MUG', location: 'WH-A', type: 'receipt', quantity: 150 }]);
    expect(await alertsOf(t, 'MUG')).toHaveLength(0);

    await moveAndSettle(t, erp, [{ sku: 'MUG', location: 'WH-A', type: 'sale', quantity: 60 }]); // position 90 <= ROP 100
    const [opened] = await unresolved(viewer, 'MUG');
    expect(opened).toMatchObject({
      sku: 'MUG',
      skuName: 'MUG name',
      category: 'Kitchen',
      location: 'WH-A',
      family: 'shortage',
      kind: 'below_reorder_point',
      severity: 'warning',
      status: 'open',
      escalationLevel: 0,
      reason: 'inventory position 90 is at or below the reorder point 100',
    });
    expect(opened.snapshot).toMatchObject({
      onHand: 90,
      available: 90,
      inventoryPosition: 90,
      reorderPoint: 100,
      safetyStock: 20,
      orderUpTo: 300,
      suggestedOrderQuantity: 216, // 210 up to a pack of 12
      supplier: { code: 'ACME', name: 'ACME Ltd', leadTimeDays: 5, moq: 50, packSize: 12 },
    });
    expect(opened.snapshot.earliestReceiptDate).not.toBeNull();

    await moveAndSettle(t, erp, [{ sku: 'MUG', location: 'WH-A', type: 'sale', quantity: 75 }]); // available 15 <= SS 20
    const [critical] = await unresolved(viewer, 'MUG');
    expect(critical).toMatchObject({ id: opened.id, kind: 'critical', severity: 'high' });
    expect(critical.escalatedAt).not.toBeNull();

    await moveAndSettle(t, erp, [{ sku: 'MUG', location: 'WH-A', type: 'sale', quantity: 15 }]); // stockout
    const [stockout] = await unresolved(viewer, 'MUG');
    expect(stockout).toMatchObject({ id: opened.id, kind: 'stockout', severity: 'critical', followedByStockout: true });

    // a partial receipt: still short, the alert keeps its highest kind
    await moveAndSettle(t, erp, [{ sku: 'MUG', location: 'WH-A', type: 'receipt', quantity: 50 }]);
    expect(await unresolved(viewer, 'MUG')).toMatchObject([{ id: opened.id, kind: 'stockout' }]);

    await moveAndSettle(t, erp, [{ sku: 'MUG', location: 'WH-A', type: 'receipt', quantity: 200 }]); // position 250
    expect(await unresolved(viewer, 'MUG')).toHaveLength(0);
    const detail = (await viewer.get(`/api/v1/alerts/${opened.id}`).expect(200)).body as AlertDetail;
    expect(detail).toMatchObject({ status: 'resolved', resolution: 'recovered', resolvedBy: 'system' });
    expect(detail.events.map((e) => `${e.type}:${e.kind}`)).toEqual([
      'opened:below_reorder_point',
      'escalated:critical',
      'escalated:stockout',
      'resolved:stockout',
    ]);
    expect((await viewer.get(`/api/v1/alerts/${opened.id}/events`).expect(200)).body.items).toEqual(detail.events);

    // the lifecycle events for notifications: the whole alert, escalationStep unique per alert
    const steps = [
      ...(await outboxEvents('alerts.alert-opened')),
      ...(await outboxEvents('alerts.alert-escalated')),
      ...(await outboxEvents('alerts.alert-resolved')),
    ].filter((e) => e.alert.id === opened.id);
    expect(steps.map((e) => [e.alert.kind, e.alert.status, e.escalationStep])).toEqual([
      ['below_reorder_point', 'open', 0],
      ['critical', 'open', 1],
      ['stockout', 'open', 2],
      ['stockout', 'resolved', 2],
    ]);
    expect(steps[0].alert.snapshot.supplier?.code).toBe('ACME');

    // the stockout was recorded with its start and end
    const periods = await t.db.query(`SELECT * FROM alerts.stockout_periods WHERE sku_code = 'MUG'`);
    expect(periods).toHaveLength(1);
    expect(periods[0].ended_at).not.toBeNull();
  });

  it('stock oscillating around the reorder point for an hour of events (120 movements) opens exactly one alert', async () => {
    // three weeks of sales history, so the policy has a daily demand d (the approach and re-arm margins are days of d)
    await skuWithThreeWeeksOfSales(t, planner, erp, 'FLAP', 'WH-A');
    await planner.put('/api/v1/policies/FLAP/WH-A').send({ method: 'static', min: 100, max: 400 }).expect(200);
    const d = (await planner.get('/api/v1/policies/FLAP/WH-A').expect(200)).body.explanation.d as number;
    expect(d).toBeGreaterThan(5);
    const { approachDays, reArmDays } = (await viewer.get('/api/v1/alert-settings').expect(200)).body;
    const approachLevel = 100 + approachDays * d;
    const reArmLevel = approachLevel + Math.max(reArmDays * d, 1);
    const setStock = (onHand: number) => moveAndSettle(t, erp, [{ sku: 'FLAP', location: 'WH-A', type: 'count', quantity: Math.round(onHand) }]);
    const oscillate = async (around: number) => {
      const start = Date.now() - 3_600_000;
      await setStock(around + 2);
      for (let i = 0; i < 120; i++) {
        // around +2 -> -1 -> +2 -> ... one movement every 30 s, each evaluated before the next
        const occurredAt = new Date(start + i * 30_000).toISOString();
        await moveAndSettle(t, erp, [{ sku: 'FLAP', location: 'WH-A', type: i % 2 ? 'receipt' : 'sale', quantity: 3, occurredAt }]);
      }
    };

    await oscillate(100);
    let all = await alertsOf(t, 'FLAP');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'below_reorder_point', status: 'open' });

    // up past the approaching level the alert resolves; oscillating there (below the re-arm level) opens nothing
    await oscillate(Math.ceil(approachLevel));
    all = await alertsOf(t, 'FLAP');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'resolved', resolution: 'recovered' });

    // a recovery past the re-arm level, then a fall, opens the next one
    await setStock(reArmLevel + 1);
    await setStock(90);
    all = await alertsOf(t, 'FLAP');
    expect(all.map((a) => a.status)).toEqual(['resolved', 'open']);
  }, 90_000);

  it('a burst of movements on one SKU x location costs far fewer evaluations than movements', async () => {
    await setUpPairAndSettle(t, planner, 'BURST', 'WH-A', { min: 10, max: 500 });
    const before = await evaluationsDone();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => move(erp, Array.from({ length: 50 }, () => ({ sku: 'BURST', location: 'WH-A', type: i % 2 ? 'sale' : 'receipt', quantity: 1 })))),
    );
    await t.app.get(OutboxRelay).flush();
    await waitFor('the burst evaluations', async () => (await evaluationsDone()) > before);
    await new Promise((r) => setTimeout(r, 300));
    // 1,000 movements in 20 batches: at most one evaluation per batch, and in practice far fewer
    expect((await evaluationsDone()) - before).toBeLessThanOrEqual(20);
  });

  it('concurrent evaluations of one SKU x location never open two alerts', async () => {
    await setUpPairAndSettle(t, planner, 'RACE', 'WH-A', { min: 100, max: 300 });
    await move(erp, [{ sku: 'RACE', location: 'WH-A', type: 'receipt', quantity: 50 }]);
    const [{ sku_id, location_id }] = await t.db.query(
      `SELECT s.id AS sku_id, l.id AS location_id FROM catalog.skus s, catalog.locations l WHERE s.code = 'RACE' AND l.code = 'WH-A'`,
    );
    const evaluate = t.app.get(EvaluateStockLevelUseCase);
    await Promise.all(Array.from({ length: 12 }, () => evaluate.execute({ skuId: sku_id, locationId: location_id })));
    await waitFor('queued evaluations', async () => {
      await t.app.get(OutboxRelay).flush();
      return (await t.db.query(`SELECT 1 FROM platform.outbox WHERE relayed_at IS NULL`)).length === 0;
    });
    const rows = await alertsOf(t, 'RACE');
    expect(rows).toHaveLength(1);
    expect(await outboxEvents('alerts.alert-opened').then((e) => e.filter((x) => x.alert.sku === 'RACE'))).toHaveLength(1);
    // the database refuses a second unresolved alert of the family outright
    await expect(
      t.db.query(
        `INSERT INTO alerts.alerts (sku_id, location_id, sku_code, sku_name, category, location_code, location_name, family, kind, opened_kind,
           severity, severity_rank, status, reason, snapshot, opened_at)
         SELECT sku_id, location_id, sku_code, sku_name, category, location_code, location_name, family, kind, opened_kind,
           severity, severity_rank, 'open', reason, snapshot, now() FROM alerts.alerts WHERE sku_code = 'RACE'`,
      ),
    ).rejects.toThrow(/alerts_one_unresolved_per_family/);
  });

  it('a change of the approach days evaluates every SKU x location again, without waiting for a stock change', async () => {
    await skuWithThreeWeeksOfSales(t, planner, erp, 'WIDE', 'WH-A');
    await planner.put('/api/v1/policies/WIDE/WH-A').send({ method: 'static', min: 100, max: 1200 }).expect(200);
    await settle(t);
    expect(await unresolved(viewer, 'WIDE')).toHaveLength(0); // position 790, far above ROP 100 + 3 days of demand
    const before = (await viewer.get('/api/v1/alert-settings').expect(200)).body;
    await admin.put('/api/v1/alert-settings').send({ ...before, approachDays: 80 }).expect(200);
    const approaching = await waitFor('the re-evaluation', async () => (await unresolved(viewer, 'WIDE'))[0]);
    expect(approaching).toMatchObject({ kind: 'approaching', location: 'WH-A' });
    await admin.put('/api/v1/alert-settings').send(before).expect(200);
    await settle(t);
  });

  it('acknowledge records who and when, stops time-based escalation, and is audited', async () => {
    await setUpPairAndSettle(t, planner, 'ESC', 'WH-A', { min: 100, max: 300, safetyStock: 30 });
    await moveAndSettle(t, erp, [{ sku: 'ESC', location: 'WH-A', type: 'receipt', quantity: 20 }]); // available 20 <= SS 30: critical
    const [alert] = await unresolved(viewer, 'ESC');
    expect(alert.kind).toBe('critical');
    const opened = Date.parse(alert.openedAt);
    await admin.put('/api/v1/alert-settings').send({ approachDays: 3, reArmDays: 1, escalateAfterMinutes: 10 }).expect(200);
    const timers = t.app.get(AlertTimersUseCase);

    setNow(new Date(opened + 9 * 60_000).toISOString());
    await timers.escalateUnacknowledged();
    expect((await unresolved(viewer, 'ESC'))[0].escalationLevel).toBe(0);
    setNow(new Date(opened + 10 * 60_000 + 1).toISOString());
    await timers.escalateUnacknowledged();
    expect((await unresolved(viewer, 'ESC'))[0].escalationLevel).toBe(1);
    await timers.escalateUnacknowledged(); // not due again yet
    expect((await unresolved(viewer, 'ESC'))[0].escalationLevel).toBe(1);
    setNow(new Date(opened + 20 * 60_000 + 1).toISOString());
    await timers.escalateUnacknowledged();
    expect((await unresolved(viewer, 'ESC'))[0].escalationLevel).toBe(2);
    const escalations = (await outboxEvents('alerts.alert-escalated')).filter((e) => e.alert.id === alert.id);
    expect(escalations.map((e) => [e.alert.escalationLevel, e.escalationStep])).toEqual([
      [1, 1],
      [2, 2],
    ]);

    const ackAt = new Date(opened + 25 * 60_000).toISOString();
    setNow(ackAt);
    const acked = (await planner.post(`/api/v1/alerts/${alert.id}/acknowledge`).send({ note: 'ordering now' }).expect(200)).body as Alert;
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedAt: ackAt });
    expect(acked.acknowledgedBy).toMatch(/^planner-.*@test\.local$/);
    setNow(new Date(opened + 120 * 60_000).toISOString());
    await timers.escalateUnacknowledged();
    expect((await unresolved(viewer, 'ESC'))[0]).toMatchObject({ status: 'acknowledged', escalationLevel: 2 });
    // acknowledging twice changes nothing
    expect((await planner.post(`/api/v1/alerts/${alert.id}/acknowledge`).send({}).expect(200)).body.acknowledgedAt).toBe(ackAt);

    const audit = await admin.get(`/api/v1/audit-log?entityType=alert&entityId=${alert.id}`).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['alert.acknowledged']);
    const settingsAudit = await admin.get(`/api/v1/audit-log?entityType=alert-settings`).expect(200);
    expect(settingsAudit.body.items[0]).toMatchObject({ action: 'alert-settings.updated', after: { escalateAfterMinutes: 10 } });
    await admin.put('/api/v1/alert-settings').send({ approachDays: 3, reArmDays: 1, escalateAfterMinutes: 30 }).expect(200);
  });

  it('snooze hides the alert from the inbox until the time, then it wakes', async () => {
    await setUpPairAndSettle(t, planner, 'SNZ', 'WH-A', { min: 100, max: 300 });
    await moveAndSettle(t, erp, [{ sku: 'SNZ', location: 'WH-A', type: 'receipt', quantity: 80 }]);
    const [alert] = await unresolved(viewer, 'SNZ');
    const until = new Date(realNow().getTime() + 60 * 60_000).toISOString();
    const snoozed = (await planner.post(`/api/v1/alerts/${alert.id}/snooze`).send({ until }).expect(200)).body as Alert;
    expect(snoozed).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    const inbox = async () => (await viewer.get('/api/v1/alerts?sku=SNZ').expect(200)).body.items as Alert[];
    expect(await inbox()).toHaveLength(0);
    expect((await viewer.get('/api/v1/alerts?sku=SNZ&status=snoozed').expect(200)).body.total).toBe(1);

    const timers = t.app.get(AlertTimersUseCase);
    setNow(new Date(Date.parse(until) - 1000).toISOString());
    expect(await timers.wakeSnoozed()).toBe(0);
    setNow(until);
    expect(await timers.wakeSnoozed()).toBeGreaterThanOrEqual(1);
    expect(await inbox()).toMatchObject([{ id: alert.id, status: 'open', snoozedUntil: null }]);
    const detail = (await viewer.get(`/api/v1/alerts/${alert.id}`).expect(200)).body as AlertDetail;
    expect(detail.events.map((e) => e.type)).toEqual(['opened', 'snoozed', 'unsnoozed']);
  });

  it('a manual resolve records the reason and disarms the family; only a worse condition opens a new alert', async () => {
    await setUpPairAndSettle(t, planner, 'MAN', 'WH-A', { min: 100, max: 300, safetyStock: 10 });
    await moveAndSettle(t, erp, [{ sku: 'MAN', location: 'WH-A', type: 'receipt', quantity: 80 }]);
    const [alert] = await unresolved(viewer, 'MAN');
    const resolved = (await planner.post(`/api/v1/alerts/${alert.id}/resolve`).send({ reason: 'PO 4711 placed' }).expect(200)).body as Alert;
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'manual', resolutionReason: 'PO 4711 placed' });
    expect(resolved.resolvedBy).toMatch(/^planner-/);
    await planner.post(`/api/v1/alerts/${alert.id}/acknowledge`).send({}).expect(409);
    await planner.post(`/api/v1/alerts/${alert.id}/resolve`).send({ reason: 'again' }).expect(409);

    await moveAndSettle(t, erp, [{ sku: 'MAN', location: 'WH-A', type: 'sale', quantity: 5 }]); // still below ROP: nothing new
    expect(await unresolved(viewer, 'MAN')).toHaveLength(0);
    await moveAndSettle(t, erp, [{ sku: 'MAN', location: 'WH-A', type: 'sale', quantity: 70 }]); // available 5 <= SS: worse
    expect(await unresolved(viewer, 'MAN')).toMatchObject([{ kind: 'critical' }]);
    expect((await outboxEvents('alerts.alert-resolved')).some((e) => e.alert.id === alert.id && e.alert.resolution === 'manual')).toBe(true);
  });

  it('bulk acknowledge acknowledges the open ones and says which it skipped', async () => {
    await setUpPairAndSettle(t, planner, 'BULK1', 'WH-A', { min: 100, max: 300 });
    await setUpPairAndSettle(t, planner, 'BULK2', 'WH-A', { min: 100, max: 300 });
    await moveAndSettle(t, erp, [
      { sku: 'BULK1', location: 'WH-A', type: 'receipt', quantity: 50 },
      { sku: 'BULK2', location: 'WH-A', type: 'receipt', quantity: 50 },
    ]);
    const ids = [(await unresolved(viewer, 'BULK1'))[0].id, (await unresolved(viewer, 'BULK2'))[0].id];
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await planner.post('/api/v1/alerts/acknowledge').send({ ids: [...ids, missing] }).expect(200);
    expect(res.body.items.map((a: Alert) => a.status)).toEqual(['acknowledged', 'acknowledged']);
    expect(res.body.skipped).toEqual([{ id: missing, reason: 'no such alert' }]);
  });

  it('lists with filters, sorting, paging and totals on the server', async () => {
    const all = (await viewer.get('/api/v1/alerts?status=open,acknowledged,snoozed,resolved&limit=1000').expect(200)).body;
    expect(all.total).toBe(all.items.length);
    const page1 = (await viewer.get('/api/v1/alerts?status=open,acknowledged,resolved&sort=sku&limit=2').expect(200)).body;
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await viewer.get(`/api/v1/alerts?status=open,acknowledged,resolved&sort=sku&limit=2&cursor=${page1.nextCursor}`).expect(200)).body;
    const codes = [...page1.items, ...page2.items].map((a: Alert) => a.sku);
    expect(codes).toEqual([...codes].sort());
    const critical = (await viewer.get('/api/v1/alerts?severity=high,critical&status=open,acknowledged,resolved').expect(200)).body;
    expect(critical.items.every((a: Alert) => ['high', 'critical'].includes(a.severity))).toBe(true);
    expect(critical.total).toBeGreaterThan(0);
    const bySupplier = (await viewer.get('/api/v1/alerts?supplier=ACME&status=resolved').expect(200)).body;
    expect(bySupplier.items.map((a: Alert) => a.sku)).toEqual(['MUG']);
    const byCategory = (await viewer.get('/api/v1/alerts?category=Garden&status=resolved').expect(200)).body;
    expect(byCategory.total).toBe(0);
    const acked = (await viewer.get('/api/v1/alerts?status=acknowledged&kind=below_reorder_point&location=WH-A').expect(200)).body;
    expect(acked.items.map((a: Alert) => a.sku).sort()).toEqual(['BULK1', 'BULK2']);
  });

  it('KPIs: open by severity, minutes to acknowledge, stockouts and their hours, alerts followed by a stockout', async () => {
    // to: far ahead, because the escalation test acknowledged on its own clock
    const kpis = (await viewer.get('/api/v1/alerts/kpis?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z').expect(200)).body as AlertKpis;
    const open = (await t.db.query(`SELECT severity, count(*)::int AS n FROM alerts.alerts WHERE status <> 'resolved' GROUP BY severity`)) as {
      severity: string;
      n: number;
    }[];
    for (const s of ['info', 'warning', 'high', 'critical'] as const) {
      expect(kpis.openBySeverity[s]).toBe(open.find((o) => o.severity === s)?.n ?? 0);
    }
    const [acked] = await t.db.query(`SELECT count(*)::int AS n FROM alerts.alerts WHERE acknowledged_at IS NOT NULL`);
    expect(kpis.acknowledgeMinutes.count).toBe(acked.n);
    expect(kpis.acknowledgeMinutes.count).toBeGreaterThanOrEqual(3); // ESC (25 min on the injected clock) and the bulk pair
    expect(kpis.acknowledgeMinutes.median).not.toBeNull();
    expect(kpis.acknowledgeMinutes.p90!).toBeGreaterThanOrEqual(kpis.acknowledgeMinutes.median!);
    expect(kpis.stockouts.find((s) => s.sku === 'MUG')).toMatchObject({ location: 'WH-A', count: 1, open: false });
    expect(kpis.alertsFollowedByStockout).toBeGreaterThanOrEqual(1);
    expect(kpis.resolvedAlerts).toBeGreaterThanOrEqual(3);

    const empty = (await viewer.get('/api/v1/alerts/kpis?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z').expect(200)).body as AlertKpis;
    expect(empty).toMatchObject({ acknowledgeMinutes: { median: null, p90: null, count: 0 }, stockouts: [], alertsFollowedByStockout: 0, resolvedAlerts: 0 });
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const [alert] = (await viewer.get('/api/v1/alerts?status=open,acknowledged').expect(200)).body.items as Alert[];
    const before = await t.db.query(`SELECT count(*)::int AS n, max(updated_at) AS u FROM alerts.alerts`);
    const events = await t.db.query(`SELECT count(*)::int AS n FROM alerts.alert_events`);
    const cases: [string, () => Promise<{ status: number; body: { errors?: { path: string; message: string }[] } }>, string][] = [
      ['snooze without until', () => planner.post(`/api/v1/alerts/${alert.id}/snooze`).send({}), 'until'],
      ['snooze until not a date', () => planner.post(`/api/v1/alerts/${alert.id}/snooze`).send({ until: 'tomorrow' }), 'until'],
      ['snooze into the past', () => planner.post(`/api/v1/alerts/${alert.id}/snooze`).send({ until: '2020-01-01T00:00:00Z' }), 'until'],
      ['resolve without reason', () => planner.post(`/api/v1/alerts/${alert.id}/resolve`).send({ reason: '  ' }), 'reason'],
      ['unknown field', () => planner.post(`/api/v1/alerts/${alert.id}/acknowledge`).send({ nope: 1 }), 'nope'],
      ['bulk with a bad id', () => planner.post('/api/v1/alerts/acknowledge').send({ ids: ['x'] }), 'ids.0'],
      ['bulk without ids', () => planner.post('/api/v1/alerts/acknowledge').send({ ids: [] }), 'ids'],
      ['list with a bad status', () => viewer.get('/api/v1/alerts?status=sleeping'), 'query.status.0'],
      ['list with a bad sort', () => viewer.get('/api/v1/alerts?sort=price'), 'query.sort'],
      ['kpis with to before from', () => viewer.get('/api/v1/alerts/kpis?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'), 'query.to'],
      ['settings out of range', () => admin.put('/api/v1/alert-settings').send({ approachDays: 3, reArmDays: 1, escalateAfterMinutes: 0 }), 'escalateAfterMinutes'],
      ['settings missing a field', () => admin.put('/api/v1/alert-settings').send({ approachDays: 3, reArmDays: 1 }), 'escalateAfterMinutes'],
    ];
    for (const [name, call, path] of cases) {
      const res = await call();
      expect([name, res.status]).toEqual([name, 400]);
      expect([name, res.body.errors?.map((e) => e.path)]).toEqual([name, expect.arrayContaining([path])]);
    }
    expect(await t.db.query(`SELECT count(*)::int AS n, max(updated_at) AS u FROM alerts.alerts`)).toEqual(before);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM alerts.alert_events`)).toEqual(events);
    await planner.get('/api/v1/alerts/not-a-uuid').expect(404);
    await planner.post('/api/v1/alerts/00000000-0000-4000-8000-000000000000/acknowledge').send({}).expect(404);
  });

  it('settings: everyone with alerts:read reads them, only admins change them', async () => {
    expect((await viewer.get('/api/v1/alert-settings').expect(200)).body).toEqual({ approachDays: 3, reArmDays: 1, escalateAfterMinutes: 30 });
    await planner.put('/api/v1/alert-settings').send({ approachDays: 5, reArmDays: 2, escalateAfterMinutes: 15 }).expect(403);
    await viewer.post(`/api/v1/alerts/acknowledge`).send({ ids: ['00000000-0000-4000-8000-000000000000'] }).expect(403);
    expect((await admin.put('/api/v1/alert-settings').send({ approachDays: 5, reArmDays: 2, escalateAfterMinutes: 15 }).expect(200)).body).toEqual({
      approachDays: 5,
      reArmDays: 2,
      escalateAfterMinutes: 15,
    });
    await admin.put('/api/v1/alert-settings').send({ approachDays: 3, reArmDays: 1, escalateAfterMinutes: 30 }).expect(200);
  });

  it('streams alert changes as server-sent events: a sale posted to the API arrives on an open stream', async () => {
    await setUpPairAndSettle(t, planner, 'LIVE', 'WH-A', { min: 100, max: 300 });
    await moveAndSettle(t, erp, [{ sku: 'LIVE', location: 'WH-A', type: 'receipt', quantity: 150 }]);
    const session = await loginAs(t, 'viewer');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const unauthenticated = await fetch(`${base}/api/v1/alerts/stream`);
    expect(unauthenticated.status).toBe(401);
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/alerts/stream`, { headers: { cookie: session.cookie }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextAlert = async (): Promise<{ type: string; alert: Alert }> => {
      for (;;) {
        const frames = buffer.split('\n\n');
        for (let i = 0; i < frames.length - 1; i++) {
          const lines = frames[i].split('\n');
          if (lines.includes('event: alert')) {
            buffer = frames.slice(i + 1).join('\n\n');
            return JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6));
          }
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    await move(erp, [{ sku: 'LIVE', location: 'WH-A', type: 'sale', quantity: 60 }]);
    const event = await nextAlert();
    expect(event).toMatchObject({ type: 'opened', alert: { sku: 'LIVE', kind: 'below_reorder_point', status: 'open' } });
    await planner.post(`/api/v1/alerts/${event.alert.id}/acknowledge`).send({}).expect(200);
    expect(await nextAlert()).toMatchObject({ type: 'acknowledged', alert: { id: event.alert.id, status: 'acknowledged' } });
    controller.abort();
  });
});
