// The public face of the alerts context. Other contexts react to its outbox events (alerts.alert-opened,
// alerts.alert-escalated, alerts.alert-resolved; payloads in shared/queue/job-catalogue.ts), not to its code.
export { AlertsModule } from './alerts.module';
