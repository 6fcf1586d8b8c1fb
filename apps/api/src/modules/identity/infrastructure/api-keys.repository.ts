import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ApiKey, ApiKeyListQuery, Scope } from '@stockpulse/contracts';
import { rowsOf } from '../../../shared/database/query-rows';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  created_by_name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, prefix, scopes, created_by_name, created_at, last_used_at, revoked_at';
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toApiKey(r: ApiKeyRow): ApiKey {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by_name,
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  };
}

export interface LiveApiKey {
  id: string;
  name: string;
  scopes: Scope[];
}

@Injectable()
export class ApiKeysRepository {
  async insert(
    em: EntityManager,
    k: { name: string; keyHash: Buffer; prefix: string; scopes: Scope[] },
    creator: { kind: string; id: string | null; name: string },
  ): Promise<ApiKey> {
    const rows: ApiKeyRow[] = await em.query(
      `INSERT INTO identity.api_keys (name, key_hash, prefix, scopes, created_by_kind, created_by_id, created_by_name)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7) RETURNING ${COLUMNS}`,
      [k.name, k.keyHash, k.prefix, k.scopes, creator.kind, creator.id, creator.name],
    );
    return toApiKey(rows[0]);
  }

  async findLiveByHash(em: EntityManager, keyHash: Buffer): Promise<LiveApiKey | null> {
    const rows: { id: string; name: string; scopes: Scope[] }[] = await em.query(
      `SELECT id, name, scopes FROM identity.api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [keyHash],
    );
    return rows[0] ?? null;
  }

  async findById(em: EntityManager, id: string, lock = false): Promise<(ApiKey & { keyHash: Buffer }) | null> {
    const rows: (ApiKeyRow & { key_hash: Buffer })[] = await em.query(
      `SELECT ${COLUMNS}, key_hash FROM identity.api_keys WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? { ...toApiKey(rows[0]), keyHash: Buffer.from(rows[0].key_hash) } : null;
  }

  async revoke(em: EntityManager, id: string): Promise<ApiKey> {
    const rows: ApiKeyRow[] = rowsOf<ApiKeyRow>(await em.query(
      `UPDATE identity.api_keys SET revoked_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    ));
    return toApiKey(rows[0]);
  }

  async touch(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE identity.api_keys SET last_used_at = now() WHERE id = $1`, [id]);
  }

  async list(em: EntityManager, q: ApiKeyListQuery, offset: number): Promise<{ items: ApiKey[]; total: number }> {
    const clause = q.includeRevoked === 'true' ? '' : 'WHERE revoked_at IS NULL';
    const [{ total }] = (await em.query(`SELECT count(*)::int AS total FROM identity.api_keys ${clause}`)) as {
      total: number;
    }[];
    const rows: ApiKeyRow[] = await em.query(
      `SELECT ${COLUMNS} FROM identity.api_keys ${clause} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [q.limit, offset],
    );
    return { items: rows.map(toApiKey), total };
  }
}
