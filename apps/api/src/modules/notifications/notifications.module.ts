import { Module } from '@nestjs/common';
import { InboxController } from './api/inbox.controller';
import { DeliveriesController, RecipientsController, RulesController } from './api/notifications.controllers';
import { CheckUnknownSmsUseCase } from './application/check-unknown-sms/check-unknown-sms.use-case';
import { InboxUseCase } from './application/inbox/inbox.use-case';
import { ManageRecipientsUseCase } from './application/manage-recipients/manage-recipients.use-case';
import { ManageRulesUseCase } from './application/manage-rules/manage-rules.use-case';
import { DeliveriesUseCase } from './application/query-deliveries/deliveries.use-case';
import { ReconcileDeliveriesUseCase } from './application/reconcile-deliveries/reconcile-deliveries.use-case';
import { ResealWebhookSecretsUseCase } from './application/reseal-webhook-secrets/reseal-webhook-secrets.use-case';
import { RouteAlertUseCase } from './application/route-alert/route-alert.use-case';
import { SendDeliveryUseCase } from './application/send-delivery/send-delivery.use-case';
import { SendDigestsUseCase } from './application/send-digests/send-digests.use-case';
import { SendTestMessageUseCase } from './application/send-test-message/send-test-message.use-case';
import { Channels } from './infrastructure/channels';
import { DeliveriesRepository } from './infrastructure/deliveries.repository';
import { InboxRepository } from './infrastructure/inbox.repository';
import { DeliveryGauges } from './infrastructure/notification-metrics';
import { RateLimiter } from './infrastructure/rate-limiter';
import { RecipientsRepository } from './infrastructure/recipients.repository';
import { RulesRepository } from './infrastructure/rules.repository';
import { NotificationsFacade } from './notifications.facade';
import { CheckUnknownSmsJob, ReconcileDeliveriesJob, RouteAlertJob, SendDeliveryJob, SendDigestsJob } from './jobs/notification.jobs';

/** notifications: who is told of an alert, on which channel, and whether it arrived. Listens to alert events only. */
@Module({
  controllers: [RecipientsController, RulesController, DeliveriesController, InboxController],
  providers: [
    NotificationsFacade,
    RecipientsRepository,
    RulesRepository,
    DeliveriesRepository,
    InboxRepository,
    DeliveryGauges,
    Channels,
    RateLimiter,
    RouteAlertUseCase,
    SendDeliveryUseCase,
    ReconcileDeliveriesUseCase,
    SendDigestsUseCase,
    SendTestMessageUseCase,
    ResealWebhookSecretsUseCase,
    CheckUnknownSmsUseCase,
    ManageRecipientsUseCase,
    ManageRulesUseCase,
    DeliveriesUseCase,
    InboxUseCase,
    RouteAlertJob,
    SendDeliveryJob,
    ReconcileDeliveriesJob,
    SendDigestsJob,
    CheckUnknownSmsJob,
  ],
  exports: [NotificationsFacade],
})
export class NotificationsModule {}
