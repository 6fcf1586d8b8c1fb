import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { hash } from 'bcryptjs';
import { APP_CONFIG, AppConfig } from '../../../../config/app-config';
import { Database } from '../../../../shared/database';
import { AuditTrail } from '../audit-trail';
import { BCRYPT_COST, newPassword } from '../../infrastructure/secrets';
import { UsersRepository, toUser } from '../../infrastructure/users.repository';

export const GENERATED_ADMIN_EMAIL = 'admin@stockpulse.local';

/**
 * On first start (no user at all) creates the first admin: ADMIN_EMAIL / ADMIN_PASSWORD when set, otherwise
 * admin@stockpulse.local with a generated password printed once. Idempotent across restarts, and safe when two
 * processes start at once: the insert only happens while the table is empty, and the unique email settles a race.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly audit: AuditTrail,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureAdmin();
  }

  /** Creates the first admin when there is no user; returns whether it did. */
  async ensureAdmin(): Promise<boolean> {
    if ((await this.db.read((em) => this.users.count(em))) > 0) return false;
    const email = (this.config.admin.email ?? GENERATED_ADMIN_EMAIL).toLowerCase();
    const password = this.config.admin.password ?? newPassword();
    const passwordHash = await hash(password, BCRYPT_COST);
    const created = await this.db.transaction(async (em) => {
      const row = await this.users.insert(em, { email, name: 'Administrator', role: 'admin', passwordHash }, true);
      if (row) await this.audit.record(em, { action: 'user.created', entityType: 'user', entityId: row.id, after: toUser(row) });
      return row;
    });
    if (!created) return false;
    if (this.config.admin.password) {
      this.logger.log(`created the first admin ${email} (password from ADMIN_PASSWORD)`);
    } else {
      printGeneratedPassword(email, password);
    }
    return true;
  }
}

function printGeneratedPassword(email: string, password: string): void {
  const lines = [
    'Stockpulse created the first admin. Sign in with:',
    '',
    `  email:    ${email}`,
    `  password: ${password}`,
    '',
    'This password is shown only this once. Change it after signing in,',
    'or set ADMIN_EMAIL and ADMIN_PASSWORD before the first start.',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const box = [
    `+${'-'.repeat(width + 2)}+`,
    ...lines.map((l) => `| ${l.padEnd(width)} |`),
    `+${'-'.repeat(width + 2)}+`,
  ].join('\n');
  // eslint-disable-next-line no-console -- printed once to stdout on purpose, outside the JSON logs, for a person to read
  console.log(`\n${box}\n`);
}
