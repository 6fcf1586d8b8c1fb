import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { requestContext } from '../../../shared/http/request-context';

export interface AuditEntry {
  /** `<entity>.<past-tense>`: `sku.created`, `sku.updated`, `api-key.revoked`, `movements.recorded` */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * The append-only audit log: every change made through the API, with who (from the request's principal), when,
 * what, before and after. Written with the caller's EntityManager, so it commits or rolls back with the change.
 */
@Injectable()
export class AuditTrail {
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    await this.recordMany(em, [entry]);
  }

  async recordMany(em: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    const actor = requestContext.actor();
    const requestId = requestContext.get()?.requestId ?? null;
    await em.query(
      `INSERT INTO identity.audit_log (actor_kind, actor_id, actor_name, request_id, action, entity_type, entity_id, before, after)
       SELECT $1, $2::uuid, $3, $4, a, t, i, b, f
       FROM unnest($5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[]) AS x(a, t, i, b, f)`,
      [
        actor.kind,
        actor.id,
        actor.name,
        requestId,
        entries.map((e) => e.action),
        entries.map((e) => e.entityType),
        entries.map((e) => e.entityId),
        entries.map((e) => (e.before === undefined ? null : JSON.stringify(e.before))),
        entries.map((e) => (e.after === undefined ? null : JSON.stringify(e.after))),
      ],
    );
  }
}
