import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../../../shared/database';
import { JOB_QUEUE, JobQueue } from '../../../../shared/queue/job-queue.port';
import { DeliveriesRepository } from '../../infrastructure/deliveries.repository';

/** A due delivery gets this long to be picked up by the job enqueued with it before the reconciler steps in. */
export const RECONCILE_GRACE_MS = 5_000;
const BATCH = 1_000;

/**
 * Postgres is the truth of what must still be sent. Every delivery not final whose job should have run by now
 * (Redis emptied, a process died between commit and enqueue, a worker died holding the lease) is enqueued again;
 * the claim in SendDeliveryUseCase makes a second job for the same delivery a no-op.
 */
@Injectable()
export class ReconcileDeliveriesUseCase {
  constructor(
    private readonly db: Database,
    private readonly deliveries: DeliveriesRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async execute(graceMs = RECONCILE_GRACE_MS): Promise<number> {
    const stranded = await this.db.read((em) => this.deliveries.stranded(em, graceMs, BATCH));
    for (const d of stranded) {
      // a key of its own: the delivery's usual job may be stuck 'active' in the queue of a dead worker
      await this.queue.enqueue('notifications.send-delivery', { deliveryId: d.id }, { dedupKey: `reconcile:${d.id}` });
    }
    return stranded.length;
  }
}
