import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DeliveryStatus } from '@stockpulse/contracts';
import { APP_CONFIG, AppConfig } from '../../../../config/app-config';
import { Database } from '../../../../shared/database';
import { JOB_QUEUE, JobQueue } from '../../../../shared/queue/job-queue.port';
import { attemptWindow, judgeLookup, SmsLookupResult, SmsLookupVerdict } from '../../domain/sms-lookup';
import { Channels } from '../../infrastructure/channels';
import { ClaimedSmsLookup, DeliveriesRepository } from '../../infrastructure/deliveries.repository';
import { leaseMs } from '../send-delivery/send-delivery.use-case';

/** Lookups one run makes at most; the repeating job comes back for the rest. */
const BATCH = 50;

/**
 * Settles SMS deliveries of unknown outcome from Twilio's message log: each due one is claimed (so a lookup runs
 * once however many workers run this), looked up, and becomes delivered, retrying (sent again), dead, or stays
 * unknown to be looked up later or, its lookups spent, by a person. Without Twilio there is nothing to ask.
 */
@Injectable()
export class CheckUnknownSmsUseCase {
  private readonly logger = new Logger('CheckUnknownSms');

  constructor(
    private readonly db: Database,
    private readonly deliveries: DeliveriesRepository,
    private readonly channels: Channels,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the lookups made. A failed lookup ends the run: Twilio is unwell, and the others would wait on it too. */
  async execute(): Promise<number> {
    const twilio = this.channels.smsLookup();
    if (!twilio) return 0;
    const lease = leaseMs(this.config);
    for (let made = 0; made < BATCH; made++) {
      const claimed = await this.db.transaction((em) => this.deliveries.claimSmsLookup(em, lease));
      if (!claimed) return made;
      const result = await twilio.find({ to: claimed.address, text: claimed.text, startedAt: claimed.attemptAt }, attemptWindow(claimed.attemptAt, lease));
      await this.record(claimed, result);
      if (result.status === 'failed') return made + 1;
    }
    return BATCH;
  }

  private async record(claimed: ClaimedSmsLookup, result: SmsLookupResult): Promise<void> {
    const n = this.config.notifications;
    const verdict = judgeLookup(result, {
      attempts: claimed.attempts,
      maxAttempts: n.maxAttempts,
      lookups: claimed.lookups,
      maxLookups: n.smsMaxLookups,
      elapsedMs: claimed.elapsedMs,
      lookupAfterMs: n.smsLookupAfterMs,
      reason: claimed.lastError,
    });
    const kept = await this.db.transaction((em) => this.deliveries.finish(em, claimed.id, claimed.leaseToken, nextState(verdict), 'unknown'));
    if (!kept) {
      this.logger.warn(`delivery ${claimed.id}: it changed during its Twilio lookup (a person retried it?); the lookup (${verdict.next}) is dropped`);
      return;
    }
    if (verdict.next === 'resend') await this.queue.enqueue('notifications.send-delivery', { deliveryId: claimed.id }, { dedupKey: claimed.id });
  }
}

function nextState(v: SmsLookupVerdict): { status: DeliveryStatus; error: string; providerId?: string; nextAttemptAt?: Date; smsLookupAt?: Date } {
  switch (v.next) {
    case 'delivered':
      return { status: 'delivered', providerId: v.providerId, error: v.note };
    case 'resend':
      return { status: 'retrying', error: v.note, nextAttemptAt: new Date() };
    case 'dead':
      return { status: 'dead', error: v.note };
    case 'look-again':
      return { status: 'unknown', error: v.note, smsLookupAt: new Date(Date.now() + v.delayMs) };
    case 'give-up':
      return { status: 'unknown', error: v.note };
  }
}
