import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../../../shared/queue/job-catalogue';
import { JobHandler } from '../../../shared/queue/job-handler.decorator';
import { JobHandlerInstance } from '../../../shared/queue/job-queue.port';
import { CheckUnknownSmsUseCase } from '../application/check-unknown-sms/check-unknown-sms.use-case';
import { ReconcileDeliveriesUseCase } from '../application/reconcile-deliveries/reconcile-deliveries.use-case';
import { RouteAlertUseCase } from '../application/route-alert/route-alert.use-case';
import { SendDeliveryUseCase } from '../application/send-delivery/send-delivery.use-case';
import { SendDigestsUseCase } from '../application/send-digests/send-digests.use-case';

@Injectable()
@JobHandler('notifications.route-alert')
export class RouteAlertJob implements JobHandlerInstance<'notifications.route-alert'> {
  constructor(private readonly route: RouteAlertUseCase) {}

  async handle(payload: JobPayloads['notifications.route-alert']): Promise<void> {
    await this.route.execute(payload);
  }
}

@Injectable()
@JobHandler('notifications.send-delivery')
export class SendDeliveryJob implements JobHandlerInstance<'notifications.send-delivery'> {
  constructor(private readonly send: SendDeliveryUseCase) {}

  async handle(payload: JobPayloads['notifications.send-delivery']): Promise<void> {
    await this.send.execute(payload.deliveryId);
  }
}

@Injectable()
@JobHandler('notifications.reconcile-deliveries')
export class ReconcileDeliveriesJob implements JobHandlerInstance<'notifications.reconcile-deliveries'> {
  constructor(private readonly reconcile: ReconcileDeliveriesUseCase) {}

  async handle(): Promise<void> {
    await this.reconcile.execute();
  }
}

@Injectable()
@JobHandler('notifications.send-digests')
export class SendDigestsJob implements JobHandlerInstance<'notifications.send-digests'> {
  constructor(private readonly digests: SendDigestsUseCase) {}

  async handle(): Promise<void> {
    await this.digests.execute();
  }
}

@Injectable()
@JobHandler('notifications.check-unknown-sms')
export class CheckUnknownSmsJob implements JobHandlerInstance<'notifications.check-unknown-sms'> {
  constructor(private readonly check: CheckUnknownSmsUseCase) {}

  async handle(): Promise<void> {
    await this.check.execute();
  }
}
