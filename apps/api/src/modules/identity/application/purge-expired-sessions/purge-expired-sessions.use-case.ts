import { Injectable, Logger } from '@nestjs/common';
import { Database } from '../../../../shared/database';
import { SessionsRepository } from '../../infrastructure/sessions.repository';

/** Deletes sessions past their expiry (they are already refused; this keeps the table small). */
@Injectable()
export class PurgeExpiredSessionsUseCase {
  private readonly logger = new Logger('Identity');

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsRepository,
  ) {}

  async execute(): Promise<number> {
    const deleted = await this.db.transaction((em) => this.sessions.deleteExpired(em));
    if (deleted) this.logger.log(`purged ${deleted} expired session(s)`);
    return deleted;
  }
}
