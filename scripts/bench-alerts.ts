/**
 * Alert latency benchmark: the time from a `POST /api/v1/movements` that takes a SKU x location below its reorder
 * point to the alert (received on GET /api/v1/alerts/stream, then checked in alerts.alerts), p50 and p99 over
 * BENCH_PROBES probes, while a background load of BENCH_RATE movements/s runs on other SKUs. Target: p99 < 250 ms.
 *
 *   npm run bench:alerts
 *
 * Starts the API itself as a child process (from TypeScript, no build) on Postgres + BullMQ: database
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/stockpulse_bench_alr, created if missing), Redis
 * REDIS_URL (default redis://127.0.0.1:6379, prefix bench-alr), PORT 3200. With BENCH_URL set it uses that running
 * API instead (then set ADMIN_EMAIL / ADMIN_PASSWORD to its admin). Afterwards it runs scripts/bench-recompute.ts
 * when it exists (BENCH_RECOMPUTE=false skips it).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase, env, percentile } from './bench-support';

const DATABASE_URL = env('BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/stockpulse_bench_alr');
const REDIS_URL = env('REDIS_URL', 'redis://127.0.0.1:6379');
const PORT = Number(env('BENCH_PORT', '3200'));
const BASE = env('BENCH_URL', `http://127.0.0.1:${PORT}`).replace(/\/$/, '');
const ADMIN_EMAIL = env('ADMIN_EMAIL', 'bench@stockpulse.local');
const ADMIN_PASSWORD = env('ADMIN_PASSWORD', 'bench-password-1');
const RATE = Number(env('BENCH_RATE', '1000'));
const PROBES = Number(env('BENCH_PROBES', '250'));
const BG_SKUS = Number(env('BENCH_BG_SKUS', '1000'));
const BG_LOCATIONS = 2;
const PROBE_TIMEOUT_MS = Number(env('BENCH_PROBE_TIMEOUT_MS', '5000'));
const RUN = randomUUID().slice(0, 8);
const ROOT = path.resolve(__dirname, '..');

let auth: Record<string, string> = {};

async function call(method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${BASE}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...auth },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function must(method: string, route: string, body?: unknown, okStatuses: number[] = []): Promise<unknown> {
  const r = await call(method, route, body);
  if (r.status >= 300 && !okStatuses.includes(r.status)) throw new Error(`${method} ${route}: ${r.status} ${JSON.stringify(r.json).slice(0, 400)}`);
  return r.json;
}

/** The API from its TypeScript (compiled by scripts/swc-register.cjs), in a child process, on Postgres + BullMQ. */
function startApi(): ChildProcess {
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/swc-register.cjs'), path.join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX: 'bench-alr',
      PORT: String(PORT),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      DEMO_DATA: 'false',
      LOG_LEVEL: env('BENCH_LOG_LEVEL', 'warn'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function waitHealthy(child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${BASE}/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error('the API did not become healthy within 120 s');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function signIn(): Promise<string> {
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  auth = { cookie };
  return cookie;
}

let sequence = 0;
const movement = (sku: string, location: string, type: 'receipt' | 'sale', quantity: number) => ({
  source: 'bench-alr',
  externalId: `${RUN}-${++sequence}`,
  sku,
  location,
  type,
  quantity,
  occurredAt: new Date().toISOString(),
});

async function postMovements(items: ReturnType<typeof movement>[]): Promise<void> {
  const json = (await must('POST', '/api/v1/movements', { items })) as { summary: { rejected: number } };
  if (json.summary.rejected) throw new Error(`rejected movements: ${JSON.stringify(json).slice(0, 400)}`);
}

async function setUp(): Promise<{ bgSkus: string[]; bgLocations: string[]; probes: string[] }> {
  const bgLocations = Array.from({ length: BG_LOCATIONS }, (_, i) => `BALR-BG-${i}`);
  const probeLocation = 'BALR-PROBE';
  for (const code of [...bgLocations, probeLocation]) await must('POST', '/api/v1/locations', { code, name: code, type: 'warehouse' }, [409]);
  const bgSkus = Array.from({ length: BG_SKUS }, (_, i) => `BALR-BG-${String(i).padStart(5, '0')}`);
  const probes = Array.from({ length: PROBES }, (_, i) => `BALR-P-${RUN}-${String(i).padStart(4, '0')}`);
  for (let i = 0; i < bgSkus.length; i += 25) {
    await Promise.all(bgSkus.slice(i, i + 25).map((code) => must('POST', '/api/v1/skus', { code, name: code, category: 'Bench' }, [409])));
  }
  for (let i = 0; i < probes.length; i += 10) {
    await Promise.all(
      probes.slice(i, i + 10).map(async (code) => {
        await must('POST', '/api/v1/skus', { code, name: code, category: 'Bench probe' });
        await must('PUT', `/api/v1/policies/${code}/${probeLocation}`, { method: 'static', min: 100, max: 400, safetyStock: 10 });
      }),
    );
  }
  // background stock far from zero (no policy: only a stockout would alert); probe stock above the reorder point
  for (let i = 0; i < bgSkus.length; i += 500) {
    await postMovements(bgSkus.slice(i, i + 500).flatMap((s) => bgLocations.map((l) => movement(s, l, 'receipt', 100_000))));
  }
  await postMovements(probes.map((s) => movement(s, probeLocation, 'receipt', 150)));
  return { bgSkus, bgLocations, probes };
}

/** Alert `opened` events from the stream, by SKU code, with the time they arrived. */
function listen(cookie: string, onOpened: (sku: string, at: number) => void): AbortController {
  const controller = new AbortController();
  void (async () => {
    const res = await fetch(`${BASE}/api/v1/alerts/stream`, { headers: { cookie }, signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const frames = buffer.split('\n\n');
      buffer = frames.pop() ?? '';
      const at = performance.now();
      for (const frame of frames) {
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (!frame.includes('event: alert') || !data) continue;
        const event = JSON.parse(data.slice(6)) as { type: string; alert: { sku: string } };
        if (event.type === 'opened') onOpened(event.alert.sku, at);
      }
    }
  })().catch((e: Error) => {
    if (e.name !== 'AbortError') console.error(`stream failed: ${e.message}`);
  });
  return controller;
}

/** RATE movements/s in 10 batches a second, spread over the background SKU x locations, until stopped. */
function backgroundLoad(bgSkus: string[], bgLocations: string[]): { stop: () => Promise<number> } {
  let stopped = false;
  let sent = 0;
  const perTick = Math.max(1, Math.round(RATE / 10));
  let n = 0;
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    if (stopped) return;
    const items = Array.from({ length: perTick }, () => {
      const i = n++;
      return movement(bgSkus[(i * 7919) % bgSkus.length], bgLocations[i % bgLocations.length], i % 2 ? 'receipt' : 'sale', 1 + (i % 3));
    });
    const p = postMovements(items)
      .then(() => void (sent += items.length))
      .catch((e: Error) => console.error(`background batch failed: ${e.message}`))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, 100);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all(inFlight);
      return sent;
    },
  };
}

async function main(): Promise<void> {
  let child: ChildProcess | undefined;
  if (!process.env.BENCH_URL) {
    await ensureDatabase(DATABASE_URL);
    child = startApi();
  }
  const stopChild = () => child?.exitCode === null && child.kill('SIGTERM');
  process.on('exit', stopChild);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopChild();
      process.exit(130);
    });
  }
  try {
    await waitHealthy(child);
    const cookie = await signIn();
    console.log(`bench:alerts against ${BASE}: ${PROBES} probes, background ${RATE} movements/s over ${BG_SKUS} SKUs x ${BG_LOCATIONS} locations`);
    const { bgSkus, bgLocations, probes } = await setUp();
    await new Promise((r) => setTimeout(r, 2000)); // let the set-up evaluations drain

    const arrived = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    const stream = listen(cookie, (sku, at) => {
      arrived.set(sku, at);
      waiters.get(sku)?.();
    });
    await new Promise((r) => setTimeout(r, 300));

    const load = backgroundLoad(bgSkus, bgLocations);
    const started = performance.now();
    await new Promise((r) => setTimeout(r, 3000)); // the load reaches its steady state first
    const latencies: number[] = [];
    const answers: number[] = [];
    let missed = 0;
    for (const sku of probes) {
      const seen = new Promise<void>((resolve) => waiters.set(sku, resolve));
      const t0 = performance.now();
      await postMovements([movement(sku, 'BALR-PROBE', 'sale', 60)]); // position 150 -> 90 <= ROP 100
      answers.push(performance.now() - t0);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([seen, new Promise((r) => (timer = setTimeout(r, PROBE_TIMEOUT_MS)))]);
      clearTimeout(timer);
      const at = arrived.get(sku);
      if (at === undefined) missed++;
      else latencies.push(at - t0);
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 50));
    }
    const sent = await load.stop();
    const seconds = (performance.now() - started) / 1000;
    stream.abort();

    const db = new Client({ connectionString: DATABASE_URL });
    await db.connect();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM alerts.alerts WHERE sku_code = ANY($1) AND kind = 'below_reorder_point'`, [probes]);
    await db.end();

    latencies.sort((a, b) => a - b);
    // a missed probe counts as the timeout, so a run that misses cannot report a good p99
    for (let i = 0; i < missed; i++) latencies.push(PROBE_TIMEOUT_MS);
    console.log(`background: ${sent} movements in ${seconds.toFixed(1)} s = ${Math.round(sent / seconds)} movements/s`);
    console.log(`probes: ${latencies.length} alerts seen on the stream, ${missed} missed (not seen within ${PROBE_TIMEOUT_MS} ms), ${rows[0].n} alert rows`);
    console.log(
      `POST /movements -> alert: p50 ${percentile(latencies, 50).toFixed(0)} ms, p90 ${percentile(latencies, 90).toFixed(0)} ms, ` +
        `p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms (target p99 < 250 ms)`,
    );
    answers.sort((a, b) => a - b);
    console.log(`of which the POST /movements answer itself: p50 ${percentile(answers, 50).toFixed(0)} ms, p99 ${percentile(answers, 99).toFixed(0)} ms`);
  } finally {
    stopChild();
  }

  const recompute = path.join(ROOT, 'scripts/bench-recompute.ts');
  if (env('BENCH_RECOMPUTE', 'true') !== 'false' && existsSync(recompute)) {
    console.log('\nbench:recompute (scripts/bench-recompute.ts):');
    const r = spawnSync(process.execPath, ['-r', './scripts/swc-register.cjs', recompute], { cwd: ROOT, stdio: 'inherit' });
    if (r.status) process.exitCode = r.status;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
