import { createTestApp, resetDatabase, TestApp } from '../../src/shared/testing/test-app';
import { loginAs, TestSession } from '../../src/shared/testing/auth';
import { RunImportJob } from '../../src/modules/ingestion/imports/jobs/run-import.job';

type ImportBody = {
  id: string;
  kind: string;
  status: string;
  percent: number;
  totalRows: number;
  processedRows: number;
  appliedRows: number;
  errorRows: number;
  failure: string | null;
  fileName: string | null;
  createdBy: string;
  errors: { line: number; field: string; message: string }[];
};

describe('CSV imports', () => {
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

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0].n;

  async function upload(kind: string, csv: string, session = planner): Promise<ImportBody> {
    const res = await session.agent.post(`/api/v1/imports/${kind}`).set('Content-Type', 'text/csv').send(csv);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind, status: 'queued', createdBy: session.email });
    return res.body as ImportBody;
  }

  async function finished(id: string, timeoutMs = 20_000): Promise<ImportBody> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await viewer.agent.get(`/api/v1/imports/${id}`).expect(200);
      const body = res.body as ImportBody;
      if (body.status === 'completed' || body.status === 'failed') return body;
      if (Date.now() > until) throw new Error(`import ${id} still ${body.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const SKUS = [
    'code,name,category,base_unit,unit_cost,unit_price,active,units',
    'IMP-1,Blue mug,Kitchen,each,2.40,6.90,yes,case=12;pallet=480',
    'IMP-2,Red mug,Kitchen,,-1,5,true,',
    'IMP-3,Green mug,,,,,0,',
  ].join('\n');

  it('applies the good rows of a SKU CSV and reports the bad one by line, column and reason', async () => {
    const created = await upload('skus', SKUS);
    const done = await finished(created.id);
    expect(done).toMatchObject({ status: 'completed', percent: 100, totalRows: 3, processedRows: 3, appliedRows: 2, errorRows: 1, failure: null });
    expect(done.errors).toEqual([{ line: 3, field: 'unit_cost', message: 'must not be negative' }]);

    const mug = await viewer.agent.get('/api/v1/skus/IMP-1').expect(200);
    expect(mug.body).toMatchObject({ name: 'Blue mug', category: 'Kitchen', unitCost: 2.4, unitPrice: 6.9, active: true });
    expect(mug.body.units).toEqual([
      { name: 'case', factor: 12 },
      { name: 'pallet', factor: 480 },
    ]);
    await viewer.agent.get('/api/v1/skus/IMP-3').expect(200).expect((r) => expect(r.body).toMatchObject({ category: 'Uncategorised', active: false }));
    await viewer.agent.get('/api/v1/skus/IMP-2').expect(404);

    const errors = await viewer.agent.get(`/api/v1/imports/${created.id}/errors`).expect(200);
    expect(errors.body).toMatchObject({ total: 1, items: [{ line: 3, field: 'unit_cost', raw: 'IMP-2,Red mug,Kitchen,,-1,5,true,' }] });
    expect(await count(`SELECT count(*)::int AS n FROM identity.audit_log WHERE action = 'import.created' AND entity_id = $1`, [created.id])).toBe(1);
    // the SKUs' own audit entries name who uploaded the file
    expect(
      await count(`SELECT count(*)::int AS n FROM identity.audit_log WHERE action = 'sku.created' AND entity_id = 'IMP-1' AND actor_name = $1`, [
        planner.email,
      ]),
    ).toBe(1);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await t.db.query(`SELECT code, name, unit_cost, units, active FROM catalog.skus WHERE code LIKE 'IMP-%' ORDER BY code`);
    const done = await finished((await upload('skus', SKUS)).id);
    expect(done).toMatchObject({ status: 'completed', appliedRows: 2, errorRows: 1 });
    const after = await t.db.query(`SELECT code, name, unit_cost, units, active FROM catalog.skus WHERE code LIKE 'IMP-%' ORDER BY code`);
    expect(after).toEqual(before);
    expect(await count(`SELECT count(*)::int AS n FROM catalog.skus WHERE code LIKE 'IMP-%'`)).toBe(2);
  });

  it('fails a file with an unknown column as a whole and applies nothing', async () => {
    const done = await finished((await upload('skus', 'code,name,colour\nIMP-9,Mug,blue\n')).id);
    expect(done.status).toBe('failed');
    expect(done.failure).toContain('unknown column: colour');
    expect(done).toMatchObject({ appliedRows: 0, errorRows: 0, errors: [] });
    await viewer.agent.get('/api/v1/skus/IMP-9').expect(404);

    const missing = await finished((await upload('locations', 'code,type\nW1,warehouse\n')).id);
    expect(missing).toMatchObject({ status: 'failed' });
    expect(missing.failure).toContain('missing required column: name');
  });

  it('imports movements: the good rows are recorded, an unknown SKU is reported on its line', async () => {
    const locations = await finished((await upload('locations', 'code,name,type,time_zone\nIMP-WH,Import warehouse,warehouse,Europe/Paris\n')).id);
    expect(locations).toMatchObject({ status: 'completed', appliedRows: 1 });
    const csv = [
      'source,external_id,sku,location,type,quantity,unit,occurred_at,reason',
      'erp,imp-m1,IMP-1,IMP-WH,receipt,2,case,2026-01-05T10:00:00Z,',
      'erp,imp-m2,NOPE,IMP-WH,receipt,5,,2026-01-05T11:00:00Z,',
      'erp,imp-m3,IMP-3,IMP-WH,receipt,7,,2026-01-05T12:00:00Z,first delivery',
    ].join('\n');
    const done = await finished((await upload('movements', csv)).id);
    expect(done).toMatchObject({ status: 'completed', percent: 100, totalRows: 3, appliedRows: 2, errorRows: 1 });
    expect(done.errors).toEqual([{ line: 3, field: 'sku', message: 'unknown SKU NOPE' }]);
    expect(await count(`SELECT count(*)::int AS n FROM inventory.movements WHERE source = 'erp' AND external_id LIKE 'imp-m%'`)).toBe(2);

    // the same file again: the movements are already recorded, nothing is added
    const again = await finished((await upload('movements', csv)).id);
    expect(again).toMatchObject({ status: 'completed', appliedRows: 2, errorRows: 1 });
    expect(await count(`SELECT count(*)::int AS n FROM inventory.movements WHERE source = 'erp' AND external_id LIKE 'imp-m%'`)).toBe(2);
  });

  it('reports supplier terms for an unknown SKU and applies the others', async () => {
    await finished((await upload('suppliers', 'code,name,contact_email\nIMP-SUP,Mug Co,orders@mugco.test\n')).id);
    const done = await finished(
      (await upload('supplier-terms', 'supplier,sku,lead_time_days,moq,pack_size\nIMP-SUP,IMP-1,7,24,12\nIMP-SUP,NOPE,5,1,1\nIMP-SUP,IMP-3,abc,1,1\n')).id,
    );
    expect(done).toMatchObject({ status: 'completed', appliedRows: 1, errorRows: 2 });
    expect(done.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'sku'],
      [4, 'lead_time_days'],
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM catalog.supplier_terms`)).toBe(1);
  });

  it('a run restarted after a crash starts from scratch and counts nothing twice', async () => {
    const done = await finished((await upload('skus', SKUS)).id);
    // as if a worker died mid-run: still running, with stale counters and errors
    await t.db.query(`UPDATE ingestion.imports SET status = 'running', processed_rows = 3, applied_rows = 2, error_rows = 1 WHERE id = $1`, [done.id]);
    const progress: number[] = [];
    await t.app.get(RunImportJob).handle({ importId: done.id }, { jobId: 'retry', attempt: 2, reportProgress: async (p) => void progress.push(p) });
    const rerun = await finished(done.id);
    expect(rerun).toMatchObject({ status: 'completed', totalRows: 3, processedRows: 3, appliedRows: 2, errorRows: 1 });
    expect(rerun.errors).toHaveLength(1);
    expect(progress[progress.length - 1]).toBe(100);
    expect(await count(`SELECT count(*)::int AS n FROM catalog.skus WHERE code LIKE 'IMP-%'`)).toBe(2);
  });

  it('accepts a multipart upload with a file field', async () => {
    const res = await planner.agent
      .post('/api/v1/imports/suppliers')
      .attach('file', Buffer.from('code,name,active\nIMP-SUP2,Cup Co,no\n'), { filename: 'suppliers.csv', contentType: 'text/csv' })
      .expect(202);
    expect(res.body).toMatchObject({ kind: 'suppliers', fileName: 'suppliers.csv' });
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ status: 'completed', appliedRows: 1, errorRows: 0, fileName: 'suppliers.csv' });
    expect(await count(`SELECT count(*)::int AS n FROM catalog.suppliers WHERE code = 'IMP-SUP2' AND active = false`)).toBe(1);
  });

  it('refuses an empty body with 400 and stores nothing', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM ingestion.imports`);
    const res = await planner.agent.post('/api/v1/imports/skus').set('Content-Type', 'text/csv').send('').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0].path).toBe('file');
    await planner.agent.post('/api/v1/imports/skus').send({ csv: 'code,name' }).expect(400);
    expect(await count(`SELECT count(*)::int AS n FROM ingestion.imports`)).toBe(before);
  });

  it('needs the write scope to upload and lists imports newest first', async () => {
    await viewer.agent.post('/api/v1/imports/skus').set('Content-Type', 'text/csv').send(SKUS).expect(403);
    await viewer.agent.post('/api/v1/imports/movements').set('Content-Type', 'text/csv').send('x').expect(403);
    const list = await viewer.agent.get('/api/v1/imports?kind=skus&limit=2').expect(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.every((i: ImportBody) => i.kind === 'skus')).toBe(true);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const failed = await viewer.agent.get('/api/v1/imports?status=failed').expect(200);
    expect(failed.body.total).toBe(2);
    await viewer.agent.get('/api/v1/imports?kind=pets').expect(400);
    await viewer.agent.get('/api/v1/imports/00000000-0000-4000-8000-000000000000').expect(404);
    await viewer.agent.get('/api/v1/imports/not-a-uuid').expect(404);
  });
});
