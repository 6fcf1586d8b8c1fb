import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SecretBox, SecretBoxError } from '../../../../shared/crypto';
import { Database } from '../../../../shared/database';
import { RecipientsRepository, WEBHOOK_SECRET_PURPOSE } from '../../infrastructure/recipients.repository';

const BATCH = 500;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * At start, seals with the current key every webhook secret that is not: those stored in clear before secrets
 * were sealed, and those sealed with SECRET_KEY_PREVIOUS after a rotation. Several processes may start at once;
 * each row is taken by one (SKIP LOCKED). A secret that does not open is left as it is, and said.
 */
@Injectable()
export class ResealWebhookSecretsUseCase implements OnApplicationBootstrap {
  private readonly logger = new Logger('ResealWebhookSecrets');

  constructor(
    private readonly db: Database,
    private readonly recipients: RecipientsRepository,
    private readonly secrets: SecretBox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { resealed, unreadable } = await this.execute();
    if (resealed) this.logger.log(`sealed ${resealed} webhook secret(s) with the current key`);
    if (unreadable.length) {
      this.logger.error(
        `${unreadable.length} webhook secret(s) do not open with SECRET_KEY or SECRET_KEY_PREVIOUS (recipients ${unreadable.join(', ')}): ` +
          'set the key they were sealed with as SECRET_KEY_PREVIOUS, or give these recipients a new secret',
      );
    }
  }

  async execute(): Promise<{ resealed: number; unreadable: string[] }> {
    let resealed = 0;
    const unreadable: string[] = [];
    let after = NIL_UUID;
    for (;;) {
      const batch = await this.db.transaction(async (em) => {
        const rows = await this.recipients.secretsToReseal(em, after, BATCH);
        for (const row of rows) {
          try {
            const plain = this.secrets.isSealed(row.webhook_secret) ? this.secrets.open(row.webhook_secret, WEBHOOK_SECRET_PURPOSE) : row.webhook_secret;
            await this.recipients.setSealedSecret(em, row.id, this.secrets.seal(plain, WEBHOOK_SECRET_PURPOSE));
            resealed++;
          } catch (e) {
            if (!(e instanceof SecretBoxError)) throw e;
            unreadable.push(row.id);
          }
        }
        return rows;
      });
      if (batch.length < BATCH) return { resealed, unreadable };
      after = batch[batch.length - 1].id;
    }
  }
}
