import { Injectable } from '@nestjs/common';
import { hash } from 'bcryptjs';
import { User, UserCreate } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { AuditTrail } from '../audit-trail';
import { EmailTakenError } from '../../domain/identity-errors';
import { BCRYPT_COST } from '../../infrastructure/secrets';
import { UsersRepository, toUser } from '../../infrastructure/users.repository';

/** An admin adds a user; the password is hashed with bcrypt, the audit entry never holds it. */
@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly audit: AuditTrail,
  ) {}

  async execute(u: UserCreate): Promise<User> {
    const passwordHash = await hash(u.password, BCRYPT_COST);
    return this.db.transaction(async (em) => {
      const created = await this.users.insert(em, { email: u.email, name: u.name, role: u.role, passwordHash });
      if (!created) throw new EmailTakenError(u.email);
      const user = toUser(created);
      await this.audit.record(em, { action: 'user.created', entityType: 'user', entityId: user.id, after: user });
      return user;
    });
  }
}
