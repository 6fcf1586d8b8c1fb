import { createTestApp, resetDatabase, TestApp } from '../../src/shared/testing/test-app';
import { createApiKey, loginAs } from '../../src/shared/testing/auth';

/** Movement intake over HTTP, as an ERP or POS integration would use it. */
describe('POST /api/v1/movements', () => {
  let t: TestApp;
  let erp: { authorization: string };
  let readOnly: { authorization: string };

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    t.http().post('/api/v1/movements').set('authorization', erp.authorization).set(headers).send(body as object);
  const level = async (sku: string, location: string) => {
    const res = await t.http().get(`/api/v1/stock-levels?sku=${sku}&location=${location}`).set('authorization', readOnly.authorization).expect(200);
    return res.body.items[0];
  };
  const ledgerRows = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inventory.movements`))[0].n;
  const snapshot = async () => ({
    ledger: await ledgerRows(),
    levels: await t.db.query(`SELECT * FROM inventory.stock_levels ORDER BY sku_id, location_id`),
  });
  const item = (over: Record<string, unknown>) => ({
    source: 'erp',
    externalId: `x-${Math.random().toString(36).slice(2)}`,
    sku: 'MUG',
    location: 'WH-A',
    type: 'receipt',
    quantity: 1,
    occurredAt: '2026-11-01T10:00:00Z',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.db);
    const planner = await loginAs(t, 'planner');
    await planner.agent.post('/api/v1/skus').send({ code: 'MUG', name: 'Mug', units: [{ name: 'case', factor: 12 }] }).expect(201);
    await planner.agent.post('/api/v1/locations').send({ code: 'WH-A', name: 'A', type: 'warehouse' }).expect(201);
    await planner.agent.post('/api/v1/locations').send({ code: 'ST-B', name: 'B', type: 'store' }).expect(201);
    erp = await createApiKey(t, ['inventory:write', 'inventory:read']);
    readOnly = await createApiKey(t, ['inventory:read']);
  });
  afterAll(() => t.close());

  it('records a batch, converts units and keeps the five buckets and the derived figures', async () => {
    const res = await post({
      items: [
        item({ externalId: 'r-1', type: 'receipt', quantity: 2, unit: 'case', occurredAt: '2026-11-01T08:00:00Z' }),
        item({ externalId: 's-1', type: 'sale', quantity: 5, occurredAt: '2026-11-02T12:00:00Z' }),
        item({ externalId: 't-1', type: 'transfer_out', quantity: 4, toLocation: 'ST-B', occurredAt: '2026-11-03T09:00:00Z' }),
        item({ externalId: 'h-1', type: 'hold', quantity: 3, reason: 'damaged', occurredAt: '2026-11-04T09:00:00Z' }),
      ],
    }).expect(200);
    expect(res.body.summary).toEqual({ created: 4, duplicates: 0, rejected: 0 });
    expect(await level('MUG', 'WH-A')).toMatchObject({ onHand: 15, onHold: 3, reserved: 0, inTransit: 0, onOrder: 0, available: 12, inventoryPosition: 12 });
    expect(await level('MUG', 'ST-B')).toMatchObject({ onHand: 0, inTransit: 4, available: 0, inventoryPosition: 4 });
    await post({ items: [item({ externalId: 'ti-1', location: 'ST-B', type: 'transfer_in', quantity: 4, fromLocation: 'WH-A', occurredAt: '2026-11-05T09:00:00Z' })] }).expect(200);
    expect(await level('MUG', 'ST-B')).toMatchObject({ onHand: 4, inTransit: 0, available: 4 });
  });

  it('a retried batch changes nothing and answers duplicate', async () => {
    const before = await snapshot();
    const res = await post({
      items: [
        item({ externalId: 'r-1', type: 'receipt', quantity: 2, unit: 'case', occurredAt: '2026-11-01T08:00:00Z' }),
        item({ externalId: 's-1', type: 'sale', quantity: 5, occurredAt: '2026-11-02T12:00:00Z' }),
      ],
    }).expect(200);
    expect(res.body.items.map((i: { status: string }) => i.status)).toEqual(['duplicate', 'duplicate']);
    expect(await snapshot()).toEqual(before);
  });

  it('the same Idempotency-Key returns the first answer again, and refuses a different body', async () => {
    const body = { items: [item({ externalId: 'idem-1', type: 'receipt', quantity: 10 })] };
    const first = await post(body, { 'idempotency-key': 'batch-0001' }).expect(200);
    const again = await post(body, { 'idempotency-key': 'batch-0001' }).expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await post({ items: [item({ externalId: 'idem-2', type: 'receipt', quantity: 10 })] }, { 'idempotency-key': 'batch-0001' }).expect(422);
  });

  it.each([
    ['the string "NaN"', { quantity: 'NaN' }, 'quantity'],
    ['null', { quantity: null }, 'quantity'],
    ['a float', { quantity: 1.5 }, 'quantity'],
    ['a numeric string', { quantity: '5' }, 'quantity'],
    ['a negative sale', { type: 'sale', quantity: -3 }, 'quantity'],
    ['a zero receipt', { quantity: 0 }, 'quantity'],
    ['2^31', { quantity: 2 ** 31 }, 'quantity'],
    ['an overflow after unit conversion', { quantity: 200_000_000, unit: 'case' }, 'quantity'],
    ['an unknown unit', { quantity: 1, unit: 'pallet' }, 'unit'],
    ['an unknown SKU', { sku: 'NOPE' }, 'sku'],
    ['an unknown field', { colour: 'red' }, ''],
    ['a time without a zone', { occurredAt: '2026-11-01 10:00' }, 'occurredAt'],
    ['a hold of more than is available', { type: 'hold', quantity: 1_000 }, 'quantity'],
  ])('refuses %s naming the field, writes nothing, and keeps the item as a dead letter', async (_label, over, field) => {
    const before = await snapshot();
    const bad = item(over);
    const res = await post({ items: [bad] }).expect(200);
    const [result] = res.body.items;
    expect(result.status).toBe('rejected');
    expect(result.errors[0].path).toMatch(new RegExp(`^items\\.0${field ? `\\.${field}` : ''}`));
    expect(result.errors[0].message).toBeTruthy();
    expect(await snapshot()).toEqual(before);
    const [dead] = await t.db.query<{ payload: unknown }>(`SELECT payload FROM ingestion.dead_letters WHERE id = $1`, [result.deadLetterId]);
    expect(dead.payload).toEqual(bad);
  });

  it('applies the valid items of a batch and refuses the others', async () => {
    const res = await post({ items: [item({ externalId: 'ok-1', quantity: 2 }), item({ externalId: 'bad-1', quantity: -2 }), item({ externalId: 'ok-2', quantity: 3 })] }).expect(200);
    expect(res.body.summary).toEqual({ created: 2, duplicates: 0, rejected: 1 });
    expect(res.body.items[1].errors[0].path).toBe('items.1.quantity');
  });

  it.each([
    ['a bare object', { source: 'erp' }],
    ['items that is not an array', { items: 'x' }],
    ['an empty batch', { items: [] }],
    ['more than 10,000 items', { items: Array.from({ length: 10_001 }, () => ({})) }],
    ['an unknown top-level field', { items: [item({})], extra: 1 }],
  ])('answers 400 for %s and writes nothing', async (_label, body) => {
    const before = await snapshot();
    const res = await post(body).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 400 for a body that is not JSON', async () => {
    await t.http().post('/api/v1/movements').set('authorization', erp.authorization).set('content-type', 'application/json').send('{"items": [').expect(400);
  });

  it('a read-only key cannot write, and no key gets 401', async () => {
    await t.http().post('/api/v1/movements').set('authorization', readOnly.authorization).send({ items: [item({})] }).expect(403);
    await t.http().post('/api/v1/movements').send({ items: [item({})] }).expect(401);
  });

  it('a dead letter can be corrected and replayed', async () => {
    const res = await post({ items: [item({ externalId: 'fix-me', quantity: -1 })] }).expect(200);
    const id = res.body.items[0].deadLetterId;
    const list = await t.http().get('/api/v1/dead-letters?status=pending').set('authorization', readOnly.authorization).expect(200);
    expect(list.body.items.some((d: { id: string }) => d.id === id)).toBe(true);
    const replay = await t.http()
      .post(`/api/v1/dead-letters/${id}/replay`)
      .set('authorization', erp.authorization)
      .send({ payload: item({ externalId: 'fix-me', quantity: 1 }) })
      .expect(200);
    expect(replay.body.result.status).toBe('created');
    expect(replay.body.deadLetter.status).toBe('replayed');
  });

  it('shows the ledger, and the levels as they were at any past time', async () => {
    const ledger = await t.http().get('/api/v1/movements?sku=MUG&location=ST-B').set('authorization', readOnly.authorization).expect(200);
    expect(ledger.body.items.map((m: { type: string }) => m.type).sort()).toEqual(['transfer_in', 'transfer_out']);
    const history = await t.http()
      .get('/api/v1/stock-levels/MUG/WH-A/history?from=2026-10-31T00:00:00Z&to=2026-11-06T00:00:00Z&asOf=2026-11-02T23:00:00Z&interval=day')
      .set('authorization', readOnly.authorization)
      .expect(200);
    // by then: 2 cases received, 16 more units received on Nov 1 by the tests above, 5 sold
    expect(history.body.levelAsOf).toMatchObject({ onHand: 35, onHold: 0, available: 35 });
    const nov3 = history.body.series.find((p: { at: string }) => p.at.startsWith('2026-11-03'));
    expect(nov3).toMatchObject({ onHand: 31, onHold: 0 });
    const nov4 = history.body.series.find((p: { at: string }) => p.at.startsWith('2026-11-04'));
    expect(nov4).toMatchObject({ onHand: 31, onHold: 3, available: 28 });
  });
});
