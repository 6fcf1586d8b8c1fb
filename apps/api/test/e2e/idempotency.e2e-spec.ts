import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Idempotent } from '../../src/shared/http/idempotency';
import { RequireScope } from '../../src/shared/http/auth';
import { ValidationError } from '../../src/shared/errors';
import { Database } from '../../src/shared/database';
import { createPlatformTestApp, PlatformTestApp } from '../../src/shared/testing/platform-test-app';

let release: (() => void) | undefined;

/** A write route for the test: each call writes one row, so that a replay can be told from a second run. */
@Controller('test/orders')
class TestOrdersController {
  constructor(private readonly db: Database) {}

  @Post()
  @HttpCode(201)
  @RequireScope('inventory:write')
  @Idempotent()
  async create(@Body() body: { sku: string; quantity: number; slow?: boolean; fail?: boolean }) {
    if (body.fail) throw new ValidationError('bad order', [{ path: 'body.fail', message: 'refused on purpose' }]);
    if (body.slow) await new Promise<void>((r) => (release = r));
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO platform.outbox (event, payload, relayed_at) VALUES ('test.order-created', $1::jsonb, now()) RETURNING id`,
      [JSON.stringify(body)],
    );
    return { orderId: Number(row.id), sku: body.sku, quantity: body.quantity };
  }
}

describe('Idempotency-Key on a write route', () => {
  let t: PlatformTestApp;
  const orders = async () => Number((await t.db.query(`SELECT count(*) AS n FROM platform.outbox WHERE event = 'test.order-created'`))[0].n);
  const post = (body: object, key?: string, token = 'admin-token') => {
    const r = t.http().post('/test/orders').set('Authorization', `Bearer ${token}`);
    return (key ? r.set('Idempotency-Key', key) : r).send(body);
  };

  beforeAll(async () => {
    t = await createPlatformTestApp({ controllers: [TestOrdersController] });
  });
  beforeEach(() => t.db.query('TRUNCATE platform.outbox, platform.idempotency_keys'));
  afterAll(() => t.close());

  it('does nothing without the header: each call runs', async () => {
    await post({ sku: 'A', quantity: 1 }).expect(201);
    const second = await post({ sku: 'A', quantity: 1 }).expect(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(await orders()).toBe(2);
  });

  it('replays the first response for the same key and body, without running the route again', async () => {
    const first = await post({ sku: 'A', quantity: 3 }, 'key-1').expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // same body, other key order: the same request
    const again = await post({ quantity: 3, sku: 'A' }, 'key-1').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await orders()).toBe(1);
  });

  it('refuses the same key with a different body (422 problem+json) and writes nothing', async () => {
    await post({ sku: 'A', quantity: 3 }, 'key-2').expect(201);
    const res = await post({ sku: 'A', quantity: 4 }, 'key-2').expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/different request body/);
    expect(await orders()).toBe(1);
  });

  it('answers 409 to a request whose key is still in flight, then replays once it is done', async () => {
    const slow = post({ sku: 'S', quantity: 1, slow: true }, 'key-3').then((r) => r);
    while (!release) await new Promise((r) => setTimeout(r, 10));
    const concurrent = await post({ sku: 'S', quantity: 1, slow: true }, 'key-3').expect(409);
    expect(concurrent.headers['content-type']).toContain('application/problem+json');
    release();
    release = undefined;
    const first = await slow;
    expect(first.status).toBe(201);
    const replay = await post({ sku: 'S', quantity: 1, slow: true }, 'key-3').expect(201);
    expect(replay.body).toEqual(first.body);
    expect(await orders()).toBe(1);
  });

  it('scopes keys to the caller: another principal with the same key runs its own request', async () => {
    await post({ sku: 'A', quantity: 1 }, 'shared-key').expect(201);
    const other = await post({ sku: 'A', quantity: 1 }, 'shared-key', 'other-admin-token').expect(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await orders()).toBe(2);
  });

  it('keeps nothing for a failed request, so the same key may be retried', async () => {
    await post({ sku: 'A', quantity: 1, fail: true }, 'key-4').expect(400);
    expect(await t.db.query(`SELECT 1 FROM platform.idempotency_keys WHERE key = 'key-4'`)).toHaveLength(0);
    await post({ sku: 'A', quantity: 1 }, 'key-4').expect(201);
    expect(await orders()).toBe(1);
  });

  it('forgets a key after 24 hours', async () => {
    await post({ sku: 'A', quantity: 1 }, 'key-5').expect(201);
    await t.db.query(`UPDATE platform.idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'key-5'`);
    const res = await post({ sku: 'A', quantity: 2 }, 'key-5').expect(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await orders()).toBe(2);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const res = await post({ sku: 'A', quantity: 1 }, 'x'.repeat(256)).expect(400);
    expect(res.body.errors).toEqual([{ path: 'headers.idempotency-key', message: expect.any(String) }]);
    expect(await orders()).toBe(0);
  });

  it('checks credentials before the key: 401 without them', async () => {
    await t.http().post('/test/orders').set('Idempotency-Key', 'k').send({ sku: 'A', quantity: 1 }).expect(401);
  });
});
