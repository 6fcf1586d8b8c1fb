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
  /** Deletes outbox rows relayed more than the retention ago and expired idempotency keys (repeatable). */
  'platform.purge-expired-records': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const QUEUES = ['default', 'imports', 'events'] as const;
export type QueueName = (typeof QUEUES)[number];

/** How many jobs of one queue a process runs at once. */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = { default: 2, imports: 1, events: 4 };

export interface JobDefinition {
  queue: QueueName;
  /** attempts before the job is failed for good (BullMQ retries with exponential backoff) */
  attempts: number;
  /** repeat every N ms (a repeatable job scheduled at boot by the worker role) */
  everyMs?: number;
  /** first retry delay in ms, doubled on each further attempt (default 1000) */
  backoffMs?: number;
}

/** A catalogue keyed by job name: JOB_CATALOGUE in the application, a small fake one in tests. */
export type JobCatalogue = Readonly<Record<string, JobDefinition>>;
export const DEFAULT_BACKOFF_MS = 1000;

export const JOB_CATALOGUE: Record<JobName, JobDefinition> = {
  'ingestion.run-import': { queue: 'imports', attempts: 3 },
  'identity.purge-expired-sessions': { queue: 'default', attempts: 1, everyMs: 60 * 60 * 1000 },
  'platform.purge-expired-records': { queue: 'default', attempts: 3, everyMs: 60 * 60 * 1000 },
};

/** One SKU x location whose stock level a movement batch changed. */
export interface StockLevelChange {
  skuId: string;
  locationId: string;
  skuCode: string;
  locationCode: string;
  /** when the latest movement of the batch at this SKU x location happened */
  occurredAt: string;
}

/** Domain events written to the outbox in the transaction that caused them. */
export interface EventPayloads {
  /**
   * One event per committed movement batch, listing every SKU x location whose level it changed (once each). It
   * replaced `inventory.stock-level-changed`, one event per SKU x location, whose thousands of outbox rows per
   * batch cost intake more than the ledger itself; subscribers fan it out to one job per level (see below).
   */
  'inventory.stock-levels-changed': { levels: StockLevelChange[] };
}
export type EventName = keyof EventPayloads;

/** A job an event starts, with its dedup key. */
export interface EventJob {
  payload: unknown;
  dedupKey?: string;
}

/**
 * Which jobs an event starts once relayed from the outbox: each subscription maps the event to any number of jobs,
 * each with a dedup key, so that a burst of events on one SKU x location coalesces into one waiting job. An event
 * with no subscriber is relayed and marked done. A per-level subscription looks like:
 *
 *   'inventory.stock-levels-changed': [{
 *     job: 'alerts.evaluate-stock-level',
 *     map: (e) => e.levels.map((l) => ({ payload: { skuId: l.skuId, locationId: l.locationId }, dedupKey: `${l.skuId}:${l.locationId}` })),
 *   }]
 */
export const EVENT_SUBSCRIPTIONS: {
  [E in EventName]: { job: JobName; map: (p: EventPayloads[E]) => EventJob[] }[];
} = {
  'inventory.stock-levels-changed': [],
};
