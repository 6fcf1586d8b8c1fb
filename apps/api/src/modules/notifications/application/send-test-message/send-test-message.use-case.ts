import { Inject, Injectable } from '@nestjs/common';
import type { Delivery, RecipientTest } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { ValidationError } from '../../../../shared/errors';
import { requestContext } from '../../../../shared/http/request-context';
import { JOB_QUEUE, JobQueue } from '../../../../shared/queue/job-queue.port';
import { AuditTrail } from '../../../identity';
import { UnknownRecipientError } from '../../domain/notification-errors';
import { addressOn } from '../../domain/routing';
import { DeliveriesRepository } from '../../infrastructure/deliveries.repository';
import { preferencesOf, RecipientsRepository } from '../../infrastructure/recipients.repository';

const ADDRESS_FIELD: Record<RecipientTest['channel'], string> = { email: 'email', sms: 'phone', webhook: 'webhookUrl' };

/**
 * POST /api/v1/notification-recipients/{id}/test: a test message on one channel of a recipient, so a person can
 * check an address, the SMTP or Twilio account, or a webhook receiver's signature check before an alert depends on
 * it. It is a delivery like any other (retried, rate-limited, refused for a suppressed address), in the delivery
 * log, and audited.
 */
@Injectable()
export class SendTestMessageUseCase {
  constructor(
    private readonly db: Database,
    private readonly recipients: RecipientsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly audit: AuditTrail,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async execute(recipientId: string, { channel }: RecipientTest): Promise<Delivery> {
    const created = await this.db.transaction(async (em) => {
      const recipient = await this.recipients.findById(em, recipientId);
      if (!recipient) throw new UnknownRecipientError(recipientId);
      const address = addressOn(preferencesOf(recipient), channel, null);
      if (!address) {
        throw new ValidationError('The request body is invalid.', [{ path: 'channel', message: `the recipient has no ${channel} address (${ADDRESS_FIELD[channel]})` }]);
      }
      const [row] = await this.deliveries.insertNew(em, [
        {
          alertId: null,
          digestId: null,
          recipientId,
          channel,
          address,
          escalationStep: 0,
          kind: null,
          event: 'test',
          severity: null,
          content: { type: 'test', requestedBy: requestContext.actor().name, recipientName: recipient.name },
          status: 'pending',
          notBefore: null,
        },
      ]);
      await this.audit.record(em, {
        action: 'notification-recipient.tested',
        entityType: 'notification-recipient',
        entityId: recipientId,
        after: { channel, address, deliveryId: row.id },
      });
      return row;
    });
    await this.queue.enqueue('notifications.send-delivery', { deliveryId: created.id }, { dedupKey: created.id });
    return (await this.db.read((em) => this.deliveries.get(em, created.id)))!;
  }
}
