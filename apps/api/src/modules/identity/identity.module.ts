import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '../../shared/database';
import { AUTHENTICATOR, Authenticator } from '../../shared/http/auth';
import { AuditTrail } from './application/audit-trail';
import { AuditLogEntity } from './infrastructure/audit-log.entity';

// Placeholder until sessions and API keys land: nobody is authenticated.
const nobody: Authenticator = { authenticate: async () => null };

/** Global: every context records its changes in the audit trail. */
@Global()
@Module({
  imports: [DatabaseModule.forFeature([AuditLogEntity])],
  providers: [AuditTrail, { provide: AUTHENTICATOR, useValue: nobody }],
  exports: [AuditTrail, AUTHENTICATOR],
})
export class IdentityModule {}
