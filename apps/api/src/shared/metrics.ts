import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The one Prometheus registry of the process, served by GET /metrics (admin scope) and, when METRICS_PORT is set,
 * by the internal metrics server. Contexts add their own instruments with `counter`, `gauge` and `histogram`
 * (registration is idempotent: asking twice for the same name returns the same instrument), e.g.
 * `const recorded = counter('stockpulse_movements_recorded_total', 'Movements written to the ledger', ['type'])`.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
  const existing = metricsRegistry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter<L>({ name, help, labelNames, registers: [metricsRegistry] });
}

export function gauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
  collect?: (this: Gauge<L>) => void | Promise<void>,
): Gauge<L> {
  const existing = metricsRegistry.getSingleMetric(name);
  if (existing) return existing as Gauge<L>;
  return new Gauge<L>({ name, help, labelNames, registers: [metricsRegistry], collect });
}

export function histogram<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
  buckets?: number[],
): Histogram<L> {
  const existing = metricsRegistry.getSingleMetric(name);
  if (existing) return existing as Histogram<L>;
  return new Histogram<L>({ name, help, labelNames, registers: [metricsRegistry], ...(buckets ? { buckets } : {}) });
}

/**
 * A source of gauge values read at scrape time (queue drivers, the outbox relay). Several may be registered at
 * once (one per application instance, as in tests); their values are summed per label set, or for "max" gauges
 * the largest is kept.
 */
type Sample = { labels?: Record<string, string>; value: number };
type SampleSource = () => Promise<Sample[]>;

function collectedGauge(name: string, help: string, labelNames: string[], combine: 'sum' | 'max') {
  const sources = new Set<SampleSource>();
  gauge(name, help, labelNames, async function collect() {
    this.reset();
    const totals = new Map<string, Sample>();
    const results = await Promise.allSettled([...sources].map((s) => s()));
    for (const result of results) {
      if (result.status !== 'fulfilled') continue;
      for (const sample of result.value) {
        const key = JSON.stringify(sample.labels ?? {});
        const seen = totals.get(key);
        if (!seen) totals.set(key, { ...sample });
        else seen.value = combine === 'sum' ? seen.value + sample.value : Math.max(seen.value, sample.value);
      }
    }
    for (const s of totals.values()) this.set(s.labels ?? {}, s.value);
  });
  return {
    /** registers a source; returns the function that removes it */
    add(source: SampleSource): () => void {
      sources.add(source);
      return () => sources.delete(source);
    },
  };
}

/** Time to answer an HTTP request, by route template (never the raw URL, to keep cardinality bounded). */
export const httpRequestDuration = histogram(
  'http_request_duration_seconds',
  'Time to answer an HTTP request',
  ['method', 'route', 'status'],
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);

/** Jobs finished, by name and outcome: completed, retried (failed, will run again) or failed (for good). */
export const jobsTotal = counter('stockpulse_jobs_total', 'Background jobs finished, by outcome', ['name', 'outcome']);

export const jobDuration = histogram(
  'stockpulse_job_duration_seconds',
  'Time a background job ran, by outcome',
  ['name', 'outcome'],
  [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
);

/** Jobs waiting (or delayed) per queue, read from the driver at scrape time. */
export const queueDepth = collectedGauge(
  'stockpulse_queue_depth',
  'Jobs waiting or delayed in a queue',
  ['queue', 'state'],
  'sum',
);

/** Outbox rows not yet relayed to the queue, and the age of the oldest one. */
export const outboxPending = collectedGauge('stockpulse_outbox_pending', 'Outbox events not yet relayed', [], 'max');
export const outboxOldestAge = collectedGauge(
  'stockpulse_outbox_oldest_pending_age_seconds',
  'Age of the oldest outbox event not yet relayed (0 when none)',
  [],
  'max',
);

/** Deliveries of notifications still on their way (pending, sending, retrying) or of unknown outcome, by channel. */
export const notificationDeliveriesOpen = collectedGauge(
  'stockpulse_notification_deliveries_open',
  'Notification deliveries not final, or of unknown outcome, by channel and status',
  ['channel', 'status'],
  'max',
);
