import { Injectable } from '@nestjs/common';
import { Me } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { UnauthenticatedError } from '../../../../shared/errors';
import { Principal } from '../../../../shared/http/request-context';
import { UsersRepository } from '../../infrastructure/users.repository';

/** The caller as the dashboard shows it: a user (name, email, role) or an API key, with its scopes. */
@Injectable()
export class WhoAmIUseCase {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
  ) {}

  async execute(principal: Principal): Promise<Me> {
    if (principal.kind === 'api-key') {
      return { kind: 'api-key', id: principal.id, name: principal.name, scopes: [...principal.scopes] };
    }
    const user = await this.db.read((em) => this.users.findById(em, principal.id));
    if (!user) throw new UnauthenticatedError('This session belongs to a user who no longer exists.');
    return { kind: 'user', id: user.id, name: user.name, email: user.email, role: user.role, scopes: [...principal.scopes] };
  }
}
