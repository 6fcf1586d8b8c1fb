import { Injectable } from '@nestjs/common';
import { AuditLogEntry, AuditLogQuery, Page } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { decodeCursor, page } from '../../../../shared/http/pagination';

interface AuditRow {
  id: string;
  at: Date;
  actor_kind: 'user' | 'api-key' | 'system';
  actor_id: string | null;
  actor_name: string;
  request_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who changed what, when, before and after: newest first, filtered. */
@Injectable()
export class QueryAuditLogUseCase {
  constructor(private readonly db: Database) {}

  async execute(q: AuditLogQuery): Promise<Page<AuditLogEntry>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.entityType) where.push(`entity_type = $${params.push(q.entityType)}`);
    if (q.entityId) where.push(`entity_id = $${params.push(q.entityId)}`);
    if (q.action) where.push(`action = $${params.push(q.action)}`);
    if (q.actor) {
      where.push(
        UUID.test(q.actor)
          ? `actor_id = $${params.push(q.actor)}::uuid`
          : `lower(actor_name) = lower($${params.push(q.actor)})`,
      );
    }
    if (q.from) where.push(`at >= $${params.push(q.from)}::timestamptz`);
    if (q.to) where.push(`at < $${params.push(q.to)}::timestamptz`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = q.sort === 'at' ? 'at ASC, id ASC' : 'at DESC, id DESC';
    const offset = decodeCursor(q.cursor, q.offset);
    const { rows, total } = await this.db.read(async (em) => {
      const [{ total }] = (await em.query(`SELECT count(*)::int AS total FROM identity.audit_log ${clause}`, params)) as {
        total: number;
      }[];
      const rows: AuditRow[] = await em.query(
        `SELECT id::text, at, actor_kind, actor_id, actor_name, request_id, action, entity_type, entity_id, before, after
         FROM identity.audit_log ${clause} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit, offset],
      );
      return { rows, total };
    });
    const items = rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
      requestId: r.request_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    }));
    return page(items, total, offset, q.limit);
  }
}
