/**
 * Recompute benchmark: a full recompute of reorder policies over 100,000 SKU x locations with a year of daily demand
 * history, through the real job (`thresholds.recompute-policies` on BullMQ), timed from enqueue to the run's end.
 *
 *   npm run bench:recompute
 *
 * Uses Postgres BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/stockpulse_bench_thr; created if
 * missing) and Redis REDIS_URL (default redis://127.0.0.1:6379, key prefix bench-thr). The first run fills the
 * database in SQL (generate_series): BENCH_SKUS SKUs (default 25,000) x 4 locations in 4 time zones, one receipt
 * and then a sale on about 4 days in 5 for 365 days per SKU x location, and supplier terms; later runs reuse it.
 * Before timing, it vacuums the ledger and the computed policies, as autovacuum would in production.
 */
import { randomUUID } from 'node:crypto';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../apps/api/src/app.module';
import { loadConfig } from '../apps/api/src/config/app-config';
import { JOB_QUEUE } from '../apps/api/src/shared/queue/job-queue.port';
import { ensureDatabase } from './bench-support';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stockpulse_bench_thr';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SKUS = Number(process.env.BENCH_SKUS ?? '25000');
const DAYS = 365;
const LOCATIONS = [
  ['BT-DC', 'dc', 'Europe/Paris'],
  ['BT-NYC', 'store', 'America/New_York'],
  ['BT-TYO', 'store', 'Asia/Tokyo'],
  ['BT-UTC', 'warehouse', 'UTC'],
];

async function fill(client: Client): Promise<void> {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM inventory.stock_levels`);
  if (rows[0].n === SKUS * LOCATIONS.length) {
    console.log(`reusing ${rows[0].n.toLocaleString()} SKU x locations already in the database`);
    return;
  }
  console.log(`filling ${(SKUS * LOCATIONS.length).toLocaleString()} SKU x locations with ${DAYS} days of history...`);
  const t0 = Date.now();
  await client.query(`SET synchronous_commit = off`);
  await client.query(`TRUNCATE inventory.movements, inventory.stock_levels, thresholds.computed_policies, thresholds.recompute_runs,
    catalog.supplier_terms, catalog.suppliers, catalog.skus, catalog.locations, platform.outbox CASCADE`);
  await client.query(
    `INSERT INTO catalog.locations (code, name, type, time_zone) SELECT * FROM unnest($1::text[], $1::text[], $2::text[], $3::text[])`,
    [LOCATIONS.map((l) => l[0]), LOCATIONS.map((l) => l[1]), LOCATIONS.map((l) => l[2])],
  );
  await client.query(
    `INSERT INTO catalog.skus (code, name, category, unit_cost)
     SELECT 'BT-' || lpad(g::text, 6, '0'), 'Bench item ' || g, 'Cat ' || (g % 20), round((1 + (g % 97) * 1.7)::numeric, 2)
     FROM generate_series(1, $1) g`,
    [SKUS],
  );
  await client.query(`INSERT INTO catalog.suppliers (code, name) VALUES ('BT-FAST', 'Fast'), ('BT-SLOW', 'Slow')`);
  await client.query(
    `INSERT INTO catalog.supplier_terms (supplier_id, sku_id, lead_time_days, lead_time_std_days, moq, pack_size)
     SELECT s.id, k.id, CASE s.code WHEN 'BT-FAST' THEN 3 + (hashtext(k.code) & 7) ELSE 14 END, 1.5, 10, 6
     FROM catalog.skus k CROSS JOIN catalog.suppliers s`,
  );
  for (const [code] of LOCATIONS) {
    const t = Date.now();
    // one receipt a year ago, then a sale (1..20 units, more for some SKUs) on about 4 days in 5
    await client.query(
      `INSERT INTO inventory.movements (sku_id, location_id, type, quantity, on_hand_delta, unit_quantity, source, external_id,
                                        occurred_at, recorded_by)
       SELECT k.id, l.id, 'receipt', 100000, 100000, 100000, 'bench', 'r-' || l.code || '-' || k.code,
              date_trunc('day', now()) - interval '366 days', 'bench'
       FROM catalog.skus k, catalog.locations l WHERE l.code = $1`,
      [code],
    );
    await client.query(
      `INSERT INTO inventory.movements (sku_id, location_id, type, quantity, on_hand_delta, unit_quantity, source, external_id,
                                        occurred_at, recorded_by)
       SELECT k.id, l.id, 'sale', q, -q, q, 'bench', 's-' || l.code || '-' || k.code || '-' || d,
              date_trunc('day', now()) - make_interval(days => d) + make_interval(hours => 6 + (d % 12)), 'bench'
       FROM catalog.skus k CROSS JOIN catalog.locations l CROSS JOIN generate_series(1, ${DAYS}) d
       CROSS JOIN LATERAL (SELECT 1 + floor(random() * (5 + (hashtext(k.code) & 15)))::int AS q) x
       WHERE l.code = $1 AND random() < 0.8
       ORDER BY k.id, d DESC`,
      [code],
    );
    console.log(`  ${code}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  await client.query(
    `INSERT INTO inventory.stock_levels (sku_id, location_id, on_hand, version, last_movement_at)
     SELECT sku_id, location_id, sum(on_hand_delta), count(*), max(occurred_at) FROM inventory.movements GROUP BY 1, 2`,
  );
  await client.query(`VACUUM ANALYZE inventory.movements`);
  await client.query(`VACUUM ANALYZE inventory.stock_levels`);
  const { rows: n } = await client.query(`SELECT count(*)::bigint AS n FROM inventory.movements`);
  console.log(`filled in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${Number(n[0].n).toLocaleString()} ledger rows`);
}

async function main(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX: process.env.REDIS_PREFIX ?? 'bench-thr',
    APP_ROLE: 'worker',
    DEMO_DATA: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ADMIN_EMAIL: 'bench@stockpulse.local',
    ADMIN_PASSWORD: 'bench-password-1',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  await app.init();
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await fill(client);
    // what autovacuum does in production between two nightly recomputes (it is off on the shared bench server):
    // the visibility map of the ledger that index-only scans rely on, and the previous run's dead policy rows
    await client.query(`VACUUM (ANALYZE) inventory.movements, thresholds.computed_policies, platform.outbox`);
    const id = randomUUID();
    await client.query(`INSERT INTO thresholds.recompute_runs (id, trigger, filter, requested_by) VALUES ($1, 'manual', '{}', 'bench')`, [id]);
    const started = Date.now();
    await app.get(JOB_QUEUE).enqueue('thresholds.recompute-policies', { runId: id }, { dedupKey: id });
    let run: Record<string, unknown> = {};
    let lastProgress = -1;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      run = (await client.query(`SELECT * FROM thresholds.recompute_runs WHERE id = $1`, [id])).rows[0];
      if (run.progress !== lastProgress) {
        lastProgress = run.progress as number;
        process.stdout.write(`\r  ${run.status} ${run.progress}% (${run.done}/${run.total})   `);
      }
      if (run.status === 'succeeded' || run.status === 'failed') break;
    }
    const elapsed = (Date.now() - started) / 1000;
    console.log('');
    if (run.status === 'failed') throw new Error(`the recompute failed: ${run.error}`);
    const { rows: figures } = await client.query(
      `SELECT count(*)::int AS n, count(reorder_point)::int AS with_rop, round(avg(reorder_point))::int AS avg_rop,
              count(*) FILTER (WHERE abc_class = 'A')::int AS a, count(*) FILTER (WHERE xyz_class = 'X')::int AS x
       FROM thresholds.computed_policies`,
    );
    const { rows: events } = await client.query(`SELECT count(*)::int AS n FROM platform.outbox WHERE event = 'thresholds.policies-changed'`);
    console.log(
      `full recompute of ${Number(run.total).toLocaleString()} SKU x locations: ${elapsed.toFixed(1)} s ` +
        `(target < 60 s); ${run.changed} moved; ${figures[0].with_rop} with figures (mean ROP ${figures[0].avg_rop}, ` +
        `${figures[0].a} class A, ${figures[0].x} class X); ${events[0].n} policies-changed events in the outbox`,
    );
  } finally {
    await client.end();
    await app.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
