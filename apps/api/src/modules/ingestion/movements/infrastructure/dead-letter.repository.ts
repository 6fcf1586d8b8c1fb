import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DeadLetter, DeadLetterListQuery } from '@stockpulse/contracts';
import { Database, queryRows } from '../../../../shared/database';
import type { FieldError } from '../../../../shared/errors';

export interface NewDeadLetter {
  source: string | null;
  externalId: string | null;
  payload: unknown;
  reason: FieldError[];
}

/** ingestion.dead_letters: what intake refused, as it was sent, with the reason. */
@Injectable()
export class DeadLetterRepository {
  constructor(private readonly db: Database) {}

  /** Stores the refused items (one statement); returns their ids in order. */
  async insertMany(em: EntityManager, letters: NewDeadLetter[], receivedBy: string): Promise<string[]> {
    if (!letters.length) return [];
    const rows: { id: string }[] = await em.query(
      `INSERT INTO ingestion.dead_letters (source, external_id, payload, reason, received_by)
       SELECT s, e, p, r, $5 FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[]) WITH ORDINALITY AS t(s, e, p, r, n)
       ORDER BY n
       RETURNING id::text AS id`,
      [
        letters.map((l) => l.source),
        letters.map((l) => l.externalId),
        letters.map((l) => JSON.stringify(l.payload ?? null)),
        letters.map((l) => JSON.stringify(l.reason)),
        receivedBy,
      ],
    );
    return rows.map((r) => r.id);
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const [row] = await this.db.query(`SELECT * FROM ingestion.dead_letters WHERE id = $1`, [id]);
    return row ? toDeadLetter(row) : undefined;
  }

  async findForUpdate(em: EntityManager, id: string): Promise<DeadLetter | undefined> {
    const [row] = await em.query(`SELECT * FROM ingestion.dead_letters WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toDeadLetter(row) : undefined;
  }

  async markReplayed(em: EntityManager, id: string, payload: unknown, movementId: string, by: string): Promise<DeadLetter> {
    const [row] = await queryRows(
      em,
      `UPDATE ingestion.dead_letters SET status = 'replayed', payload = $2::jsonb, replayed_at = now(), replayed_by = $3,
         replay_movement_id = $4::bigint
       WHERE id = $1 RETURNING *`,
      [id, JSON.stringify(payload ?? null), by, movementId],
    );
    return toDeadLetter(row);
  }

  /** A replay that was refused again: the letter keeps the payload tried last and the new reason. */
  async refusedAgain(em: EntityManager, id: string, payload: unknown, reason: FieldError[]): Promise<DeadLetter> {
    const [row] = await queryRows(
      em,
      `UPDATE ingestion.dead_letters SET payload = $2::jsonb, reason = $3::jsonb,
         source = coalesce($4, source), external_id = coalesce($5, external_id)
       WHERE id = $1 RETURNING *`,
      [id, JSON.stringify(payload ?? null), JSON.stringify(reason), stringField(payload, 'source'), stringField(payload, 'externalId')],
    );
    return toDeadLetter(row);
  }

  async list(query: DeadLetterListQuery, offset: number): Promise<{ items: DeadLetter[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.source) {
      params.push(query.source);
      where.push(`source = $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`status = $${params.length}`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, total] = await Promise.all([
      this.db.query(
        `SELECT * FROM ingestion.dead_letters ${w} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, offset],
      ),
      this.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ingestion.dead_letters ${w}`, params),
    ]);
    return { items: rows.map(toDeadLetter), total: Number(total[0].n) };
  }
}

export function stringField(payload: unknown, field: string): string | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const v = (payload as Record<string, unknown>)[field];
  return typeof v === 'string' ? v.slice(0, 500) : null;
}

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

function toDeadLetter(r: Record<string, unknown>): DeadLetter {
  return {
    id: String(r.id),
    kind: r.kind as string,
    source: (r.source as string) ?? null,
    externalId: (r.external_id as string) ?? null,
    payload: r.payload,
    reason: r.reason as DeadLetter['reason'],
    status: r.status as DeadLetter['status'],
    receivedAt: iso(r.received_at)!,
    receivedBy: r.received_by as string,
    replayedAt: iso(r.replayed_at),
    replayedBy: (r.replayed_by as string) ?? null,
    replayMovementId: r.replay_movement_id == null ? null : String(r.replay_movement_id),
  };
}
