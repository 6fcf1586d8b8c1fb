import { Logger } from '@nestjs/common';
import { JobCatalogue, JobName } from '../queue/job-catalogue';
import { JobContext, QueueClosedError, QueueDriver } from '../queue/job-queue.port';
import { DiscoveredHandler, JobRegistry } from '../queue/job-registry';

/**
 * The behaviour both queue drivers must share, run against each of them (in-process.driver.spec.ts,
 * bullmq.driver.int-spec.ts): the same handlers, retries, coalescing, progress and graceful shutdown.
 */
export const CONTRACT_CATALOGUE: JobCatalogue = {
  'test.echo': { queue: 'default', attempts: 1 },
  'test.flaky': { queue: 'default', attempts: 3, backoffMs: 20 },
  'test.doomed': { queue: 'default', attempts: 2, backoffMs: 20 },
  'test.gate': { queue: 'imports', attempts: 1 },
  'test.coalesced': { queue: 'imports', attempts: 1 },
  'test.slow': { queue: 'events', attempts: 1 },
  'test.progress': { queue: 'events', attempts: 1 },
};

export interface ContractDriver {
  driver: QueueDriver & { start(registry: JobRegistry): void | Promise<void>; close(timeoutMs: number): Promise<void> };
  progressOf(jobId: string, queue: string): Promise<number | undefined>;
}

type Run = { name: string; payload: unknown; attempt: number; jobId: string };

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function queueDriverContract(make: () => Promise<ContractDriver>): void {
  beforeAll(() => Logger.overrideLogger(false));
  let subject: ContractDriver;
  let runs: Run[];
  let behaviour: Record<string, (payload: unknown, ctx: JobContext) => Promise<void>>;

  const enqueue = (name: string, payload: unknown, options?: { dedupKey?: string; delayMs?: number }) =>
    subject.driver.enqueue(name as JobName, payload as never, options);

  beforeEach(async () => {
    runs = [];
    behaviour = {};
    subject = await make();
    const handlers: DiscoveredHandler[] = Object.keys(CONTRACT_CATALOGUE).map((name) => ({
      name,
      className: name,
      instance: {
        handle: async (payload: unknown, ctx: JobContext) => {
          runs.push({ name, payload, attempt: ctx.attempt, jobId: ctx.jobId });
          await behaviour[name]?.(payload, ctx);
        },
      },
    }));
    await subject.driver.start(new JobRegistry(CONTRACT_CATALOGUE, handlers));
  });

  afterEach(async () => {
    await subject.driver.close(1000);
  });

  it('runs an enqueued job once, with its payload, on its first attempt', async () => {
    await enqueue('test.echo', { hello: 'world' });
    await eventually(() => runs.length === 1);
    expect(runs[0]).toMatchObject({ name: 'test.echo', payload: { hello: 'world' }, attempt: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toHaveLength(1);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    behaviour['test.flaky'] = async (_p, ctx) => {
      if (ctx.attempt < 3) throw new Error(`failure ${ctx.attempt}`);
    };
    await enqueue('test.flaky', { n: 1 });
    await eventually(() => runs.length === 3);
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    await new Promise((r) => setTimeout(r, 150));
    expect(runs).toHaveLength(3);
  });

  it('gives up after the attempts of the catalogue', async () => {
    behaviour['test.doomed'] = async () => {
      throw new Error('always');
    };
    await enqueue('test.doomed', {});
    await eventually(() => runs.length === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(runs.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('coalesces jobs with one dedup key while one is waiting, and not across keys', async () => {
    const gate = deferred();
    behaviour['test.gate'] = () => gate.promise;
    await enqueue('test.gate', {});
    await eventually(() => runs.length === 1); // the imports queue (concurrency 1) is now busy
    for (let i = 0; i < 5; i++) await enqueue('test.coalesced', { i }, { dedupKey: 'sku-1:loc-1' });
    await enqueue('test.coalesced', { i: 'other' }, { dedupKey: 'sku-2:loc-1' });
    gate.resolve();
    await eventually(() => runs.length === 3);
    await new Promise((r) => setTimeout(r, 200));
    const coalesced = runs.filter((r) => r.name === 'test.coalesced');
    expect(coalesced.map((r) => r.payload)).toEqual([{ i: 0 }, { i: 'other' }]);
  });

  it('enqueues many jobs in one call as one by one would: each once, coalesced by dedup key, in order', async () => {
    const gate = deferred();
    behaviour['test.gate'] = () => gate.promise;
    await enqueue('test.gate', {});
    await eventually(() => runs.length === 1); // the imports queue (concurrency 1) is now busy
    await enqueue('test.coalesced', { i: 'waiting' }, { dedupKey: 'k1' });
    await subject.driver.enqueueMany([
      { name: 'test.coalesced', payload: { i: 1 }, options: { dedupKey: 'k1' } },
      { name: 'test.coalesced', payload: { i: 2 }, options: { dedupKey: 'k2' } },
      { name: 'test.coalesced', payload: { i: 3 }, options: { dedupKey: 'k2' } },
      { name: 'test.coalesced', payload: { i: 4 } },
      { name: 'test.echo', payload: { i: 5 } },
    ] as never);
    gate.resolve();
    await eventually(() => runs.length === 5);
    await new Promise((r) => setTimeout(r, 200));
    expect(runs.filter((r) => r.name === 'test.coalesced').map((r) => r.payload)).toEqual([{ i: 'waiting' }, { i: 2 }, { i: 4 }]);
    expect(runs.filter((r) => r.name === 'test.echo').map((r) => r.payload)).toEqual([{ i: 5 }]);
  });

  it('enqueues none of a batch that names an unknown job', async () => {
    await expect(
      subject.driver.enqueueMany([
        { name: 'test.echo', payload: {} },
        { name: 'test.unknown', payload: {} },
      ] as never),
    ).rejects.toThrow('Unknown job "test.unknown"');
    await new Promise((r) => setTimeout(r, 150));
    expect(runs).toHaveLength(0);
  });

  it('runs again for an event that arrives while the job with that key is already running', async () => {
    const first = deferred();
    let calls = 0;
    behaviour['test.coalesced'] = async () => {
      if (++calls === 1) await first.promise;
    };
    await enqueue('test.coalesced', { i: 1 }, { dedupKey: 'k' });
    await eventually(() => runs.length === 1);
    await enqueue('test.coalesced', { i: 2 }, { dedupKey: 'k' });
    await enqueue('test.coalesced', { i: 3 }, { dedupKey: 'k' });
    first.resolve();
    await eventually(() => runs.length === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(runs.map((r) => r.payload)).toEqual([{ i: 1 }, { i: 2 }]);
  });

  it('runs a delayed job no earlier than its delay', async () => {
    const at = Date.now();
    await enqueue('test.echo', {}, { delayMs: 300 });
    await eventually(() => runs.length === 1);
    expect(Date.now() - at).toBeGreaterThanOrEqual(280);
  });

  it('shows the progress a running job reports', async () => {
    const reported = deferred();
    const release = deferred();
    behaviour['test.progress'] = async (_p, ctx) => {
      await ctx.reportProgress(40);
      reported.resolve();
      await release.promise;
    };
    await enqueue('test.progress', {});
    await reported.promise;
    expect(await subject.progressOf(runs[0].jobId, 'events')).toBe(40);
    release.resolve();
  });

  it('lets a running job finish on close, then takes no new jobs', async () => {
    let finished = false;
    behaviour['test.slow'] = async () => {
      await new Promise((r) => setTimeout(r, 400));
      finished = true;
    };
    await enqueue('test.slow', {});
    await eventually(() => runs.length === 1);
    expect(subject.driver.workersRunning()).toBe(true);
    await subject.driver.close(5000);
    expect(finished).toBe(true);
    expect(subject.driver.workersRunning()).toBe(false);
    await expect(enqueue('test.echo', {})).rejects.toBeInstanceOf(QueueClosedError);
  });

  it('reports queue depth', async () => {
    const gate = deferred();
    behaviour['test.gate'] = () => gate.promise;
    await enqueue('test.gate', {});
    await eventually(() => runs.length === 1);
    await enqueue('test.coalesced', {}, { dedupKey: 'a' });
    await enqueue('test.coalesced', {}, { dedupKey: 'b' });
    await enqueue('test.echo', {}, { delayMs: 60_000 });
    const depth = await subject.driver.depth();
    expect(depth.find((d) => d.queue === 'imports')).toMatchObject({ waiting: 2 });
    expect(depth.find((d) => d.queue === 'default')).toMatchObject({ delayed: 1 });
    gate.resolve();
  });
}
