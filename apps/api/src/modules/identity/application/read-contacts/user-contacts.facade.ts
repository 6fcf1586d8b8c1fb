import { Injectable } from '@nestjs/common';
import type { Role } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';

export interface UserContact {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** How other contexts (notifications) reach users: the active users named by id or by role, with their email. */
@Injectable()
export class UserContactsFacade {
  constructor(private readonly db: Database) {}

  async activeUsers(filter: { ids?: readonly string[]; roles?: readonly Role[] }): Promise<UserContact[]> {
    if (!filter.ids?.length && !filter.roles?.length) return [];
    return this.db.query<UserContact>(
      `SELECT id, name, email, role FROM identity.users
       WHERE active AND (id = ANY($1::uuid[]) OR role = ANY($2::text[])) ORDER BY id`,
      [filter.ids ?? [], filter.roles ?? []],
    );
  }
}
