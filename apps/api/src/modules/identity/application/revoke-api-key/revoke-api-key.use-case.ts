import { Injectable } from '@nestjs/common';
import { Database, afterCommit } from '../../../../shared/database';
import { AuditTrail } from '../audit-trail';
import { SessionOrKeyAuthenticator } from '../authenticate/session-or-key.authenticator';
import { UnknownApiKeyError } from '../../domain/identity-errors';
import { ApiKeysRepository } from '../../infrastructure/api-keys.repository';

/** Revokes a key (soft: revoked_at); revoking a revoked key changes nothing. */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly db: Database,
    private readonly apiKeys: ApiKeysRepository,
    private readonly audit: AuditTrail,
    private readonly authenticator: SessionOrKeyAuthenticator,
  ) {}

  async execute(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const current = await this.apiKeys.findById(em, id, true);
      if (!current) throw new UnknownApiKeyError(id);
      const { keyHash, ...before } = current;
      if (before.revokedAt) return;
      const after = await this.apiKeys.revoke(em, id);
      await this.audit.record(em, { action: 'api-key.revoked', entityType: 'api-key', entityId: id, before, after });
      afterCommit(em, () => this.authenticator.forgetKey(keyHash));
    });
  }
}
