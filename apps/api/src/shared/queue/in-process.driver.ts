import { Logger } from '@nestjs/common';
import { JobCatalogue, JobName, JobPayloads } from './job-catalogue';
import { backoffDelay, jobDefinitions, runAttempt } from './job-execution';
import { EnqueueOptions, JobRequest, QueueClosedError, QueueDriver } from './job-queue.port';
import { JobRegistry } from './job-registry';

interface Entry {
  id: string;
  name: string;
  payload: unknown;
  attempt: number;
  runAt: number;
  /** name + dedupKey, while the entry is waiting */
  coalesceKey?: string;
}

interface QueueState {
  concurrency: number;
  waiting: Entry[];
  running: number;
  timer?: NodeJS.Timeout;
}

export interface InProcessOptions {
  catalogue: JobCatalogue;
  concurrency: Readonly<Record<string, number>>;
}

/**
 * The embedded driver: jobs run in this process, with a concurrency per queue, retries with exponential backoff
 * up to the job's attempts, and coalescing by dedup key while a job is waiting. A job never starts inside the
 * `enqueue` call: it starts on a later turn of the event loop (and, on PGlite, its queries queue behind the
 * caller's transaction). Callers still enqueue after commit (see JobQueue). Jobs waiting in memory when the
 * process stops are gone: durable work is an outbox event, relayed again at the next start.
 */
export class InProcessJobQueue implements QueueDriver {
  readonly kind = 'in-process' as const;
  readonly consumedQueues: readonly string[];
  private readonly logger = new Logger('InProcessQueue');
  private readonly queues = new Map<string, QueueState>();
  private readonly waitingByKey = new Map<string, Entry>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly progress = new Map<string, number>();
  private readonly runningKeys = new Set<string>();
  private readonly repeaters: NodeJS.Timeout[] = [];
  private registry?: JobRegistry;
  private closing = false;
  private sequence = 0;

  constructor(private readonly options: InProcessOptions) {
    const names = [...new Set(Object.values(options.catalogue).map((d) => d.queue as string))];
    for (const q of Object.keys(options.concurrency)) if (!names.includes(q)) names.push(q);
    for (const q of names) this.queues.set(q, { concurrency: options.concurrency[q] ?? 1, waiting: [], running: 0 });
    this.consumedQueues = [...this.queues.keys()];
  }

  /** Attaches the handlers and starts running jobs (those enqueued earlier included) and the repeatable jobs. */
  start(registry: JobRegistry): void {
    this.registry = registry;
    for (const job of registry.all()) {
      const every = job.definition.everyMs;
      if (!every) continue;
      const timer = setInterval(() => {
        this.enqueue(job.name as JobName, {} as never, { dedupKey: 'repeat' }).catch(() => undefined);
      }, every);
      timer.unref();
      this.repeaters.push(timer);
    }
    for (const q of this.queues.keys()) this.schedule(q);
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    await this.enqueueMany([{ name, payload, options } as JobRequest]);
  }

  async enqueueMany(jobs: readonly JobRequest[]): Promise<void> {
    if (this.closing) throw new QueueClosedError();
    const definitions = jobDefinitions(this.options.catalogue, jobs);
    const now = Date.now();
    const byQueue = new Map<string, Entry[]>();
    jobs.forEach(({ name, payload, options = {} }, i) => {
      const coalesceKey = options.dedupKey !== undefined ? `${name}|${options.dedupKey}` : undefined;
      if (coalesceKey && this.waitingByKey.has(coalesceKey)) return;
      const entry: Entry = { id: `${++this.sequence}`, name, payload, attempt: 1, runAt: now + (options.delayMs ?? 0), coalesceKey };
      if (coalesceKey) this.waitingByKey.set(coalesceKey, entry);
      const queue = definitions[i].queue;
      const list = byQueue.get(queue) ?? [];
      list.push(entry);
      byQueue.set(queue, list);
    });
    byQueue.forEach((entries, queue) => this.push(queue, entries));
  }

  async ping(): Promise<boolean> {
    return !this.closing;
  }

  workersRunning(): boolean {
    return !!this.registry && !this.closing;
  }

  async depth(): Promise<{ queue: string; waiting: number; delayed: number }[]> {
    const now = Date.now();
    return [...this.queues].map(([queue, s]) => ({
      queue,
      waiting: s.waiting.filter((e) => e.runAt <= now).length,
      delayed: s.waiting.filter((e) => e.runAt > now).length,
    }));
  }

  /** The last progress a running job reported (undefined once it has finished). */
  progressOf(jobId: string): number | undefined {
    return this.progress.get(jobId);
  }

  /**
   * Stops taking jobs, lets the running ones finish (up to timeoutMs) and drops the waiting ones. Resolves once
   * no job is running, or when the timeout has passed (then the jobs still running are logged).
   */
  async close(timeoutMs: number): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.repeaters.forEach(clearInterval);
    let dropped = 0;
    for (const s of this.queues.values()) {
      if (s.timer) clearTimeout(s.timer);
      dropped += s.waiting.length;
      s.waiting = [];
    }
    this.waitingByKey.clear();
    if (dropped) this.logger.warn(`${dropped} waiting job(s) dropped at shutdown`);
    if (!this.inFlight.size) return;
    this.logger.log(`waiting for ${this.inFlight.size} running job(s) to finish`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const outcome = await Promise.race([Promise.allSettled([...this.inFlight]), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.error(`${this.inFlight.size} job(s) still running after ${timeoutMs} ms; shutting down anyway`);
    }
  }

  /** Adds entries to the queue's waiting list, which stays ordered by runAt (first come first within one runAt). */
  private push(queue: string, entries: Entry[]): void {
    const state = this.queues.get(queue)!;
    const incoming = [...entries].sort((a, b) => a.runAt - b.runAt);
    const merged: Entry[] = [];
    let i = 0;
    for (const entry of incoming) {
      while (i < state.waiting.length && state.waiting[i].runAt <= entry.runAt) merged.push(state.waiting[i++]);
      merged.push(entry);
      if (entry.coalesceKey) this.waitingByKey.set(entry.coalesceKey, entry);
    }
    while (i < state.waiting.length) merged.push(state.waiting[i++]);
    state.waiting = merged;
    // never synchronously: the caller's own work (and transaction) goes first
    setImmediate(() => this.schedule(queue));
  }

  private schedule(queue: string): void {
    const state = this.queues.get(queue)!;
    if (!this.registry || this.closing) return;
    const now = Date.now();
    // the first due entry whose key is not running (one running and one waiting per key)
    const nextDue = () => state.waiting.findIndex((e) => e.runAt <= now && !(e.coalesceKey && this.runningKeys.has(e.coalesceKey)));
    for (let i = nextDue(); state.running < state.concurrency && i !== -1; i = nextDue()) {
      this.run(queue, state, state.waiting.splice(i, 1)[0]);
    }
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    const future = state.waiting.find((e) => e.runAt > now);
    if (future && state.running < state.concurrency) {
      state.timer = setTimeout(() => this.schedule(queue), future.runAt - now);
    }
  }

  private run(queue: string, state: QueueState, entry: Entry): void {
    if (entry.coalesceKey && this.waitingByKey.get(entry.coalesceKey) === entry) this.waitingByKey.delete(entry.coalesceKey);
    const job = this.registry!.get(entry.name);
    state.running++;
    if (entry.coalesceKey) this.runningKeys.add(entry.coalesceKey);
    const context = {
      jobId: entry.id,
      attempt: entry.attempt,
      reportProgress: async (percent: number) => {
        this.progress.set(entry.id, Math.max(0, Math.min(100, percent)));
      },
    };
    const done: Promise<void> = runAttempt(job, entry.payload, context)
      .catch(() => {
        if (entry.attempt >= job.definition.attempts || this.closing) return;
        const next = entry.attempt + 1;
        const retry: Entry = { ...entry, attempt: next, runAt: Date.now() + backoffDelay(job.definition, next) };
        // a fresh run with the same key is already waiting: it supersedes the retry
        if (retry.coalesceKey && this.waitingByKey.has(retry.coalesceKey)) return;
        this.push(queue, [retry]);
      })
      .finally(() => {
        state.running--;
        if (entry.coalesceKey) this.runningKeys.delete(entry.coalesceKey);
        this.progress.delete(entry.id);
        this.inFlight.delete(done);
        this.schedule(queue);
      });
    this.inFlight.add(done);
  }
}
