import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { NotificationRule } from '@stockpulse/contracts';
import { queryRows } from '../../../shared/database';

interface RuleRow {
  id: string;
  name: string;
  severities: NotificationRule['severities'];
  kinds: NotificationRule['kinds'];
  categories: string[];
  locations: string[];
  suppliers: string[];
  channels: NotificationRule['channels'];
  recipients: NotificationRule['recipients'];
  escalation: NotificationRule['escalation'];
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export type RuleFields = Omit<NotificationRule, 'id' | 'createdAt' | 'updatedAt'>;

const toRule = (r: RuleRow): NotificationRule => ({
  id: r.id,
  name: r.name,
  severities: r.severities,
  kinds: r.kinds,
  categories: r.categories,
  locations: r.locations,
  suppliers: r.suppliers,
  channels: r.channels,
  recipients: r.recipients,
  escalation: r.escalation,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const COLUMNS = 'id, name, severities, kinds, categories, locations, suppliers, channels, recipients, escalation, active, created_at, updated_at';
const params = (f: RuleFields) => [
  f.name,
  f.severities,
  f.kinds,
  f.categories,
  f.locations,
  f.suppliers,
  f.channels,
  JSON.stringify(f.recipients),
  JSON.stringify(f.escalation),
  f.active,
];

@Injectable()
export class RulesRepository {
  async insert(em: EntityManager, f: RuleFields): Promise<NotificationRule> {
    const [row] = await queryRows<RuleRow>(
      em,
      `INSERT INTO notifications.rules (name, severities, kinds, categories, locations, suppliers, channels, recipients, escalation, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10) RETURNING ${COLUMNS}`,
      params(f),
    );
    return toRule(row);
  }

  async update(em: EntityManager, id: string, f: RuleFields): Promise<NotificationRule> {
    const [row] = await queryRows<RuleRow>(
      em,
      `UPDATE notifications.rules SET name = $1, severities = $2, kinds = $3, categories = $4, locations = $5, suppliers = $6,
         channels = $7, recipients = $8::jsonb, escalation = $9::jsonb, active = $10, updated_at = now()
       WHERE id = $11 RETURNING ${COLUMNS}`,
      [...params(f), id],
    );
    return toRule(row);
  }

  async findById(em: EntityManager, id: string, lock = false): Promise<NotificationRule | null> {
    const [row] = await em.query(`SELECT ${COLUMNS} FROM notifications.rules WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? toRule(row) : null;
  }

  async active(em: EntityManager): Promise<NotificationRule[]> {
    return (await em.query(`SELECT ${COLUMNS} FROM notifications.rules WHERE active ORDER BY created_at, id`)).map(toRule);
  }

  async list(em: EntityManager, q: { active?: 'true' | 'false'; limit: number }, offset: number): Promise<{ items: NotificationRule[]; total: number }> {
    const p = [q.active === undefined ? null : q.active === 'true'];
    const filter = `WHERE ($1::boolean IS NULL OR active = $1)`;
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM notifications.rules ${filter}`, p);
    const rows = await em.query(`SELECT ${COLUMNS} FROM notifications.rules ${filter} ORDER BY lower(name), id LIMIT ${q.limit} OFFSET ${offset}`, p);
    return { items: rows.map(toRule), total: n };
  }

  async existsNamed(em: EntityManager, name: string): Promise<boolean> {
    const rows = await em.query(`SELECT 1 FROM notifications.rules WHERE name = $1 LIMIT 1`, [name]);
    return rows.length > 0;
  }

  async delete(em: EntityManager, id: string): Promise<boolean> {
    return (await queryRows(em, `DELETE FROM notifications.rules WHERE id = $1 RETURNING id`, [id])).length === 1;
  }

  /** Rules that name a recipient (a recipient cannot be deleted while a rule tells it). */
  async naming(em: EntityManager, recipientId: string): Promise<string[]> {
    const rows: { name: string }[] = await em.query(
      `SELECT name FROM notifications.rules WHERE recipients @> $1::jsonb OR escalation::text LIKE '%' || $2 || '%'`,
      [JSON.stringify([{ recipientId }]), recipientId],
    );
    return rows.map((r) => r.name);
  }
}
