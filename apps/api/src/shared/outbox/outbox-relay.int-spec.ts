import { Injectable } from '@nestjs/common';
import { JobHandler } from '../queue/job-handler.decorator';
import { JobContext } from '../queue/job-queue.port';
import { createPlatformTestApp, PlatformTestApp } from '../testing/platform-test-app';
import { metricsRegistry } from '../metrics';
import { Outbox } from './outbox';
import { EventSubscriptions, OutboxRelay } from './outbox-relay';

const handled: { payload: unknown; jobId: string }[] = [];
const started: string[] = [];
let holdBurst: Promise<void> | undefined;

@Injectable()
@JobHandler('test.react-to-thing' as never)
class ReactToThingJob {
  async handle(payload: { thing: string }, ctx: JobContext): Promise<void> {
    started.push(payload.thing);
    if (payload.thing === 'burst' && holdBurst) {
      const hold = holdBurst;
      holdBurst = undefined;
      await hold;
    }
    handled.push({ payload, jobId: ctx.jobId });
  }
}

const subscriptions: EventSubscriptions = {
  'test.thing-happened': [
    {
      job: 'test.react-to-thing' as never,
      map: (p: { thing: string }) => [{ payload: { thing: p.thing }, dedupKey: p.thing }],
    } as never,
  ],
  // one event, one job per thing it lists (as inventory.stock-levels-changed fans out per SKU x location)
  'test.things-happened': [
    {
      job: 'test.react-to-thing' as never,
      map: (p: { things: string[] }) => p.things.map((thing) => ({ payload: { thing }, dedupKey: thing })),
    } as never,
  ],
  'test.nobody-listens': [],
};

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(['in-process', 'bullmq'] as const)('the outbox relay (%s queue)', (queue) => {
  let t: PlatformTestApp;
  const start = () =>
    createPlatformTestApp({
      queue,
      jobs: { 'test.react-to-thing': { queue: 'events', attempts: 1 } },
      providers: [ReactToThingJob],
      subscriptions,
    });
  const write = (event: string, payload: object) =>
    t.db.transaction((em) => t.app.get(Outbox).write(em, event as never, payload as never));
  const pending = async () =>
    Number((await t.db.query(`SELECT count(*) AS n FROM platform.outbox WHERE relayed_at IS NULL`))[0].n);

  beforeAll(async () => {
    t = await start();
  });
  beforeEach(async () => {
    await t.db.query('TRUNCATE platform.outbox');
    handled.length = 0;
    started.length = 0;
  });
  afterAll(() => t.close());

  it('relays a committed event at once and runs the job it subscribes', async () => {
    await write('test.thing-happened', { thing: 'a' });
    await eventually(() => handled.length === 1, 900); // well before the 1 s poll
    expect(handled[0].payload).toEqual({ thing: 'a' });
    await eventually(async () => (await pending()) === 0);
  });

  it('never relays an event written in a rolled-back transaction', async () => {
    await expect(
      t.db.transaction(async (em) => {
        await t.app.get(Outbox).write(em, 'test.thing-happened' as never, { thing: 'rolled-back' } as never);
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    await write('test.thing-happened', { thing: 'after' });
    await eventually(() => handled.length === 1);
    await new Promise((r) => setTimeout(r, 1200)); // past one poll
    expect(handled.map((h) => h.payload)).toEqual([{ thing: 'after' }]);
    expect(await t.db.query(`SELECT 1 FROM platform.outbox WHERE payload->>'thing' = 'rolled-back'`)).toHaveLength(0);
  });

  it('fans an event out to one job per item, coalescing the items with one dedup key', async () => {
    await t.db.transaction(async (em) => {
      await t.app.get(Outbox).write(em, 'test.things-happened' as never, { things: ['x', 'y', 'x', 'z'] } as never);
      await t.app.get(Outbox).write(em, 'test.things-happened' as never, { things: ['y'] } as never);
    });
    await eventually(() => handled.length === 3);
    await eventually(async () => (await pending()) === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(handled.map((h) => (h.payload as { thing: string }).thing).sort()).toEqual(['x', 'y', 'z']);
  });

  it('relays an event that fans out to thousands of jobs, every one of them', async () => {
    const things = Array.from({ length: 2500 }, (_, i) => `t${i}`);
    await write('test.things-happened', { things });
    await eventually(() => handled.length >= things.length, 20000);
    await new Promise((r) => setTimeout(r, 300));
    expect(new Set(handled.map((h) => (h.payload as { thing: string }).thing))).toEqual(new Set(things));
    expect(handled).toHaveLength(things.length);
  }, 30000);

  it('marks an event nobody subscribes to as relayed', async () => {
    await write('test.nobody-listens', { x: 1 });
    await eventually(async () => (await pending()) === 0);
  });

  it('coalesces a burst of events on one key into at most one waiting job', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    holdBurst = gate;
    await write('test.thing-happened', { thing: 'burst' });
    await eventually(() => started.includes('burst')); // the first job runs and holds
    await t.db.transaction((em) =>
      t.app.get(Outbox).writeMany(
        em,
        Array.from({ length: 50 }, () => ({ event: 'test.thing-happened' as never, payload: { thing: 'burst' } as never })),
      ),
    );
    await eventually(async () => (await pending()) === 0);
    open();
    await eventually(() => handled.length === 2);
    await new Promise((r) => setTimeout(r, 300));
    // the running one, and one follow-up for the 50 events that arrived meanwhile
    expect(handled.map((h) => h.payload)).toEqual([{ thing: 'burst' }, { thing: 'burst' }]);
  });

  it('catches up rows left pending by a process that died before relaying them', async () => {
    await t.close();
    // rows committed by a process that died before its relay ran
    const other = await start();
    await other.app.get(OutboxRelay).onModuleDestroy(); // this one's relay is "dead"
    await other.db.query(
      `INSERT INTO platform.outbox (event, payload, created_at) VALUES
         ('test.thing-happened', '{"thing":"crash-1"}', now() - interval '2 minutes'),
         ('test.thing-happened', '{"thing":"crash-2"}', now() - interval '1 minute')`,
    );
    await new Promise((r) => setTimeout(r, 1200));
    expect(handled).toHaveLength(0);
    await other.close();
    t = await start();
    await eventually(() => handled.length === 2);
    expect(handled.map((h) => h.payload)).toEqual(expect.arrayContaining([{ thing: 'crash-1' }, { thing: 'crash-2' }]));
    // with BullMQ a job can run before the relay's transaction (enqueue, then mark relayed) has committed
    await eventually(async () => (await pending()) === 0);
  });

  it('exposes the outbox lag as metrics', async () => {
    await t.db.query(
      `INSERT INTO platform.outbox (event, payload, created_at, relayed_at) VALUES
         ('test.nobody-listens', '{}', now() - interval '90 seconds', NULL)`,
    );
    const relay = t.app.get(OutboxRelay);
    const lag = await relay.lag();
    // the relay may already have taken it: either it is pending and about 90 s old, or relayed
    if (lag.pending) {
      expect(lag.oldestAgeSeconds).toBeGreaterThanOrEqual(89);
      const text = await metricsRegistry.metrics();
      expect(text).toMatch(/stockpulse_outbox_pending [1-9]/);
    }
    await eventually(async () => (await relay.lag()).pending === 0);
    expect((await relay.lag()).oldestAgeSeconds).toBe(0);
  });

  it('deletes relayed rows past the retention, and only those', async () => {
    await t.db.query(
      `INSERT INTO platform.outbox (event, payload, created_at, relayed_at) VALUES
         ('test.nobody-listens', '{"old":true}', now() - interval '9 days', now() - interval '8 days'),
         ('test.nobody-listens', '{"old":false}', now() - interval '1 day', now() - interval '1 day')`,
    );
    expect(await t.app.get(OutboxRelay).purgeRelayed(7)).toBe(1);
    const left = await t.db.query(`SELECT payload FROM platform.outbox`);
    expect(left.map((r) => r.payload)).toEqual([{ old: false }]);
  });
});

describe('two relays side by side', () => {
  it('relay every event exactly once between them', async () => {
    const opts = {
      jobs: { 'test.react-to-thing': { queue: 'events' as const, attempts: 1 } },
      providers: [ReactToThingJob],
      subscriptions: {
        'test.thing-happened': [{ job: 'test.react-to-thing' as never, map: (p: { thing: string }) => [{ payload: p }] } as never],
      },
    };
    const a = await createPlatformTestApp(opts);
    const b = await createPlatformTestApp(opts);
    try {
      await a.db.query('TRUNCATE platform.outbox');
      handled.length = 0;
      await a.db.query(
        `INSERT INTO platform.outbox (event, payload)
         SELECT 'test.thing-happened', jsonb_build_object('thing', 'n' || g) FROM generate_series(1, 500) g`,
      );
      await Promise.all([a.app.get(OutboxRelay).flush(), b.app.get(OutboxRelay).flush()]);
      await eventually(() => handled.length >= 500, 10000);
      await new Promise((r) => setTimeout(r, 300));
      expect(handled).toHaveLength(500);
      expect(new Set(handled.map((h) => (h.payload as { thing: string }).thing)).size).toBe(500);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
