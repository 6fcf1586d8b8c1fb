// The public face of the notifications context. It reacts to alert events (job-catalogue.ts); the facade lets the demo set up a rule.
export { NotificationsModule } from './notifications.module';
export { verifyWebhook, signWebhook } from './domain/webhook-signature';
export { NotificationsFacade } from './notifications.facade';
// bound into every sealed webhook secret (tests open one to check what the sender will sign with)
export { WEBHOOK_SECRET_PURPOSE } from './infrastructure/recipients.repository';
