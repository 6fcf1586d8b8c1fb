import { createTestApp, resetDatabase, TestApp } from '../../src/shared/testing/test-app';
import { loginAs, TestSession } from '../../src/shared/testing/auth';

describe('catalog', () => {
  let t: TestApp;
  let planner: TestSession;
  let viewer: TestSession;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.db);
    planner = await loginAs(t, 'planner');
    viewer = await loginAs(t, 'viewer');
  });
  afterAll(() => t.close());

  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  describe('SKUs', () => {
    it('creates, reads and patches a SKU by code, and audits each change', async () => {
      const created = await planner.agent
        .post('/api/v1/skus')
        .send({ code: 'MUG-1', name: 'Blue mug', category: 'Kitchen', units: [{ name: 'case', factor: 12 }], unitCost: 2.4, unitPrice: '6.90' })
        .expect(201);
      expect(created.body).toMatchObject({ code: 'MUG-1', baseUnit: 'each', units: [{ name: 'case', factor: 12 }], unitCost: 2.4, unitPrice: 6.9, active: true });

      const patched = await planner.agent.patch('/api/v1/skus/MUG-1').send({ name: 'Blue mug 300ml', active: false }).expect(200);
      expect(patched.body).toMatchObject({ code: 'MUG-1', name: 'Blue mug 300ml', active: false, category: 'Kitchen' });
      await viewer.agent.get('/api/v1/skus/MUG-1').expect(200).expect((r) => expect(r.body.name).toBe('Blue mug 300ml'));

      const audit = await t.db.query<{ action: string; actor_name: string; before: { name: string } | null; after: { name: string } }>(
        `SELECT action, actor_name, before, after FROM identity.audit_log WHERE entity_type = 'sku' AND entity_id = 'MUG-1' ORDER BY id`,
      );
      expect(audit.map((a) => a.action)).toEqual(['sku.created', 'sku.updated']);
      expect(audit[1]).toMatchObject({ actor_name: planner.email, before: { name: 'Blue mug' }, after: { name: 'Blue mug 300ml' } });
    });

    it('answers 409 for a taken code and 404 for an unknown one', async () => {
      const dup = await planner.agent.post('/api/v1/skus').send({ code: 'MUG-1', name: 'again' }).expect(409);
      expect(dup.body.errors).toEqual([{ path: 'code', message: 'is already taken' }]);
      await planner.agent.get('/api/v1/skus/NOPE').expect(404);
      await planner.agent.patch('/api/v1/skus/NOPE').send({ name: 'x' }).expect(404);
    });

    it.each([
      [{ code: 'X', name: 'x', colour: 'red' }, 'colour'],
      [{ code: '', name: 'x' }, 'code'],
      [{ code: 'X' }, 'name'],
      [{ code: 'X', name: 'x', unitCost: -1 }, 'unitCost'],
      [{ code: 'X', name: 'x', unitCost: 'abc' }, 'unitCost'],
      [{ code: 'X', name: 'x', units: [{ name: 'case', factor: 1.5 }] }, 'units.0.factor'],
      [{ code: 'X', name: 'x', units: [{ name: 'case', factor: 6 }, { name: 'case', factor: 12 }] }, 'units.1.name'],
      [{ code: 'X', name: 'x', units: [{ name: 'each', factor: 6 }] }, 'units.0.name'],
    ])('refuses %o naming %s, and writes nothing', async (body, path) => {
      const before = await count('catalog.skus');
      const res = await planner.agent.post('/api/v1/skus').send(body).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await count('catalog.skus')).toBe(before);
    });

    it('lets a viewer read but not write', async () => {
      await viewer.agent.post('/api/v1/skus').send({ code: 'V-1', name: 'v' }).expect(403);
      await viewer.agent.get('/api/v1/skus').expect(200);
    });

    it('pages, sorts and filters on the server', async () => {
      for (let i = 0; i < 30; i++) {
        await planner.agent
          .post('/api/v1/skus')
          .send({ code: `P-${String(i).padStart(2, '0')}`, name: `Pen ${i % 3 === 0 ? 'red' : 'blue'} ${i}`, category: i % 2 ? 'Office' : 'School', unitCost: i })
          .expect(201);
      }
      const first = await viewer.agent.get('/api/v1/skus?q=p-&limit=10&sort=-unitCost').expect(200);
      expect(first.body.total).toBe(30);
      expect(first.body.items).toHaveLength(10);
      expect(first.body.items[0].code).toBe('P-29');
      const second = await viewer.agent.get(`/api/v1/skus?q=p-&limit=10&sort=-unitCost&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.items[0].code).toBe('P-19');
      const office = await viewer.agent.get('/api/v1/skus?category=Office&q=red').expect(200);
      expect(office.body.items.every((s: { category: string; name: string }) => s.category === 'Office' && s.name.includes('red'))).toBe(true);
      expect(office.body.total).toBe(5);
      const last = await viewer.agent.get('/api/v1/skus?q=p-&limit=10&offset=20').expect(200);
      expect(last.body.nextCursor).toBeNull();
      await viewer.agent.get('/api/v1/skus?sort=colour').expect(400);
      await viewer.agent.get('/api/v1/skus?limit=5000').expect(400);
      const categories = await viewer.agent.get('/api/v1/categories').expect(200);
      expect(categories.body).toEqual(expect.arrayContaining([{ category: 'Office', count: 15 }, { category: 'School', count: 15 }]));
    });
  });

  describe('locations, suppliers and terms', () => {
    it('creates a location with a valid time zone only', async () => {
      await planner.agent.post('/api/v1/locations').send({ code: 'WH-1', name: 'Main', type: 'warehouse', timeZone: 'Europe/Paris' }).expect(201);
      const bad = await planner.agent.post('/api/v1/locations').send({ code: 'WH-2', name: 'x', type: 'castle', timeZone: 'Mars/Olympus' }).expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['timeZone', 'type']);
      await planner.agent.patch('/api/v1/locations/WH-1').send({ timeZone: 'America/Chicago' }).expect(200);
      await viewer.agent.get('/api/v1/locations/WH-1').expect(200).expect((r) => expect(r.body.timeZone).toBe('America/Chicago'));
      const list = await viewer.agent.get('/api/v1/locations?type=warehouse').expect(200);
      expect(list.body.items.map((l: { code: string }) => l.code)).toEqual(['WH-1']);
    });

    it('keeps supplier terms per SKU: lead time mean and deviation, MOQ, pack size, cost', async () => {
      await planner.agent.post('/api/v1/suppliers').send({ code: 'ACME', name: 'Acme', contactEmail: 'buy@acme.example' }).expect(201);
      const put = await planner.agent
        .put('/api/v1/suppliers/ACME/skus/MUG-1')
        .send({ leadTimeDays: 7, leadTimeStdDays: 1.5, moq: 24, packSize: 12, unitCost: 2.1 })
        .expect(200);
      expect(put.body).toMatchObject({ supplier: 'ACME', sku: 'MUG-1', leadTimeDays: 7, leadTimeStdDays: 1.5, moq: 24, packSize: 12, unitCost: 2.1 });
      await planner.agent.put('/api/v1/suppliers/ACME/skus/MUG-1').send({ leadTimeDays: 9, moq: 12, packSize: 12 }).expect(200);
      const terms = await viewer.agent.get('/api/v1/skus/MUG-1/suppliers').expect(200);
      expect(terms.body).toEqual([expect.objectContaining({ supplier: 'ACME', leadTimeDays: 9, leadTimeStdDays: 0, unitCost: null })]);
      await planner.agent.put('/api/v1/suppliers/ACME/skus/NOPE').send({ leadTimeDays: 3 }).expect(404);
      await planner.agent.put('/api/v1/suppliers/NOPE/skus/MUG-1').send({ leadTimeDays: 3 }).expect(404);
      const bad = await planner.agent.put('/api/v1/suppliers/ACME/skus/MUG-1').send({ leadTimeDays: 0, moq: 0.5 }).expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['leadTimeDays', 'moq']);
      const ofSupplier = await viewer.agent.get('/api/v1/suppliers/ACME/skus?q=mug').expect(200);
      expect(ofSupplier.body).toMatchObject({ total: 1, nextCursor: null, items: [expect.objectContaining({ sku: 'MUG-1', leadTimeDays: 9 })] });
      const suppliers = await viewer.agent.get('/api/v1/suppliers').expect(200);
      expect(suppliers.body.items[0]).toMatchObject({ code: 'ACME', skuCount: 1 });
      const bySupplier = await viewer.agent.get('/api/v1/skus?supplier=ACME').expect(200);
      expect(bySupplier.body.items.map((s: { code: string }) => s.code)).toEqual(['MUG-1']);
    });
  });
});
