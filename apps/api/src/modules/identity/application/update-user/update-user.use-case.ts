import { Injectable } from '@nestjs/common';
import { hash } from 'bcryptjs';
import { User, UserPatch } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { AuditTrail } from '../audit-trail';
import { LastActiveAdminError, UnknownUserError } from '../../domain/identity-errors';
import { leavesNoActiveAdmin } from '../../domain/user-rules';
import { BCRYPT_COST } from '../../infrastructure/secrets';
import { SessionsRepository } from '../../infrastructure/sessions.repository';
import { UsersRepository, toUser } from '../../infrastructure/users.repository';

/**
 * An admin changes a user's name, role, active flag or password. Never leaves the organisation without an active
 * admin (409). Deactivating a user ends their sessions; a new password ends their other sessions.
 */
@Injectable()
export class UpdateUserUseCase {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** `callerSessionHash`: the caller's own session, kept when it changes its own password. */
  async execute(id: string, patch: UserPatch, callerSessionHash?: Buffer): Promise<User> {
    const newHash = patch.password === undefined ? undefined : await hash(patch.password, BCRYPT_COST);
    return this.db.transaction(async (em) => {
      const current = await this.users.findById(em, id, true);
      if (!current) throw new UnknownUserError(id);
      const next = {
        name: patch.name ?? current.name,
        role: patch.role ?? current.role,
        active: patch.active ?? current.active,
        passwordHash: newHash ?? current.passwordHash,
      };
      const changed =
        next.name !== current.name || next.role !== current.role || next.active !== current.active || newHash !== undefined;
      if (!changed) return toUser(current);
      if (current.role === 'admin' && current.active && !(next.role === 'admin' && next.active)) {
        const others = await this.users.lockOtherActiveAdmins(em, id);
        if (leavesNoActiveAdmin(current, next, others)) throw new LastActiveAdminError(next.active ? 'role' : 'active');
      }
      const updated = toUser(await this.users.update(em, id, next));
      if (!next.active && current.active) await this.sessions.deleteOfUser(em, id);
      else if (newHash !== undefined) await this.sessions.deleteOfUser(em, id, callerSessionHash);
      const before = toUser(current);
      await this.audit.record(em, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        before,
        after: newHash === undefined ? updated : { ...updated, passwordChanged: true },
      });
      return updated;
    });
  }
}
