// The public face of the identity context: its facade, event types and DTO types.
export { AuditTrail } from './application/audit-trail';
export type { AuditEntry } from './application/audit-trail';
export { BootstrapAdminService } from './application/bootstrap-admin/bootstrap-admin.service';
export { IdentityModule } from './identity.module';
export { UserContactsFacade } from './application/read-contacts/user-contacts.facade';
export type { UserContact } from './application/read-contacts/user-contacts.facade';
