import { Injectable } from '@nestjs/common';
import { Database } from '../../../../shared/database';
import { sha256 } from '../../infrastructure/secrets';
import { SessionsRepository } from '../../infrastructure/sessions.repository';

/** Ends the browser session whose token the cookie holds (nothing to do for an API key). */
@Injectable()
export class LogOutUseCase {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsRepository,
  ) {}

  async execute(sessionToken: string | undefined): Promise<void> {
    if (!sessionToken) return;
    await this.db.transaction((em) => this.sessions.delete(em, sha256(sessionToken)));
  }
}
