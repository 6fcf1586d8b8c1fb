import type { Alert } from '@stockpulse/contracts';
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
  /** Runs one recompute of reorder policies (a row of thresholds.recompute_runs), chunk by chunk, with progress. */
  'thresholds.recompute-policies': { runId: string };
  /** Starts the nightly recompute of every SKU x location when its time has come (repeatable). */
  'thresholds.recompute-nightly': Record<string, never>;
  /** Recomputes the policies of one SKU at every location (its supplier terms changed). */
  'thresholds.recompute-sku': { skuId: string };
  /** Evaluates the alerts of one SKU x location against its stock and policy (coalesced per pair). */
  'alerts.evaluate-stock-level': { skuId: string; locationId: string };
  /** Evaluates the alerts of many SKU x locations at once (one movement batch's worth; see evaluationJobs). */
  'alerts.evaluate-stock-levels': { levels: { skuId: string; locationId: string }[] };
  /** Evaluates every SKU x location again, in chunks of 'alerts.evaluate-stock-levels' (the alert settings changed). */
  'alerts.evaluate-all-stock-levels': Record<string, never>;
  /** Wakes snoozed alerts whose time has come (repeatable). */
  'alerts.wake-snoozed-alerts': Record<string, never>;
  /** Escalates critical alerts nobody acknowledged in time (repeatable). */
  'alerts.escalate-unacknowledged-alerts': Record<string, never>;
  /** Routes one alert lifecycle event to recipients: writes a delivery row per recipient x channel, then enqueues the sends. */
  'notifications.route-alert': AlertEventPayload & { event: 'opened' | 'escalated' | 'resolved' };
  /** Sends one delivery (claims its row first; a row already final or claimed is left alone). */
  'notifications.send-delivery': { deliveryId: string };
  /** Re-enqueues deliveries not final from Postgres: lost jobs (Redis emptied), dead workers, waits over (repeatable). */
  'notifications.reconcile-deliveries': Record<string, never>;
  /** Gathers due digests into one delivery per recipient and channel (repeatable). */
  'notifications.send-digests': Record<string, never>;
  /** Looks up in Twilio's message log the SMS deliveries of unknown outcome whose lookup is due (repeatable). */
  'notifications.check-unknown-sms': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const QUEUES = ['default', 'imports', 'events', 'notifications'] as const;
export type QueueName = (typeof QUEUES)[number];

/**
 * How many jobs of one queue a process runs at once. The events queue runs many: its jobs (alert evaluations) are
 * short, mostly waiting on the database, and gathered into set-based batches while they run together.
 */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = { default: 2, imports: 1, events: 64, notifications: 16 };

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
  'thresholds.recompute-policies': { queue: 'default', attempts: 2 },
  'thresholds.recompute-nightly': { queue: 'default', attempts: 1, everyMs: 5 * 60 * 1000 },
  'thresholds.recompute-sku': { queue: 'default', attempts: 3 },
  'alerts.evaluate-stock-level': { queue: 'events', attempts: 5, backoffMs: 200 },
  'alerts.evaluate-stock-levels': { queue: 'events', attempts: 5, backoffMs: 200 },
  'alerts.evaluate-all-stock-levels': { queue: 'default', attempts: 3, backoffMs: 1_000 },
  'alerts.wake-snoozed-alerts': { queue: 'default', attempts: 1, everyMs: 30_000 },
  'alerts.escalate-unacknowledged-alerts': { queue: 'default', attempts: 1, everyMs: 30_000 },
  'notifications.route-alert': { queue: 'events', attempts: 5 },
  // retries of a send are the delivery row's own (backoff, Retry-After, dead letter), not the queue's
  'notifications.send-delivery': { queue: 'notifications', attempts: 1 },
  'notifications.reconcile-deliveries': { queue: 'default', attempts: 1, everyMs: 15_000 },
  'notifications.send-digests': { queue: 'default', attempts: 1, everyMs: 60_000 },
  // on the notifications queue: a lookup may wait on Twilio's timeout, and the default queue runs two jobs at once
  'notifications.check-unknown-sms': { queue: 'notifications', attempts: 1, everyMs: 15_000 },
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
  /** A supplier's terms for a SKU were created or changed (catalog): its reorder policies are recomputed. */
  'catalog.supplier-terms-changed': { skuId: string; supplierId: string };
  /** The computed figures (reorder point, safety stock, order-up-to, max) of these SKU x locations moved. */
  'thresholds.policies-changed': { levels: { skuId: string; locationId: string }[] };
  /**
   * Alert lifecycle events (alerts context). They carry the whole alert as the API shows it, so the notifications
   * context can route and render a message without reading the alerts context. `escalationStep` is 0 when the
   * alert opens and grows with each time-based escalation; with the alert id it makes a delivery unique.
   */
  'alerts.alert-opened': AlertEventPayload;
  'alerts.alert-escalated': AlertEventPayload;
  'alerts.alert-resolved': AlertEventPayload;
  /** The alert settings (approach days, re-arm days) changed: every SKU x location is evaluated again. */
  'alerts.settings-changed': Record<string, never>;
}
export interface AlertEventPayload {
  alert: Alert;
  escalationStep: number;
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
  'inventory.stock-levels-changed': evaluationJobs(),
  'catalog.supplier-terms-changed': [
    { job: 'thresholds.recompute-sku', map: (p) => [{ payload: { skuId: p.skuId }, dedupKey: p.skuId }] },
  ],
  'thresholds.policies-changed': evaluationJobs(),
  'alerts.alert-opened': [routeAlert('opened')],
  'alerts.alert-escalated': [routeAlert('escalated')],
  'alerts.alert-resolved': [routeAlert('resolved')],
  'alerts.settings-changed': [{ job: 'alerts.evaluate-all-stock-levels', map: () => [{ payload: {}, dedupKey: 'settings' }] }],
};

// No dedup key: every alert event is distinct, and routing twice writes no second delivery (they are unique),
// so the relay spares the queue lookup a keyed job costs.
function routeAlert(event: 'opened' | 'escalated' | 'resolved') {
  return { job: 'notifications.route-alert' as const, map: (p: AlertEventPayload) => [{ payload: { ...p, event } }] };
}

/**
 * Alert evaluations for an event about SKU x locations, coalesced at two levels. A few levels (a POS posting sale
 * by sale) become one job per level keyed by the pair, so a burst on one SKU x location waits as one job. Many
 * levels (an ERP batch: each pair is already once in it) become jobs of EVALUATION_CHUNK pairs: one queue job per
 * pair would cost the queue more CPU than the evaluations themselves (thousands of Redis scripts a second).
 */
export const FEW_LEVELS = 50;
export const EVALUATION_CHUNK = 500;
function evaluationJobs() {
  const pairs = (levels: readonly { skuId: string; locationId: string }[]) => levels.map((l) => ({ skuId: l.skuId, locationId: l.locationId }));
  return [
    {
      job: 'alerts.evaluate-stock-level' as const,
      map: (e: { levels: readonly { skuId: string; locationId: string }[] }): EventJob[] =>
        e.levels.length > FEW_LEVELS ? [] : pairs(e.levels).map((l) => ({ payload: l, dedupKey: `${l.skuId}:${l.locationId}` })),
    },
    {
      job: 'alerts.evaluate-stock-levels' as const,
      map: (e: { levels: readonly { skuId: string; locationId: string }[] }): EventJob[] => {
        if (e.levels.length <= FEW_LEVELS) return [];
        const jobs: EventJob[] = [];
        for (let i = 0; i < e.levels.length; i += EVALUATION_CHUNK) jobs.push({ payload: { levels: pairs(e.levels.slice(i, i + EVALUATION_CHUNK)) } });
        return jobs;
      },
    },
  ];
}
