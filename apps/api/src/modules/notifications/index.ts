// The public face of the notifications context. It reacts to alert events (job-catalogue.ts) and exposes nothing else.
export { NotificationsModule } from './notifications.module';
export { verifyWebhook, signWebhook } from './domain/webhook-signature';
