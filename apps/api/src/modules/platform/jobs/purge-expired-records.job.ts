import { Injectable } from '@nestjs/common';
import { JobHandler } from '../../../shared/queue/job-handler.decorator';
import { JobHandlerInstance } from '../../../shared/queue/job-queue.port';
import { PurgeExpiredRecordsUseCase } from '../application/purge-expired-records/purge-expired-records.use-case';

@Injectable()
@JobHandler('platform.purge-expired-records')
export class PurgeExpiredRecordsJob implements JobHandlerInstance<'platform.purge-expired-records'> {
  constructor(private readonly purge: PurgeExpiredRecordsUseCase) {}

  async handle(): Promise<void> {
    await this.purge.execute();
  }
}
