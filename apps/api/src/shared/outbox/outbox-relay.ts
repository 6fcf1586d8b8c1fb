import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Database } from '../database';
import { outboxOldestAge, outboxPending } from '../metrics';
import { EVENT_SUBSCRIPTIONS, EventJob, JobName } from '../queue/job-catalogue';
import { JOB_QUEUE, JobQueue, JobRequest } from '../queue/job-queue.port';
import { Outbox } from './outbox';

/** Which jobs each event starts (EVENT_SUBSCRIPTIONS; a different table in tests). */
export type EventSubscriptions = Readonly<Record<string, readonly { job: JobName; map: (payload: never) => readonly EventJob[] }[]>>;
export const OUTBOX_SUBSCRIPTIONS = Symbol('OUTBOX_SUBSCRIPTIONS');
export const DEFAULT_SUBSCRIPTIONS: EventSubscriptions = EVENT_SUBSCRIPTIONS;

export const OUTBOX_POLL_MS = 1000;
/** Rows claimed per relay transaction (a movement batch's event may fan out to thousands of jobs). */
export const OUTBOX_BATCH_SIZE = 50;
/** Jobs handed to the queue per call. */
export const ENQUEUE_CHUNK = 1000;
/** How long relayed rows are kept (for inspection) before the housekeeping job deletes them. */
export const OUTBOX_RETENTION_DAYS = 7;

interface OutboxRow {
  id: string;
  event: string;
  payload: unknown;
}

/**
 * Moves committed outbox rows to the queue. Woken right after a commit that wrote events (Outbox.onCommitted),
 * and polls every second as a safety net (a process that died between commit and relay, another process's
 * events). Rows are claimed with FOR UPDATE SKIP LOCKED, so several processes relay side by side without
 * relaying a row twice; a row is marked relayed only in the transaction that enqueued its jobs. Delivery is
 * at least once (a crash after enqueue and before commit relays again): handlers are idempotent.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private poller?: NodeJS.Timeout;
  private readonly cleanups: (() => void)[] = [];
  private readonly subscribedEvents: string[];

  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(OUTBOX_SUBSCRIPTIONS) private readonly subscriptions: EventSubscriptions,
  ) {
    this.subscribedEvents = Object.keys(subscriptions).filter((event) => subscriptions[event].length);
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.cleanups.push(this.outbox.onCommitted(() => this.wake()));
    this.poller = setInterval(() => this.wake(), OUTBOX_POLL_MS);
    this.poller.unref();
    const lag = () => this.lag();
    this.cleanups.push(outboxPending.add(async () => [{ value: (await lag()).pending }]));
    this.cleanups.push(outboxOldestAge.add(async () => [{ value: (await lag()).oldestAgeSeconds }]));
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poller);
    this.cleanups.splice(0).forEach((c) => c());
    await this.running;
  }

  /** Relays now (or right after the pass in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves when every row committed before the call has been relayed (or the relay stopped). For tests/tools. */
  async flush(): Promise<void> {
    await this.running;
    while (!this.stopped && (await this.relayBatch()) > 0) {
      /* keep going */
    }
  }

  /** Rows not yet relayed and the age of the oldest, for the lag metrics. */
  async lag(): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const [row] = await this.db.query<{ pending: string; age: string | null }>(
      `SELECT count(*) AS pending, EXTRACT(EPOCH FROM now() - min(created_at)) AS age
       FROM platform.outbox WHERE relayed_at IS NULL`,
    );
    return { pending: Number(row.pending), oldestAgeSeconds: row.age === null ? 0 : Math.max(0, Number(row.age)) };
  }

  /** Deletes rows relayed more than `retentionDays` ago; returns how many. */
  async purgeRelayed(retentionDays = OUTBOX_RETENTION_DAYS): Promise<number> {
    const [row] = await this.db.query<{ n: string }>(
      `WITH gone AS (DELETE FROM platform.outbox WHERE relayed_at < now() - make_interval(days => $1) RETURNING 1)
       SELECT count(*) AS n FROM gone`,
      [retentionDays],
    );
    return Number(row.n);
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        while (!this.stopped && (await this.relayBatch()) === OUTBOX_BATCH_SIZE) {
          /* a full batch: there may be more */
        }
      } catch (e) {
        // the rows stay pending; the poller tries again in a second
        this.logger.warn(`relay failed, will retry: ${(e as Error).message}`);
        return;
      }
    } while (this.again && !this.stopped);
  }

  /** Claims one batch, enqueues the subscribed jobs, marks the rows relayed; returns the number of rows. */
  private async relayBatch(): Promise<number> {
    return this.db.transaction(async (em) => {
      // the payload of an event nobody subscribes to is not even read
      const rows: OutboxRow[] = await em.query(
        `SELECT id, event, CASE WHEN event = ANY($2::text[]) THEN payload END AS payload FROM platform.outbox
         WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [OUTBOX_BATCH_SIZE, this.subscribedEvents],
      );
      if (!rows.length) return 0;
      const jobs: JobRequest[] = [];
      for (const row of rows) {
        for (const subscription of this.subscriptions[row.event] ?? []) {
          for (const { payload, dedupKey } of subscription.map(row.payload as never)) {
            jobs.push({ name: subscription.job, payload, options: dedupKey === undefined ? {} : { dedupKey } } as JobRequest);
          }
        }
      }
      for (let i = 0; i < jobs.length; i += ENQUEUE_CHUNK) await this.queue.enqueueMany(jobs.slice(i, i + ENQUEUE_CHUNK));
      await em.query(`UPDATE platform.outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
