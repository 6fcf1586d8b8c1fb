/**
 * Every background job: its name (`<context>.<verb-noun>`), the queue it runs on and its payload type.
 * Every outbox event (`<context>.<noun>-<past-tense>`) and the jobs it fans out to.
 * A job name must have exactly one @JobHandler, or the process refuses to start.
 */
export interface JobPayloads {
  /** Runs one CSV import (catalog or movements) row by row, reporting progress. */
  'ingestion.run-import': { importId: string };
  /** Deletes expired browser sessions (repeatable). */
  'identity.purge-expired-sessions': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const QUEUES = ['default', 'imports', 'events'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobDefinition {
  queue: QueueName;
  /** attempts before the job is failed for good (BullMQ retries with exponential backoff) */
  attempts: number;
  /** repeat every N ms (a repeatable job scheduled at boot by the worker role) */
  everyMs?: number;
}

export const JOB_CATALOGUE: Record<JobName, JobDefinition> = {
  'ingestion.run-import': { queue: 'imports', attempts: 3 },
  'identity.purge-expired-sessions': { queue: 'default', attempts: 1, everyMs: 60 * 60 * 1000 },
};

/** Domain events written to the outbox in the transaction that caused them. */
export interface EventPayloads {
  'inventory.stock-level-changed': {
    skuId: string;
    locationId: string;
    skuCode: string;
    locationCode: string;
    occurredAt: string;
  };
}
export type EventName = keyof EventPayloads;

/**
 * Which jobs an event starts once relayed from the outbox, and the dedup key of each, so that a burst of events
 * on one SKU x location coalesces into one job. An event with no subscriber is relayed and marked done.
 */
export const EVENT_SUBSCRIPTIONS: {
  [E in EventName]: { job: JobName; map: (p: EventPayloads[E]) => { payload: unknown; dedupKey?: string } }[];
} = {
  'inventory.stock-level-changed': [],
};
