/**
 * Ingest benchmark: movements per second through POST /api/v1/movements, then the same writes straight in SQL on
 * the same database (the ledger INSERT and the stock_levels upsert, no HTTP, no validation), and the ratio.
 *
 *   npm run bench:ingest
 *
 * Needs a running API on Postgres (BENCH_URL, default http://localhost:3000) and that database
 * (BENCH_DATABASE_URL, default DATABASE_URL). Signs in with ADMIN_EMAIL / ADMIN_PASSWORD (or uses BENCH_API_KEY),
 * creates BENCH_SKUS x BENCH_LOCATIONS SKU x locations, then posts batches of BENCH_BATCH movements with
 * BENCH_CONCURRENCY requests in flight for BENCH_SECONDS, and does the same in SQL for as long.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { selectRows } from '../apps/api/src/shared/database/select-rows';
import { env } from './bench-support';

const BASE = env('BENCH_URL', 'http://localhost:3000').replace(/\/$/, '');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const SECONDS = Number(env('BENCH_SECONDS', '20'));
const BATCH = Number(env('BENCH_BATCH', '5000'));
const CONCURRENCY = Number(env('BENCH_CONCURRENCY', '4'));
const SKU_COUNT = Number(env('BENCH_SKUS', '500'));
const LOCATION_COUNT = Number(env('BENCH_LOCATIONS', '4'));
const RUN = randomUUID().slice(0, 8);

let auth: Record<string, string> = {};
/** the admin session, to read /metrics (null with BENCH_API_KEY: then only the outbox is watched, in SQL) */
let adminAuth: Record<string, string> | null = null;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...auth },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function signIn(): Promise<void> {
  if (process.env.BENCH_API_KEY) {
    auth = { authorization: `Bearer ${process.env.BENCH_API_KEY}` };
    return;
  }
  const email = env('ADMIN_EMAIL', 'admin@stockpulse.local');
  const password = process.env.ADMIN_PASSWORD;
  if (!password) throw new Error('Set ADMIN_EMAIL and ADMIN_PASSWORD (the API admin) or BENCH_API_KEY.');
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  // an API key is what integrations use: create one, and post movements with it
  auth = { cookie };
  adminAuth = { cookie };
  const key = await call('POST', '/api/v1/api-keys', { name: `bench-${RUN}`, scopes: ['inventory:write', 'inventory:read', 'catalog:write'] });
  const k = key.json as { key?: string };
  if (key.status < 300 && k?.key) auth = { authorization: `Bearer ${k.key}` };
}

async function ensureCatalog(): Promise<{ skus: string[]; locations: string[] }> {
  const skus = Array.from({ length: SKU_COUNT }, (_, i) => `BENCH-SKU-${String(i).padStart(5, '0')}`);
  const locations = Array.from({ length: LOCATION_COUNT }, (_, i) => `BENCH-LOC-${i}`);
  const create = async (path: string, body: unknown) => {
    const r = await call('POST', path, body);
    if (r.status >= 300 && r.status !== 409) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.json)}`);
  };
  for (const code of locations) {
    await create('/api/v1/locations', { code, name: `Bench ${code}`, type: 'warehouse', timeZone: 'UTC' });
  }
  for (let i = 0; i < skus.length; i += 20) {
    await Promise.all(
      skus.slice(i, i + 20).map((code) =>
        create('/api/v1/skus', { code, name: `Bench ${code}`, baseUnit: 'each', units: [{ name: 'case', factor: 12 }] }),
      ),
    );
  }
  return { skus, locations };
}

interface Item {
  source: string;
  externalId: string;
  sku: string;
  location: string;
  type: 'receipt' | 'sale';
  quantity: number;
  unit?: string;
  occurredAt: string;
}

let counter = 0;
function batch(skus: string[], locations: string[], tag: string): Item[] {
  const now = new Date().toISOString();
  return Array.from({ length: BATCH }, () => {
    const n = counter++;
    const receipt = n % 3 === 0;
    return {
      source: 'bench',
      externalId: `${RUN}-${tag}-${n}`,
      sku: skus[n % skus.length],
      location: locations[(n >> 3) % locations.length],
      type: receipt ? 'receipt' : 'sale',
      quantity: receipt ? 2 : 1,
      ...(receipt && n % 6 === 0 ? { unit: 'case', quantity: 1 } : {}),
      occurredAt: now,
    };
  });
}

async function timed(work: () => Promise<number>): Promise<{ movements: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const deadline = Date.now() + SECONDS * 1000;
  let movements = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        // not `movements += await work()`: that reads `movements` before the await, losing the other workers' counts
        const done = await work();
        movements += done;
      }
    }),
  );
  return { movements, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function viaApi(skus: string[], locations: string[]) {
  return timed(async () => {
    const r = await call('POST', '/api/v1/movements', { items: batch(skus, locations, 'api') });
    const s = (r.json as { summary?: { created: number; rejected: number } })?.summary;
    if (r.status !== 200 || !s) throw new Error(`POST /api/v1/movements: ${r.status} ${JSON.stringify(r.json).slice(0, 500)}`);
    if (s.rejected) throw new Error(`the API rejected ${s.rejected} bench movements: ${JSON.stringify(r.json).slice(0, 800)}`);
    return s.created;
  });
}

/** The same rows straight into the ledger and stock_levels: one INSERT and one upsert per batch, in a transaction. */
async function viaSql(pool: Pool, skus: string[], locations: string[]) {
  const ids = async (table: string, codes: string[]) => {
    const rows = (await pool.query(`SELECT id, code FROM catalog.${table} WHERE code = ANY($1)`, [codes])).rows;
    return new Map<string, string>(rows.map((r: { id: string; code: string }) => [r.code, r.id]));
  };
  const skuIds = await ids('skus', skus);
  const locationIds = await ids('locations', locations);
  return timed(async () => {
    const items = batch(skus, locations, 'sql');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const quantity = items.map((m) => (m.unit === 'case' ? m.quantity * 12 : m.quantity));
      // the columns travel the way the API sends its own (selectRows): cheaper than array literals at both ends
      const params: unknown[] = [];
      const rows = selectRows(
        [
          { type: 'uuid', values: items.map((m) => skuIds.get(m.sku)!) },
          { type: 'uuid', values: items.map((m) => locationIds.get(m.location)!) },
          { type: 'text', values: items.map((m) => m.type) },
          { type: 'int', values: quantity },
          { type: 'text', values: items.map((m) => m.unit ?? null) },
          { type: 'int', values: items.map((m) => m.quantity) },
          { type: 'text', values: items.map((m) => m.source) },
          { type: 'text', values: items.map((m) => m.externalId) },
          { type: 'timestamptz', values: items.map((m) => m.occurredAt) },
        ],
        params,
      );
      await client.query(
        `WITH ins AS (
           INSERT INTO inventory.movements (sku_id, location_id, type, quantity, on_hand_delta, unit, unit_quantity,
             source, external_id, occurred_at, recorded_by)
           SELECT s, l, t, q, CASE WHEN t = 'sale' THEN -q ELSE q END, u, uq, src, e, o, 'bench-sql'
           FROM (${rows}) AS x(s, l, t, q, u, uq, src, e, o)
           ON CONFLICT (source, external_id) WHERE leg = 'primary' DO NOTHING
           RETURNING sku_id, location_id, on_hand_delta, occurred_at
         )
         INSERT INTO inventory.stock_levels AS s (sku_id, location_id, on_hand, version, last_movement_at)
         SELECT sku_id, location_id, sum(on_hand_delta), 1, max(occurred_at) FROM ins GROUP BY 1, 2 ORDER BY 1, 2
         ON CONFLICT (sku_id, location_id) DO UPDATE SET on_hand = s.on_hand + excluded.on_hand,
           version = s.version + 1, last_movement_at = greatest(s.last_movement_at, excluded.last_movement_at),
           updated_at = now()`,
        params,
      );
      await client.query('COMMIT');
      return items.length;
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  });
}

/**
 * Waits until the API has done the background work the API phase caused (outbox relayed, alert evaluations run),
 * so that work does not slow the SQL phase down; answers how long that took.
 */
async function untilQuiet(pool: Pool): Promise<number> {
  const start = Date.now();
  for (;;) {
    const [row] = (await pool.query(`SELECT count(*)::int AS n FROM platform.outbox WHERE relayed_at IS NULL`)).rows;
    let waiting = 0;
    if (adminAuth) {
      const text = await (await fetch(`${BASE}/metrics`, { headers: adminAuth })).text();
      for (const m of text.matchAll(/^stockpulse_queue_depth\{queue="events",state="waiting"\} (\d+)/gm)) waiting += Number(m[1]);
    }
    if (row.n === 0 && waiting === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 1000)); // the last jobs taken, still running
  return (Date.now() - start) / 1000;
}

async function main() {
  if (!DATABASE_URL) throw new Error('Set BENCH_DATABASE_URL (or DATABASE_URL) to the database of the API under test.');
  console.log(`bench:ingest against ${BASE}: ${SKU_COUNT} SKUs x ${LOCATION_COUNT} locations, batches of ${BATCH}, ${CONCURRENCY} in flight, ${SECONDS} s each`);
  await signIn();
  const { skus, locations } = await ensureCatalog();
  // warm up (JIT, caches, connections)
  await call('POST', '/api/v1/movements', { items: batch(skus, locations, 'warm').slice(0, 500) });

  const pool = new Pool({ connectionString: DATABASE_URL, max: CONCURRENCY });
  // both phases rewrite the same 2,000 stock levels thousands of times: each starts on a vacuumed table, so neither
  // pays for the dead rows the other left (a server with autovacuum off would otherwise keep them all)
  const vacuum = () => pool.query('VACUUM inventory.stock_levels');
  try {
    await vacuum();
    const api = await viaApi(skus, locations);
    const apiRate = api.movements / api.seconds;
    console.log(`API: ${api.movements} movements in ${api.seconds.toFixed(1)} s = ${Math.round(apiRate)} movements/s`);

    const drained = await untilQuiet(pool);
    console.log(`(the API's background work for that phase, alert evaluations included, finished ${drained.toFixed(1)} s later)`);
    await vacuum();
    const sql = await viaSql(pool, skus, locations);
    const sqlRate = sql.movements / sql.seconds;
    console.log(`SQL: ${sql.movements} movements in ${sql.seconds.toFixed(1)} s = ${Math.round(sqlRate)} movements/s`);
    console.log(`API / SQL = ${((100 * apiRate) / sqlRate).toFixed(0)}%`);
  } finally {
    await pool.end();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
