#!/usr/bin/env node
/**
 * SKU list latency on a large catalog: `npm run bench:sku-list`. Against a running API (BENCH_URL, default
 * http://localhost:3000) signed in with ADMIN_EMAIL / ADMIN_PASSWORD; with BENCH_DATABASE_URL set it first fills
 * the catalog up to BENCH_SKUS (default 100,000) SKUs directly in SQL. Prints the median of 7 calls per query.
 */
import pg from 'pg';

const base = (process.env.BENCH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const target = Number(process.env.BENCH_SKUS ?? 100_000);

if (process.env.BENCH_DATABASE_URL) {
  const client = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await client.connect();
  await client.query(
    `INSERT INTO catalog.skus (code, name, category, unit_cost, unit_price)
     SELECT 'K-' || lpad(i::text, 6, '0'),
            (ARRAY['Blue','Red','Green','Steel','Oak'])[1 + i % 5] || ' ' || (ARRAY['mug','kettle','pen','lamp','chair','towel'])[1 + i % 6] || ' ' || i,
            (ARRAY['Kitchen','Office','Outdoor','Home','Garden'])[1 + i % 5], (i % 997) / 10.0, (i % 997) / 5.0
     FROM generate_series(1, $1::int) i ON CONFLICT (code) DO NOTHING`,
    [target],
  );
  await client.query('ANALYZE catalog.skus');
  await client.end();
}

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD }),
});
if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie').split(';')[0];
const queries = ['limit=50', 'limit=50&sort=-unitCost', 'limit=50&sort=name&offset=50000', 'limit=50&q=lamp', 'limit=50&category=Garden&sort=-updatedAt', 'limit=50&q=K-0999'];
console.log('| query | total | median |\n|---|---|---|');
for (const q of queries) {
  const times = [];
  let total = 0;
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/skus?${q}`, { headers: { cookie } });
    total = (await res.json()).total;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`| \`${q}\` | ${total.toLocaleString('en-US')} | ${times[3].toFixed(0)} ms |`);
}
