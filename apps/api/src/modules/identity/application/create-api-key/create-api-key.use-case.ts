import { Injectable } from '@nestjs/common';
import { ApiKeyCreate, CreatedApiKey } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { requestContext } from '../../../../shared/http/request-context';
import { AuditTrail } from '../audit-trail';
import { ApiKeysRepository } from '../../infrastructure/api-keys.repository';
import { newApiKey, sha256 } from '../../infrastructure/secrets';

/** A new integration key: returned once, stored only as its SHA-256 and a short prefix. */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly db: Database,
    private readonly apiKeys: ApiKeysRepository,
    private readonly audit: AuditTrail,
  ) {}

  async execute(input: ApiKeyCreate): Promise<CreatedApiKey> {
    const { key, prefix } = newApiKey();
    const scopes = [...new Set(input.scopes)];
    return this.db.transaction(async (em) => {
      const created = await this.apiKeys.insert(
        em,
        { name: input.name, keyHash: sha256(key), prefix, scopes },
        requestContext.actor(),
      );
      const { lastUsedAt: _unused, revokedAt: _live, ...after } = created;
      await this.audit.record(em, { action: 'api-key.created', entityType: 'api-key', entityId: created.id, after });
      return { id: created.id, key, name: created.name, scopes: created.scopes, prefix: created.prefix, createdAt: created.createdAt };
    });
  }
}
