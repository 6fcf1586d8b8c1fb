import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { InboxItem } from '@stockpulse/contracts';
import { queryRows } from '../../../shared/database';
import { headline } from '../domain/messages';
import type { DeliveryContent } from './deliveries.repository';

/** What makes a delivery an inbox item of `address` (`user:<id>`); deliveries_inbox indexes exactly these. */
const MINE = `channel = 'dashboard' AND event <> 'resolved' AND address = $1`;

interface InboxRow {
  id: string;
  alert_id: string;
  escalation_step: number;
  content: DeliveryContent;
  created_at: Date;
  read_at: Date | null;
}

function toItem(r: InboxRow): InboxItem {
  if (r.content.type !== 'alert') throw new Error(`delivery ${r.id} on the dashboard is not an alert`);
  const a = r.content.alert;
  return {
    id: r.id,
    alertId: r.alert_id,
    kind: a.kind,
    severity: a.severity,
    sku: a.sku,
    skuName: a.skuName,
    location: a.location,
    escalationStep: r.escalation_step,
    title: headline(a, r.escalation_step, 'alert'),
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

/** A user's inbox: the dashboard deliveries addressed to them. */
@Injectable()
export class InboxRepository {
  async list(em: EntityManager, address: string, unreadOnly: boolean, limit: number, offset: number): Promise<{ items: InboxItem[]; total: number; unread: number }> {
    const [{ all, unread }] = await em.query(
      `SELECT count(*)::int AS all, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notifications.deliveries WHERE ${MINE}`,
      [address],
    );
    const rows = await queryRows<InboxRow>(
      em,
      `SELECT id, alert_id, escalation_step, content, created_at, read_at FROM notifications.deliveries
       WHERE ${MINE}${unreadOnly ? ' AND read_at IS NULL' : ''} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [address, limit, offset],
    );
    const total: number = unreadOnly ? unread : all;
    return { items: rows.map(toItem), total, unread };
  }

  /** Marks these items (or all, `ids` null) read; answers how many are still unread. */
  async markRead(em: EntityManager, address: string, ids: readonly string[] | null): Promise<number> {
    await em.query(
      `UPDATE notifications.deliveries SET read_at = now() WHERE ${MINE} AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [address, ids],
    );
    const [{ unread }] = await em.query(`SELECT count(*)::int AS unread FROM notifications.deliveries WHERE ${MINE} AND read_at IS NULL`, [address]);
    return unread;
  }
}
