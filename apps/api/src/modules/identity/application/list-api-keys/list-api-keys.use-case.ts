import { Injectable } from '@nestjs/common';
import { ApiKey, ApiKeyListQuery, Page } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { decodeCursor, page } from '../../../../shared/http/pagination';
import { ApiKeysRepository } from '../../infrastructure/api-keys.repository';

/** The keys, newest first, never the key itself. */
@Injectable()
export class ListApiKeysUseCase {
  constructor(
    private readonly db: Database,
    private readonly apiKeys: ApiKeysRepository,
  ) {}

  async execute(q: ApiKeyListQuery): Promise<Page<ApiKey>> {
    const offset = decodeCursor(q.cursor, q.offset);
    const { items, total } = await this.db.read((em) => this.apiKeys.list(em, q, offset));
    return page(items, total, offset, q.limit);
  }
}
