import { Injectable } from '@nestjs/common';
import type { PolicyChangeStatus, PolicyInput } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Database, queryRows } from '../../../shared/database';
import { PairKey } from '../domain/computed-policy';
import { json } from './rows';

export interface StoredPolicyChange extends PairKey {
  id: string;
  status: PolicyChangeStatus;
  before: PolicyInput | null;
  after: PolicyInput;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}


function toChange(r: Record<string, unknown>): StoredPolicyChange {
  return {
    id: r.id as string,
    skuId: r.sku_id as string,
    locationId: r.location_id as string,
    status: r.status as PolicyChangeStatus,
    before: r.before == null ? null : json<PolicyInput>(r.before),
    after: json<PolicyInput>(r.after),
    requestedBy: r.requested_by as string,
    requestedAt: new Date(r.requested_at as string),
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedAt: r.decided_at == null ? null : new Date(r.decided_at as string),
    reason: (r.reason as string | null) ?? null,
  };
}

/** Planners' policy changes that wait for (or got) an admin's decision. */
@Injectable()
export class PolicyChangesRepository {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<StoredPolicyChange | null> {
    const [row] = await this.db.query(`SELECT * FROM thresholds.policy_changes WHERE id = $1`, [id]);
    return row ? toChange(row) : null;
  }

  async pendingOf(keys: PairKey[]): Promise<Map<string, StoredPolicyChange>> {
    if (!keys.length) return new Map();
    const rows = await this.db.query(
      `SELECT c.* FROM thresholds.policy_changes c
       JOIN unnest($1::uuid[], $2::uuid[]) AS k(sku_id, location_id) USING (sku_id, location_id) WHERE c.status = 'pending'`,
      [keys.map((k) => k.skuId), keys.map((k) => k.locationId)],
    );
    return new Map(rows.map((r) => [`${r.sku_id}:${r.location_id}`, toChange(r)]));
  }

  async list(status: PolicyChangeStatus | undefined, limit: number, offset: number): Promise<{ items: StoredPolicyChange[]; total: number }> {
    const where = status ? `WHERE status = $1` : `WHERE $1::text IS NULL`;
    const [rows, total] = await Promise.all([
      this.db.query(`SELECT * FROM thresholds.policy_changes ${where} ORDER BY requested_at DESC, id LIMIT $2 OFFSET $3`, [
        status ?? null,
        limit,
        offset,
      ]),
      this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM thresholds.policy_changes ${where}`, [status ?? null]),
    ]);
    return { items: rows.map(toChange), total: total[0].n };
  }

  /** A new pending change; an older pending change of the same SKU x location is rejected as superseded. */
  async request(
    em: EntityManager,
    change: { id: string; key: PairKey; before: PolicyInput | null; after: PolicyInput; requestedBy: string },
  ): Promise<{ created: StoredPolicyChange; superseded: StoredPolicyChange | null }> {
    const [old] = await queryRows(
      em,
      `WITH u AS (UPDATE thresholds.policy_changes SET status = 'rejected', decided_by = $3, decided_at = now(),
         reason = 'superseded by a later change'
       WHERE sku_id = $1 AND location_id = $2 AND status = 'pending' RETURNING *) SELECT * FROM u`,
      [change.key.skuId, change.key.locationId, change.requestedBy],
    );
    const [row] = await em.query(
      `INSERT INTO thresholds.policy_changes (id, sku_id, location_id, before, after, requested_by)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6) RETURNING *`,
      [change.id, change.key.skuId, change.key.locationId, change.before ? JSON.stringify(change.before) : null, JSON.stringify(change.after), change.requestedBy],
    );
    return { created: toChange(row), superseded: old ? toChange(old) : null };
  }

  /** Decides a pending change; null when it was no longer pending (decided meanwhile). */
  async decide(
    em: EntityManager,
    id: string,
    status: 'approved' | 'rejected',
    by: string,
    reason: string | null,
  ): Promise<StoredPolicyChange | null> {
    const [row] = await queryRows(
      em,
      `WITH u AS (UPDATE thresholds.policy_changes SET status = $2, decided_by = $3, decided_at = now(), reason = $4
       WHERE id = $1 AND status = 'pending' RETURNING *) SELECT * FROM u`,
      [id, status, by, reason],
    );
    return row ? toChange(row) : null;
  }
}
