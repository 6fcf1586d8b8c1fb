import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Role } from '@stockpulse/contracts';
import { rowsOf } from '../../../shared/database/query-rows';

export interface SessionOwner {
  userId: string;
  email: string;
  name: string;
  role: Role;
  lastSeenAt: Date;
}

@Injectable()
export class SessionsRepository {
  async create(em: EntityManager, tokenHash: Buffer, userId: string, ttlHours: number): Promise<Date> {
    const rows: { expires_at: Date }[] = await em.query(
      `INSERT INTO identity.sessions (token_hash, user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(hours => $3::int)) RETURNING expires_at`,
      [tokenHash, userId, ttlHours],
    );
    return new Date(rows[0].expires_at);
  }

  /** The active user behind a live session, or null (unknown, expired, or the user was deactivated). */
  async findLive(em: EntityManager, tokenHash: Buffer): Promise<SessionOwner | null> {
    const rows: { user_id: string; email: string; name: string; role: Role; last_seen_at: Date }[] = await em.query(
      `SELECT s.user_id, u.email, u.name, u.role, s.last_seen_at
       FROM identity.sessions s JOIN identity.users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
      [tokenHash],
    );
    const r = rows[0];
    return r ? { userId: r.user_id, email: r.email, name: r.name, role: r.role, lastSeenAt: new Date(r.last_seen_at) } : null;
  }

  async touch(em: EntityManager, tokenHash: Buffer): Promise<void> {
    await em.query(`UPDATE identity.sessions SET last_seen_at = now() WHERE token_hash = $1`, [tokenHash]);
  }

  async delete(em: EntityManager, tokenHash: Buffer): Promise<number> {
    const rows: unknown[] = rowsOf<unknown>(await em.query(`DELETE FROM identity.sessions WHERE token_hash = $1 RETURNING user_id`, [tokenHash]));
    return rows.length;
  }

  /** Ends every session of a user, but the one whose hash is `keep` (the caller's own, when it changes its password). */
  async deleteOfUser(em: EntityManager, userId: string, keep?: Buffer): Promise<number> {
    const rows: unknown[] = rowsOf<unknown>(await em.query(
      `DELETE FROM identity.sessions WHERE user_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2) RETURNING user_id`,
      [userId, keep ?? null],
    ));
    return rows.length;
  }

  async deleteExpired(em: EntityManager): Promise<number> {
    const rows: unknown[] = rowsOf<unknown>(await em.query(`DELETE FROM identity.sessions WHERE expires_at <= now() RETURNING user_id`));
    return rows.length;
  }
}
