import { JobName, JobPayloads } from './job-catalogue';

export interface EnqueueOptions {
  /** A job with the same id that is still waiting is not added twice (coalescing); becomes the BullMQ job id. */
  dedupKey?: string;
  delayMs?: number;
}

/** What modules see of the queue. Two drivers: BullMQ (REDIS_URL set) and in-process (embedded default). */
export interface JobQueue {
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<void>;
  /** true when the queue backend answers (used by GET /health) */
  ping(): Promise<boolean>;
}
export const JOB_QUEUE = Symbol('JOB_QUEUE');

/** Given to a handler while it runs. */
export interface JobContext {
  jobId: string;
  attempt: number;
  /** 0..100; shown on long-running work such as imports */
  reportProgress(percent: number): Promise<void>;
}

export interface JobHandlerInstance<N extends JobName = JobName> {
  handle(payload: JobPayloads[N], context: JobContext): Promise<void>;
}
