import type { Policy } from '@stockpulse/contracts';
import { ThresholdsFacade } from '../../src/modules/thresholds';
import { localDate } from '../../src/modules/thresholds/domain/demand-statistics';
import { loginAs, loginAsAdmin, TestSession } from '../../src/shared/testing/auth';
import { createTestApp, resetDatabase, TestApp } from '../../src/shared/testing/test-app';

const DAY = 86_400_000;

describe('thresholds: reorder policies over HTTP', () => {
  let t: TestApp;
  let admin: TestSession;
  let planner: TestSession;
  let viewer: TestSession;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.db);
    admin = await loginAsAdmin(t);
    planner = await loginAs(t, 'planner');
    viewer = await loginAs(t, 'viewer');
    await admin.agent.post('/api/v1/locations').send({ code: 'DC-1', name: 'DC', type: 'dc', timeZone: 'Europe/Paris' }).expect(201);
    await admin.agent.post('/api/v1/locations').send({ code: 'ST-1', name: 'Store', type: 'store' }).expect(201);
    await admin.agent.post('/api/v1/skus').send({ code: 'MUG', name: 'Mug', category: 'Kitchen', unitCost: 2 }).expect(201);
    await admin.agent.post('/api/v1/skus').send({ code: 'BOLT', name: 'Bolt', category: 'Hardware', unitCost: 0.1 }).expect(201);
    await admin.agent.post('/api/v1/suppliers').send({ code: 'SUP-1', name: 'Acme' }).expect(201);
    await admin.agent.put('/api/v1/suppliers/SUP-1/skus/MUG').send({ leadTimeDays: 5, leadTimeStdDays: 1, moq: 10, packSize: 6 }).expect(200);
  });
  afterAll(() => t.close());

  const count = async (table: string, where = 'true') =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0].n;
  const ids = async (sku: string, location: string) =>
    (
      await t.db.query<{ skuId: string; locationId: string }>(
        `SELECT k.id AS "skuId", l.id AS "locationId" FROM catalog.skus k, catalog.locations l WHERE k.code = $1 AND l.code = $2`,
        [sku, location],
      )
    )[0];

  it('sets a static min/max policy and shows it at once, in the API, the facade and the stock levels', async () => {
    const put = await planner.agent
      .put('/api/v1/policies/MUG/ST-1')
      .send({ method: 'static', min: 20, max: 60, safetyStock: 5, overstockAlerts: true })
      .expect(200);
    const policy = put.body as Policy;
    expect(policy).toMatchObject({
      sku: 'MUG',
      location: 'ST-1',
      method: 'static',
      source: 'sku_location',
      reorderPoint: 20,
      safetyStock: 5,
      orderUpTo: 60,
      maxStock: 60,
      supplier: { code: 'SUP-1', leadTimeDays: 5, moq: 10, packSize: 6 },
    });
    expect(policy.computedAt).not.toBeNull();
    const got = await viewer.agent.get('/api/v1/policies/MUG/ST-1').expect(200);
    expect(got.body).toMatchObject({ reorderPoint: 20, safetyStock: 5, orderUpTo: 60, settings: { method: 'static', min: 20, max: 60 } });

    const key = await ids('MUG', 'ST-1');
    const effective = await t.app.get(ThresholdsFacade).effectivePolicies([key, { skuId: key.skuId, locationId: '00000000-0000-4000-8000-000000000000' }]);
    expect(effective.size).toBe(1);
    expect(effective.get(`${key.skuId}:${key.locationId}`)).toMatchObject({
      method: 'static',
      reorderPoint: 20,
      safetyStock: 5,
      orderUpTo: 60,
      maxStock: 60,
      dailyDemand: 0,
      leadTimeDays: 5,
      leadTimeStdDays: 1,
      supplier: { code: 'SUP-1', name: 'Acme', moq: 10, packSize: 6, leadTimeDays: 5 },
    });
    const audit = await t.db.query(`SELECT action, actor_name, after FROM identity.audit_log WHERE entity_type = 'policy' AND entity_id = 'MUG/ST-1'`);
    expect(audit).toEqual([expect.objectContaining({ action: 'policy.updated', actor_name: planner.email, after: expect.objectContaining({ min: 20 }) })]);
    const events = await t.db.query<{ payload: { levels: unknown[] } }>(`SELECT payload FROM platform.outbox WHERE event = 'thresholds.policies-changed'`);
    expect(events.map((e) => e.payload.levels)).toContainEqual([{ skuId: key.skuId, locationId: key.locationId }]);
  });

  describe('dynamic policies from demand history', () => {
    // day 0 is today at DC-1 (Paris): its days are cut at Paris midnights, whatever the hour of the run in UTC
    const today = new Date(`${localDate(new Date(), 'Europe/Paris')}T00:00:00Z`);
    const at = (daysAgo: number, hour: number) => new Date(today.getTime() - daysAgo * DAY + hour * 3_600_000).toISOString();

    beforeAll(async () => {
      // a receipt 31 days ago (that day began with nothing: censored), then 30 days of sales, 8 and 12 in turn
      const items = [{ source: 'erp', externalId: 'r-1', sku: 'MUG', location: 'DC-1', type: 'receipt', quantity: 1000, occurredAt: at(31, 8) }];
      for (let day = 30; day >= 1; day--) {
        items.push({ source: 'pos', externalId: `s-${day}`, sku: 'MUG', location: 'DC-1', type: 'sale', quantity: day % 2 ? 8 : 12, occurredAt: at(day, 12) });
      }
      await planner.agent.post('/api/v1/movements').send({ items }).expect((r) => expect([200, 201, 207]).toContain(r.status));
    });

    it('computes SS, ROP and S from d, sigma_d, the supplier lead time and the class service level, and explains them', async () => {
      const res = await planner.agent.put('/api/v1/policies/MUG/DC-1').send({ method: 'dynamic' }).expect(200);
      const p = res.body as Policy;
      // d = 10, sigma_d = sqrt(30 x 4 / 29) = 2.034, L = 5, sigma_L = 1, R = 0, class A (alone at DC-1): z(0.99) = 2.326
      // SS = 2.326 x sqrt(5 x 2.034^2 + 10^2 x 1^2) = 25.56 -> 26; ROP = 10 x 5 + 26 = 76; S = 76 + 10 x 7 = 146
      expect(p).toMatchObject({ method: 'dynamic', abcClass: 'A', xyzClass: 'X', serviceLevel: 0.99, safetyStock: 26, reorderPoint: 76, orderUpTo: 146 });
      expect(p.explanation).toMatchObject({ L: 5, sigmaL: 1, R: 0, dataPoints: 30, censoredDays: 1, windowDays: 180, leadTimeSource: 'supplier_terms' });
      expect(p.explanation!.d).toBeCloseTo(10, 9);
      expect(p.explanation!.sigmaD).toBeCloseTo(Math.sqrt(120 / 29), 9);
      expect(p.explanation!.z).toBeCloseTo(2.326348, 6);
      expect(p.explanation!.formula.join('\n')).toContain('ROP = 10 x (5 + 0) + 26 = 76 -> 76');

      const levels = await viewer.agent.get('/api/v1/stock-levels?sku=MUG&location=DC-1').expect(200);
      expect(levels.body.items).toEqual([expect.objectContaining({ reorderPoint: 76, safetyStock: 26 })]);
    });

    it('takes a lead-time override and a service level set on the policy', async () => {
      const res = await planner.agent
        .put('/api/v1/policies/MUG/DC-1')
        .send({ method: 'dynamic', leadTimeDaysOverride: 10, serviceLevel: 0.95, reviewPeriodDays: 7 })
        .expect(200);
      // L = 10, R = 7: SS = 1.645 x sqrt(17 x 4.138 + 100 x 1) = 21.64 -> 22; ROP = 10 x 17 + 22 = 192; S = 192 + 70
      expect(res.body).toMatchObject({ safetyStock: 22, reorderPoint: 192, orderUpTo: 262, explanation: { leadTimeSource: 'override', L: 10, R: 7 } });
    });

    it('lists policies paged, filtered and sorted on the server', async () => {
      const res = await viewer.agent.get('/api/v1/policies?sort=-reorderPoint&limit=1').expect(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items).toEqual([expect.objectContaining({ sku: 'MUG', location: 'DC-1', reorderPoint: 192 })]);
      expect(res.body.nextCursor).toEqual(expect.any(String));
      const next = await viewer.agent.get(`/api/v1/policies?sort=-reorderPoint&limit=1&cursor=${res.body.nextCursor}`).expect(200);
      expect(next.body.items).toEqual([expect.objectContaining({ location: 'ST-1', reorderPoint: 20 })]);
      const filtered = await viewer.agent.get('/api/v1/policies?method=static&category=Kitchen').expect(200);
      expect(filtered.body.items.map((p: Policy) => p.location)).toEqual(['ST-1']);
      const bad = await viewer.agent.get('/api/v1/policies?sort=colour&abcClass=Q').expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.abcClass', 'query.sort']);
    });
  });

  describe('validation: each bad field named, nothing written', () => {
    it.each([
      [{ method: 'static', min: 10, max: 5 }, 'max'],
      [{ method: 'static', min: 10 }, 'max'],
      [{ method: 'static', min: -1, max: 5 }, 'min'],
      [{ method: 'static', min: 1.5, max: 5 }, 'min'],
      [{ method: 'static', min: 10, max: 20, safetyStock: 11 }, 'safetyStock'],
      [{ method: 'dynamic', serviceLevel: 1.5 }, 'serviceLevel'],
      [{ method: 'dynamic', leadTimeDaysOverride: 0 }, 'leadTimeDaysOverride'],
      [{ method: 'dynamic', windowDays: 7 }, 'windowDays'],
      [{ method: 'dynamic', colour: 'red' }, 'colour'],
      [{ method: 'magic' }, 'method'],
    ])('refuses %o naming %s', async (body, path) => {
      const before = await Promise.all([count('thresholds.policies'), count('identity.audit_log'), count('thresholds.computed_policies')]);
      const res = await planner.agent.put('/api/v1/policies/BOLT/ST-1').send(body).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await Promise.all([count('thresholds.policies'), count('identity.audit_log'), count('thresholds.computed_policies')])).toEqual(before);
    });

    it('refuses forecast policies as not available yet (422), and unknown codes (404)', async () => {
      const res = await planner.agent.put('/api/v1/policies/BOLT/ST-1').send({ method: 'forecast' }).expect(422);
      expect(res.body.errors).toEqual([{ path: 'method', message: 'forecast is not available yet' }]);
      await planner.agent.put('/api/v1/policies/NOPE/ST-1').send({ method: 'dynamic' }).expect(404);
      await planner.agent.put('/api/v1/policies/BOLT/NOPE').send({ method: 'dynamic' }).expect(404);
      await viewer.agent.get('/api/v1/policies/NOPE/ST-1').expect(404);
      expect(await count('thresholds.policies', `settings->>'method' = 'forecast'`)).toBe(0);
    });

    it('refuses a viewer (403) and service levels out of range, naming each class', async () => {
      await viewer.agent.put('/api/v1/policies/BOLT/ST-1').send({ method: 'dynamic' }).expect(403);
      const res = await planner.agent.put('/api/v1/service-levels').send({ A: 1.2, B: 0.3 }).expect(400);
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['A', 'B', 'C']);
      await viewer.agent.get('/api/v1/service-levels').expect(200, { A: 0.99, B: 0.97, C: 0.95 });
    });
  });

  describe('service levels and defaults', () => {
    it('edits service levels (audited) and inherits a location default', async () => {
      // each change queues a recompute of what it reaches, so the figures follow without waiting for the night
      const finished = async (runId: string) => {
        for (let i = 0; i < 100; i++) {
          const run = (await viewer.agent.get(`/api/v1/policies/recompute/${runId}`).expect(200)).body as { status: string; trigger: string };
          if (run.status === 'succeeded' || run.status === 'failed') return run;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`recompute ${runId} did not finish`);
      };
      const levels = await planner.agent.put('/api/v1/service-levels').send({ A: 0.98, B: 0.96, C: 0.9 }).expect(200);
      expect(levels.body).toMatchObject({ A: 0.98, B: 0.96, C: 0.9, recomputeRunId: expect.any(String) });
      expect(await finished(levels.body.recomputeRunId)).toMatchObject({ status: 'succeeded', trigger: 'policy_change' });
      expect(await count('identity.audit_log', `action = 'service-levels.updated'`)).toBe(1);
      // BOLT now has stock at ST-1 and no policy of its own there
      await admin.agent
        .post('/api/v1/movements')
        .send({ items: [{ source: 'test', externalId: 'bolt-st1', sku: 'BOLT', location: 'ST-1', type: 'receipt', quantity: 20, occurredAt: new Date().toISOString() }] })
        .expect(200);
      const set = await planner.agent.put('/api/v1/policy-defaults/location/ST-1').send({ settings: { method: 'static', min: 3, max: 9 } }).expect(200);
      expect(await finished(set.body.recomputeRunId)).toMatchObject({ status: 'succeeded', trigger: 'policy_change' });
      await viewer.agent.get('/api/v1/policy-defaults/location/ST-1').expect(200).expect((r) => expect(r.body).toMatchObject({ settings: { min: 3 }, requiresApproval: false }));
      const inherited = await viewer.agent.get('/api/v1/policies/BOLT/ST-1').expect(200);
      expect(inherited.body).toMatchObject({ source: 'location_default', method: 'static', settings: { min: 3, max: 9 }, reorderPoint: 3, orderUpTo: 9 });
      await planner.agent.put('/api/v1/policy-defaults/region/X').send({ settings: { method: 'dynamic' } }).expect(400);
      await planner.agent.put('/api/v1/policy-defaults/location/NOPE').send({ settings: { method: 'dynamic' } }).expect(404);
      await viewer.agent.get('/api/v1/policy-defaults/category/Nothing').expect(404);
    });
  });

  describe('approvals', () => {
    it("holds a planner's override on a category that requires approval until an admin approves it", async () => {
      const forbidden = await planner.agent.put('/api/v1/policy-defaults/category/Kitchen').send({ settings: { method: 'dynamic' }, requiresApproval: true }).expect(403);
      expect(forbidden.body.errors).toEqual([{ path: 'requiresApproval', message: 'only an admin may change it' }]);
      await admin.agent.put('/api/v1/policy-defaults/category/Kitchen').send({ settings: { method: 'dynamic' }, requiresApproval: true }).expect(200);
      const before = (await viewer.agent.get('/api/v1/policies/MUG/DC-1').expect(200)).body as Policy;

      const pending = await planner.agent
        .put('/api/v1/policies/MUG/DC-1')
        .send({ method: 'dynamic', leadTimeDaysOverride: 10, serviceLevel: 0.95, reviewPeriodDays: 7, safetyStockOverride: 40 })
        .expect(202);
      expect(pending.body).toMatchObject({ status: 'pending', sku: 'MUG', location: 'DC-1', requestedBy: planner.email, after: { safetyStockOverride: 40 } });
      const waiting = (await viewer.agent.get('/api/v1/policies/MUG/DC-1').expect(200)).body as Policy;
      expect(waiting).toMatchObject({ safetyStock: before.safetyStock, pendingChange: { id: pending.body.id, status: 'pending' } });
      const list = await viewer.agent.get('/api/v1/policy-changes?status=pending').expect(200);
      expect(list.body).toMatchObject({ total: 1, items: [{ id: pending.body.id }] });

      await planner.agent.post(`/api/v1/policy-changes/${pending.body.id}/approve`).send({}).expect(403);
      const approved = await admin.agent.post(`/api/v1/policy-changes/${pending.body.id}/approve`).send({ reason: 'ok' }).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: admin.email, reason: 'ok' });
      const after = (await viewer.agent.get('/api/v1/policies/MUG/DC-1').expect(200)).body as Policy;
      expect(after).toMatchObject({ safetyStock: 40, reorderPoint: 10 * 17 + 40, pendingChange: null });
      await admin.agent.post(`/api/v1/policy-changes/${pending.body.id}/approve`).send({}).expect(409);

      // a change of the review period alone needs no approval
      await planner.agent
        .put('/api/v1/policies/MUG/DC-1')
        .send({ method: 'dynamic', leadTimeDaysOverride: 10, serviceLevel: 0.95, reviewPeriodDays: 3, safetyStockOverride: 40 })
        .expect(200);
      // a rejected change changes nothing
      const second = await planner.agent.put('/api/v1/policies/MUG/DC-1').send({ method: 'static', min: 1, max: 2 }).expect(202);
      await admin.agent.post(`/api/v1/policy-changes/${second.body.id}/reject`).send({ reason: 'no', extra: 1 }).expect(400);
      await admin.agent.post(`/api/v1/policy-changes/${second.body.id}/reject`).send({ reason: 'no' }).expect(200);
      expect(((await viewer.agent.get('/api/v1/policies/MUG/DC-1')).body as Policy).method).toBe('dynamic');
      // an admin's own change applies directly
      await admin.agent.put('/api/v1/policies/MUG/DC-1').send({ method: 'dynamic', safetyStockOverride: 50 }).expect(200);
      const actions = await t.db.query<{ action: string }>(`SELECT action FROM identity.audit_log WHERE entity_type = 'policy-change' ORDER BY id`);
      expect(actions.map((a) => a.action)).toEqual(['policy-change.requested', 'policy-change.approved', 'policy-change.requested', 'policy-change.rejected']);
      await admin.agent.post('/api/v1/policy-changes/00000000-0000-4000-8000-000000000000/approve').send({}).expect(404);
    });
  });

  describe('recompute runs', () => {
    it('recomputes every SKU x location as a job with progress, and refuses unknown codes', async () => {
      const bad = await planner.agent.post('/api/v1/policies/recompute').send({ skus: ['MUG', 'NOPE'], locations: ['X'] }).expect(400);
      expect(bad.body.errors).toEqual([
        { path: 'skus.1', message: 'there is no SKU NOPE' },
        { path: 'locations.0', message: 'there is no location X' },
      ]);
      const started = await planner.agent.post('/api/v1/policies/recompute').send({}).expect(202);
      let run = { status: 'queued', progress: 0, total: 0, done: 0 };
      for (let i = 0; i < 100 && !['succeeded', 'failed'].includes(run.status); i++) {
        await new Promise((r) => setTimeout(r, 100));
        run = (await viewer.agent.get(`/api/v1/policies/recompute/${started.body.id}`).expect(200)).body;
      }
      expect(run).toMatchObject({ status: 'succeeded', progress: 100, trigger: 'manual', requestedBy: planner.email });
      expect(run.total).toBeGreaterThanOrEqual(2);
      expect(run.done).toBe(run.total);
      await viewer.agent.get('/api/v1/policies/recompute/00000000-0000-4000-8000-000000000000').expect(404);
    });
  });
});
