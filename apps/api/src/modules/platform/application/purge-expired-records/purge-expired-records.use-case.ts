import { Injectable, Logger } from '@nestjs/common';
import { Database } from '../../../../shared/database';
import { IdempotencyStore } from '../../../../shared/http/idempotency';
import { OUTBOX_RETENTION_DAYS, OutboxRelay } from '../../../../shared/outbox/outbox-relay';

/** Deletes outbox rows relayed more than OUTBOX_RETENTION_DAYS ago and idempotency keys past their 24 h. */
@Injectable()
export class PurgeExpiredRecordsUseCase {
  private readonly logger = new Logger('Housekeeping');

  constructor(
    private readonly db: Database,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(): Promise<{ outboxRows: number; idempotencyKeys: number }> {
    const outboxRows = await this.relay.purgeRelayed(OUTBOX_RETENTION_DAYS);
    const idempotencyKeys = await new IdempotencyStore(this.db).purgeExpired();
    if (outboxRows || idempotencyKeys) {
      this.logger.log(`purged ${outboxRows} relayed outbox row(s) and ${idempotencyKeys} expired idempotency key(s)`);
    }
    return { outboxRows, idempotencyKeys };
  }
}
