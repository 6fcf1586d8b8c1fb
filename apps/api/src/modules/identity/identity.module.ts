import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '../../shared/database';
import { AUTHENTICATOR } from '../../shared/http/auth';
import { ApiKeysController } from './api/api-keys.controller';
import { AuditLogController } from './api/audit-log.controller';
import { AuthController } from './api/auth.controller';
import { UsersController } from './api/users.controller';
import { AuditTrail } from './application/audit-trail';
import { SessionOrKeyAuthenticator } from './application/authenticate/session-or-key.authenticator';
import { BootstrapAdminService } from './application/bootstrap-admin/bootstrap-admin.service';
import { CreateApiKeyUseCase } from './application/create-api-key/create-api-key.use-case';
import { CreateUserUseCase } from './application/create-user/create-user.use-case';
import { ListApiKeysUseCase } from './application/list-api-keys/list-api-keys.use-case';
import { ListUsersUseCase } from './application/list-users/list-users.use-case';
import { LogInUseCase } from './application/log-in/log-in.use-case';
import { LogOutUseCase } from './application/log-out/log-out.use-case';
import { PurgeExpiredSessionsUseCase } from './application/purge-expired-sessions/purge-expired-sessions.use-case';
import { QueryAuditLogUseCase } from './application/query-audit-log/query-audit-log.use-case';
import { RevokeApiKeyUseCase } from './application/revoke-api-key/revoke-api-key.use-case';
import { UpdateUserUseCase } from './application/update-user/update-user.use-case';
import { UserContactsFacade } from './application/read-contacts/user-contacts.facade';
import { WhoAmIUseCase } from './application/who-am-i/who-am-i.use-case';
import { ApiKeyEntity } from './infrastructure/api-key.entity';
import { ApiKeysRepository } from './infrastructure/api-keys.repository';
import { AuditLogEntity } from './infrastructure/audit-log.entity';
import { SessionEntity } from './infrastructure/session.entity';
import { SessionsRepository } from './infrastructure/sessions.repository';
import { UserEntity } from './infrastructure/user.entity';
import { UsersRepository } from './infrastructure/users.repository';
import { PurgeExpiredSessionsJob } from './jobs/purge-expired-sessions.job';

/**
 * Users, roles, sessions, API keys and the audit log. Global: every context records its changes in the audit
 * trail, and the global AuthGuard resolves callers through AUTHENTICATOR.
 */
@Global()
@Module({
  imports: [DatabaseModule.forFeature([AuditLogEntity, UserEntity, SessionEntity, ApiKeyEntity])],
  controllers: [AuthController, UsersController, ApiKeysController, AuditLogController],
  providers: [
    AuditTrail,
    UsersRepository,
    SessionsRepository,
    ApiKeysRepository,
    SessionOrKeyAuthenticator,
    { provide: AUTHENTICATOR, useExisting: SessionOrKeyAuthenticator },
    LogInUseCase,
    LogOutUseCase,
    WhoAmIUseCase,
    CreateUserUseCase,
    UpdateUserUseCase,
    ListUsersUseCase,
    CreateApiKeyUseCase,
    ListApiKeysUseCase,
    RevokeApiKeyUseCase,
    QueryAuditLogUseCase,
    BootstrapAdminService,
    PurgeExpiredSessionsUseCase,
    PurgeExpiredSessionsJob,
    UserContactsFacade,
  ],
  exports: [AuditTrail, AUTHENTICATOR, UserContactsFacade],
})
export class IdentityModule {}
