import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Role, User, UserListQuery } from '@stockpulse/contracts';
import { rowsOf } from '../../../shared/database/query-rows';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  password_hash: string;
  created_at: Date;
  updated_at: Date;
}

export interface UserRecord extends User {
  passwordHash: string;
}

const COLUMNS = 'id, email, name, role, active, password_hash, created_at, updated_at';

function toRecord(r: UserRow): UserRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    active: r.active,
    passwordHash: r.password_hash,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The public shape: everything but the password hash. */
export function toUser(r: UserRecord): User {
  const { passwordHash: _hidden, ...user } = r;
  return user;
}

const SORTS: Record<string, string> = {
  email: 'email ASC, id',
  '-email': 'email DESC, id',
  name: 'lower(name) ASC, id',
  '-name': 'lower(name) DESC, id',
  createdAt: 'created_at ASC, id',
  '-createdAt': 'created_at DESC, id',
};

@Injectable()
export class UsersRepository {
  async findById(em: EntityManager, id: string, lock = false): Promise<UserRecord | null> {
    const rows: UserRow[] = await em.query(
      `SELECT ${COLUMNS} FROM identity.users WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByEmail(em: EntityManager, email: string): Promise<UserRecord | null> {
    const rows: UserRow[] = await em.query(`SELECT ${COLUMNS} FROM identity.users WHERE email = lower($1)`, [email]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Inserts unless the email is taken (then null). `onlyIfNoUser` makes it the first-start bootstrap. */
  async insert(
    em: EntityManager,
    u: { email: string; name: string; role: Role; passwordHash: string },
    onlyIfNoUser = false,
  ): Promise<UserRecord | null> {
    const rows: UserRow[] = await em.query(
      `INSERT INTO identity.users (email, name, role, password_hash)
       SELECT lower($1), $2, $3, $4
       ${onlyIfNoUser ? 'WHERE NOT EXISTS (SELECT 1 FROM identity.users)' : ''}
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [u.email, u.name, u.role, u.passwordHash],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async update(
    em: EntityManager,
    id: string,
    u: { name: string; role: Role; active: boolean; passwordHash: string },
  ): Promise<UserRecord> {
    const rows: UserRow[] = rowsOf<UserRow>(await em.query(
      `UPDATE identity.users SET name = $2, role = $3, active = $4, password_hash = $5, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, u.name, u.role, u.active, u.passwordHash],
    ));
    return toRecord(rows[0]);
  }

  /** Locks every active admin row (so two concurrent demotions cannot both pass) and counts the others. */
  async lockOtherActiveAdmins(em: EntityManager, exceptId: string): Promise<number> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM identity.users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`,
    );
    return rows.filter((r) => r.id !== exceptId).length;
  }

  async list(em: EntityManager, q: UserListQuery, offset: number): Promise<{ items: User[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.role) where.push(`role = $${params.push(q.role)}`);
    if (q.active) where.push(`active = $${params.push(q.active === 'true')}`);
    if (q.q) {
      const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(`(email LIKE $${params.push(like)} OR lower(name) LIKE $${params.length})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await em.query(`SELECT count(*)::int AS total FROM identity.users ${clause}`, params)) as {
      total: number;
    }[];
    const rows: UserRow[] = await em.query(
      `SELECT ${COLUMNS} FROM identity.users ${clause} ORDER BY ${SORTS[q.sort ?? 'email']}
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, offset],
    );
    return { items: rows.map((r) => toUser(toRecord(r))), total };
  }

  async count(em: EntityManager): Promise<number> {
    const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM identity.users`)) as { n: number }[];
    return n;
  }
}
