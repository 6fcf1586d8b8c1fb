import { Injectable } from '@nestjs/common';
import { JobHandler } from '../../../shared/queue/job-handler.decorator';
import { JobHandlerInstance } from '../../../shared/queue/job-queue.port';
import { PurgeExpiredSessionsUseCase } from '../application/purge-expired-sessions/purge-expired-sessions.use-case';

@Injectable()
@JobHandler('identity.purge-expired-sessions')
export class PurgeExpiredSessionsJob implements JobHandlerInstance<'identity.purge-expired-sessions'> {
  constructor(private readonly purge: PurgeExpiredSessionsUseCase) {}

  async handle(): Promise<void> {
    await this.purge.execute();
  }
}
