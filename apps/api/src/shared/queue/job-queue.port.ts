import { JobName, JobPayloads } from './job-catalogue';

export interface EnqueueOptions {
  /**
   * Coalescing: while a job of this name with the same key is still waiting, enqueueing again adds nothing. A job
   * that has already started does not swallow the new one (it runs again afterwards, on fresh data). With BullMQ
   * the key becomes the job id.
   */
  dedupKey?: string;
  delayMs?: number;
}

/** One job to enqueue: its name, payload and options. */
export type JobRequest = { [N in JobName]: { name: N; payload: JobPayloads[N]; options?: EnqueueOptions } }[JobName];

/**
 * What modules see of the queue. Two drivers run the same handlers: BullMQ (REDIS_URL set) and in-process
 * (the embedded default).
 *
 * Call `enqueue` outside any transaction, after the change it follows has committed. Work caused by a change made
 * in a transaction goes through the outbox (`outbox.write(em, ...)`, relayed after commit), or at the very least
 * through `enqueueAfterCommit(em, ...)`: a job enqueued from inside a transaction could otherwise run before the
 * commit, or for a change that is rolled back.
 */
export interface JobQueue {
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<void>;
  /**
   * Several jobs at once (the outbox relay fans one event out to thousands): the same as `enqueue` for each, in
   * order, coalescing included (of several jobs with one name and dedup key, the first one counts), at the cost of
   * a few round trips rather than one per job.
   */
  enqueueMany(jobs: readonly JobRequest[]): Promise<void>;
  /** true when the queue backend answers (used by GET /health) */
  ping(): Promise<boolean>;
}
export const JOB_QUEUE = Symbol('JOB_QUEUE');

/** Given to a handler while it runs. */
export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** 0..100; shown on long-running work such as imports */
  reportProgress(percent: number): Promise<void>;
}

export interface JobHandlerInstance<N extends JobName = JobName> {
  handle(payload: JobPayloads[N], context: JobContext): Promise<void>;
}

/** What the platform (health, metrics, shutdown) sees of the running driver, beyond the JobQueue port. */
export interface QueueDriver extends JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  /** the queues this process consumes (empty for APP_ROLE=api) */
  readonly consumedQueues: readonly string[];
  /** true while this process's workers take jobs (always true when it consumes no queue) */
  workersRunning(): boolean;
  /** jobs waiting or delayed, per queue */
  depth(): Promise<{ queue: string; waiting: number; delayed: number }[]>;
}
export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');

/** Thrown by `enqueue` once the process has begun shutting down (the outbox keeps the event pending). */
export class QueueClosedError extends Error {
  constructor() {
    super('The job queue is shutting down and takes no new jobs.');
  }
}
