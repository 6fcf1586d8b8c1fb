import { Logger } from '@nestjs/common';
import { DelayedError, Job, JobsOptions, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { DEFAULT_BACKOFF_MS, JobCatalogue, JobDefinition, JobName, JobPayloads } from './job-catalogue';
import { jobDefinitions, runAttempt } from './job-execution';
import { EnqueueOptions, JobRequest, QueueClosedError, QueueDriver } from './job-queue.port';
import { JobRegistry } from './job-registry';

export interface BullMqOptions {
  redisUrl: string;
  /** namespace of every Redis key (REDIS_PREFIX) */
  prefix: string;
  catalogue: JobCatalogue;
  /** every queue name; one BullMQ Queue each */
  queues: readonly string[];
  /** the queues this process runs Workers for (none for APP_ROLE=api) */
  consume: readonly string[];
  concurrency: Readonly<Record<string, number>>;
}

const PING_TIMEOUT_MS = 2000;
const FOLLOW_UP = '|next';
const FOLLOW_UP_RECHECK_MS = 100;

/** BullMQ job ids may not contain ':'; the dedup key is scoped by job name. */
export function dedupJobId(name: string, dedupKey: string): string {
  return `${name}|${dedupKey}`.replace(/%/g, '%25').replace(/:/g, '%3A');
}

/**
 * The production driver: one BullMQ Queue per queue name, Workers for the queues this process consumes, the
 * dedup key as job id, attempts and exponential backoff from the catalogue, repeatable jobs as job schedulers.
 */
export class BullMqJobQueue implements QueueDriver {
  readonly kind = 'bullmq' as const;
  readonly consumedQueues: readonly string[];
  private readonly logger = new Logger('BullMQ');
  /** for producers, health and metrics: fails fast when Redis is down */
  private readonly connection: Redis;
  /** for workers: BullMQ needs blocking commands to retry forever */
  private workerConnection?: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private closing = false;
  private started = false;

  constructor(private readonly options: BullMqOptions) {
    this.consumedQueues = [...options.consume];
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
    this.connection.on('error', (e) => this.logger.warn(`Redis: ${e.message}`));
    for (const name of options.queues) {
      this.queues.set(name, new Queue(name, { connection: this.connection, prefix: options.prefix }));
    }
  }

  /** Starts the Workers of the consumed queues and schedules the repeatable jobs they own. */
  async start(registry: JobRegistry): Promise<void> {
    if (this.consumedQueues.length) {
      this.workerConnection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
      this.workerConnection.on('error', (e) => this.logger.warn(`Redis (workers): ${e.message}`));
    }
    for (const queueName of this.consumedQueues) {
      const worker = new Worker(queueName, (job: Job, token?: string) => this.process(registry, job, token), {
        connection: this.workerConnection!,
        prefix: this.options.prefix,
        concurrency: this.options.concurrency[queueName] ?? 1,
        autorun: false,
      });
      worker.on('error', (e) => this.logger.error(`worker ${queueName}: ${e.message}`));
      this.workers.push(worker);
      void worker.run().catch((e: Error) => this.logger.error(`worker ${queueName} stopped: ${e.message}`));
    }
    for (const job of registry.all()) {
      const { everyMs, queue } = job.definition;
      if (!everyMs || !this.consumedQueues.includes(queue)) continue;
      await this.queue(queue).upsertJobScheduler(
        job.name,
        { every: everyMs },
        { name: job.name, data: {}, opts: { ...this.retryOptions(job.definition), removeOnComplete: true, removeOnFail: 100 } },
      );
    }
    this.started = true;
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    await this.enqueueMany([{ name, payload, options } as JobRequest]);
  }

  async enqueueMany(jobs: readonly JobRequest[]): Promise<void> {
    if (this.closing) throw new QueueClosedError();
    const definitions = jobDefinitions(this.options.catalogue, jobs);
    // The caller's change is committed before this call, so a keyed job that is still waiting now will see it when
    // it starts. A job that has already started may have read the data before the change: then one follow-up run
    // (itself coalesced under a second id) is queued rather than the event lost. One look at the running jobs of
    // each queue tells which keys are running.
    const keyedQueues = new Set(definitions.filter((_, i) => jobs[i].options?.dedupKey !== undefined).map((d) => d.queue));
    const running = new Map(
      await Promise.all(
        [...keyedQueues].map(async (q) => [q, new Set(await this.queue(q).getRanges(['active'], 0, -1))] as const),
      ),
    );
    const bulks = new Map<string, { name: string; data: unknown; opts: JobsOptions }[]>();
    const ids = new Set<string>();
    jobs.forEach(({ name, payload, options = {} }, i) => {
      const definition = definitions[i];
      const opts: JobsOptions = {
        ...this.retryOptions(definition),
        ...(options.delayMs ? { delay: options.delayMs } : {}),
      };
      if (options.dedupKey === undefined) {
        opts.removeOnComplete = { age: 3600, count: 1000 };
        opts.removeOnFail = { age: 7 * 24 * 3600, count: 5000 };
      } else {
        // A job with this id that is still waiting swallows the add (coalescing). Keyed jobs are removed when they
        // finish, so that the key is free again; failures are logged and counted in stockpulse_jobs_total.
        const jobId = dedupJobId(name, options.dedupKey);
        opts.jobId = running.get(definition.queue)!.has(jobId) ? `${jobId}${FOLLOW_UP}` : jobId;
        if (ids.has(opts.jobId)) return;
        ids.add(opts.jobId);
        opts.removeOnComplete = true;
        opts.removeOnFail = true;
      }
      const bulk = bulks.get(definition.queue) ?? [];
      bulk.push({ name, data: payload, opts });
      bulks.set(definition.queue, bulk);
    });
    await Promise.all([...bulks].map(([q, bulk]) => this.queue(q).addBulk(bulk)));
  }

  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<string>((r) => (timer = setTimeout(() => r('timeout'), PING_TIMEOUT_MS)));
      return (await Promise.race([this.connection.ping(), timeout])) === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  workersRunning(): boolean {
    if (this.closing) return false;
    return this.started && this.workers.every((w) => w.isRunning());
  }

  async depth(): Promise<{ queue: string; waiting: number; delayed: number }[]> {
    return Promise.all(
      [...this.queues].map(async ([queue, q]) => {
        const counts = await q.getJobCounts('wait', 'prioritized', 'delayed');
        return { queue, waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0), delayed: counts.delayed ?? 0 };
      }),
    );
  }

  /** The BullMQ Queue of a queue name (for tests and tools). */
  queue(name: string): Queue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`Unknown queue "${name}".`);
    return q;
  }

  /**
   * Stops taking jobs and waits for the running ones to finish (up to timeoutMs, then they are abandoned to
   * BullMQ's stalled-job recovery, which hands them to another worker), then closes the Redis connections.
   */
  async close(timeoutMs: number): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.allSettled(this.workers.map((w) => w.close()));
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    if ((await Promise.race([graceful, timedOut])) === 'timeout') {
      this.logger.error(`jobs still running after ${timeoutMs} ms; closing the workers anyway`);
      await Promise.allSettled(this.workers.map((w) => w.close(true)));
    }
    clearTimeout(timer);
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await Promise.allSettled([this.connection, this.workerConnection].map((c) => c?.quit()));
  }

  private async process(registry: JobRegistry, job: Job, token?: string): Promise<void> {
    // a follow-up run waits for the run of its key to finish (one running, one waiting per key)
    if (job.id?.endsWith(FOLLOW_UP) && token) {
      const primary = job.id.slice(0, -FOLLOW_UP.length);
      if ((await this.queue(job.queueName).getJobState(primary)) === 'active') {
        await job.moveToDelayed(Date.now() + FOLLOW_UP_RECHECK_MS, token);
        throw new DelayedError();
      }
    }
    const registered = registry.get(job.name);
    await runAttempt(registered, job.data, {
      jobId: job.id ?? '',
      attempt: job.attemptsMade + 1,
      reportProgress: (percent) => job.updateProgress(Math.max(0, Math.min(100, percent))),
    });
  }

  private retryOptions(definition: JobDefinition): JobsOptions {
    return {
      attempts: definition.attempts,
      backoff: { type: 'exponential', delay: definition.backoffMs ?? DEFAULT_BACKOFF_MS },
    };
  }
}
