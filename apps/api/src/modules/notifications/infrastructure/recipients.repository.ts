import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AlertSeverity, Channel, DigestSchedule, QuietHours, Recipient } from '@stockpulse/contracts';
import { CHANNEL_SEVERITY_DEFAULTS, CHANNELS } from '@stockpulse/contracts';
import { SecretBox } from '../../../shared/crypto';
import { queryRows } from '../../../shared/database';
import type { RecipientPreferences } from '../domain/routing';

export interface RecipientRow {
  id: string;
  name: string;
  user_id: string | null;
  email: string | null;
  phone: string | null;
  webhook_url: string | null;
  /** sealed by the SecretBox (WEBHOOK_SECRET_PURPOSE); never sent to a client */
  webhook_secret: string | null;
  time_zone: string;
  quiet_hours: QuietHours | null;
  channel_severities: Partial<Record<Channel, AlertSeverity[]>>;
  digest: DigestSchedule | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface RecipientFields {
  name: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
  webhookUrl: string | null;
  /** in clear: sealed on the way in. On update, undefined keeps the stored one. */
  webhookSecret: string | null | undefined;
  timeZone: string;
  quietHours: QuietHours | null;
  channelSeverities: Partial<Record<Channel, AlertSeverity[]>>;
  digest: DigestSchedule | null;
  active: boolean;
}

export function toRecipient(r: RecipientRow, suppressed: Recipient['suppressed'] = []): Recipient {
  return {
    id: r.id,
    name: r.name,
    userId: r.user_id,
    email: r.email,
    phone: r.phone,
    webhookUrl: r.webhook_url,
    timeZone: r.time_zone,
    quietHours: r.quiet_hours,
    channelSeverities: Object.fromEntries(CHANNELS.map((c) => [c, r.channel_severities[c] ?? [...CHANNEL_SEVERITY_DEFAULTS[c]]])) as Recipient['channelSeverities'],
    digest: r.digest,
    active: r.active,
    suppressed,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export function preferencesOf(r: RecipientRow): RecipientPreferences {
  return {
    email: r.email,
    phone: r.phone,
    webhookUrl: r.webhook_url,
    timeZone: r.time_zone,
    quietHours: r.quiet_hours,
    channelSeverities: r.channel_severities,
    digest: r.digest,
    active: r.active,
  };
}

/** Bound into each sealed webhook secret: it opens as nothing else. */
export const WEBHOOK_SECRET_PURPOSE = 'notifications.recipients.webhook_secret';

const COLUMNS = `id, name, user_id, email, phone, webhook_url, webhook_secret, time_zone, quiet_hours, channel_severities, digest, active, created_at, updated_at`;

@Injectable()
export class RecipientsRepository {
  constructor(private readonly secrets: SecretBox) {}

  private sealed(secret: string | null | undefined): string | null {
    return secret ? this.secrets.seal(secret, WEBHOOK_SECRET_PURPOSE) : null;
  }

  async insert(em: EntityManager, f: RecipientFields): Promise<RecipientRow> {
    const [row] = await queryRows<RecipientRow>(
      em,
      `INSERT INTO notifications.recipients (name, user_id, email, phone, webhook_url, webhook_secret, time_zone, quiet_hours,
         channel_severities, digest, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11) RETURNING ${COLUMNS}`,
      [f.name, f.userId, f.email, f.phone, f.webhookUrl, this.sealed(f.webhookSecret), f.timeZone, json(f.quietHours), JSON.stringify(f.channelSeverities), json(f.digest), f.active],
    );
    return row;
  }

  async update(em: EntityManager, id: string, f: RecipientFields): Promise<RecipientRow> {
    const [row] = await queryRows<RecipientRow>(
      em,
      `UPDATE notifications.recipients SET name = $2, email = $3, phone = $4, webhook_url = $5,
         webhook_secret = CASE WHEN $12 THEN webhook_secret ELSE $6 END, time_zone = $7,
         quiet_hours = $8::jsonb, channel_severities = $9::jsonb, digest = $10::jsonb, active = $11, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        f.name,
        f.email,
        f.phone,
        f.webhookUrl,
        this.sealed(f.webhookSecret),
        f.timeZone,
        json(f.quietHours),
        JSON.stringify(f.channelSeverities),
        json(f.digest),
        f.active,
        f.webhookSecret === undefined,
      ],
    );
    return row;
  }

  async findById(em: EntityManager, id: string, lock = false): Promise<RecipientRow | null> {
    const [row] = await em.query(`SELECT ${COLUMNS} FROM notifications.recipients WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ?? null;
  }

  async findMany(em: EntityManager, ids: readonly string[]): Promise<RecipientRow[]> {
    if (!ids.length) return [];
    return em.query(`SELECT ${COLUMNS} FROM notifications.recipients WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** The recipient rows of these users, created with default preferences where missing; names and emails kept current. */
  async ensureForUsers(em: EntityManager, users: { id: string; name: string; email: string }[]): Promise<RecipientRow[]> {
    if (!users.length) return [];
    return queryRows<RecipientRow>(
      em,
      `INSERT INTO notifications.recipients (name, user_id, email)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])
       ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, email = excluded.email
         WHERE recipients.name IS DISTINCT FROM excluded.name OR recipients.email IS DISTINCT FROM excluded.email
       RETURNING ${COLUMNS}`,
      [users.map((u) => u.name), users.map((u) => u.id), users.map((u) => u.email)],
    ).then(async (changed) => {
      const missing = users.filter((u) => !changed.some((c) => c.user_id === u.id)).map((u) => u.id);
      const rest: RecipientRow[] = missing.length
        ? await em.query(`SELECT ${COLUMNS} FROM notifications.recipients WHERE user_id = ANY($1::uuid[])`, [missing])
        : [];
      return [...changed, ...rest];
    });
  }

  /** An external contact for one address (a rule naming an email, phone or webhook URL directly). */
  async ensureExternal(em: EntityManager, address: { email?: string; phone?: string; webhookUrl?: string }): Promise<RecipientRow> {
    const [column, value] = address.email ? ['email', address.email] : address.phone ? ['phone', address.phone] : ['webhook_url', address.webhookUrl!];
    const [found] = await em.query(
      `SELECT ${COLUMNS} FROM notifications.recipients WHERE user_id IS NULL AND ${column} = $1 ORDER BY created_at LIMIT 1`,
      [value],
    );
    if (found) return found;
    return this.insert(em, {
      name: value,
      userId: null,
      email: address.email ?? null,
      phone: address.phone ?? null,
      webhookUrl: address.webhookUrl ?? null,
      webhookSecret: null,
      timeZone: 'UTC',
      quietHours: null,
      channelSeverities: address.phone ? { sms: ['high', 'critical'] } : {},
      digest: null,
      active: true,
    });
  }

  async list(em: EntityManager, q: { q?: string; userId?: string; limit: number }, offset: number): Promise<{ items: RecipientRow[]; total: number }> {
    const params: unknown[] = [q.q ? `%${q.q.toLowerCase()}%` : null, q.userId ?? null];
    const filter = `WHERE ($1::text IS NULL OR lower(name) LIKE $1 OR lower(coalesce(email, '')) LIKE $1 OR coalesce(phone, '') LIKE $1)
      AND ($2::uuid IS NULL OR user_id = $2)`;
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM notifications.recipients ${filter}`, params);
    const items = await em.query(`SELECT ${COLUMNS} FROM notifications.recipients ${filter} ORDER BY lower(name), id LIMIT ${q.limit} OFFSET ${offset}`, params);
    return { items, total: n };
  }

  async delete(em: EntityManager, id: string): Promise<boolean> {
    const rows = await queryRows(em, `DELETE FROM notifications.recipients WHERE id = $1 RETURNING id`, [id]);
    return rows.length === 1;
  }

  async suppressionsOf(em: EntityManager, rows: RecipientRow[]): Promise<Map<string, Recipient['suppressed']>> {
    const out = new Map<string, Recipient['suppressed']>();
    if (!rows.length) return out;
    const found: { channel: Channel; address: string; reason: string; created_at: Date }[] = await em.query(
      `SELECT channel, address, reason, created_at FROM notifications.suppressions WHERE address = ANY($1::text[])`,
      [rows.flatMap((r) => [r.email, r.phone, r.webhook_url].filter((a): a is string => !!a))],
    );
    for (const r of rows) {
      const mine = found.filter(
        (s) => (s.channel === 'email' && s.address === r.email) || (s.channel === 'sms' && s.address === r.phone) || (s.channel === 'webhook' && s.address === r.webhook_url),
      );
      out.set(r.id, mine.map((s) => ({ channel: s.channel, address: s.address, reason: s.reason, at: new Date(s.created_at).toISOString() })));
    }
    return out;
  }

  async suppress(em: EntityManager, channel: Channel, address: string, reason: string, deliveryId: string): Promise<void> {
    await em.query(
      `INSERT INTO notifications.suppressions (channel, address, reason, delivery_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel, address) DO UPDATE SET reason = excluded.reason, delivery_id = excluded.delivery_id, created_at = now()`,
      [channel, address, reason.slice(0, 1000), deliveryId],
    );
  }

  /** Webhook secrets not sealed with the current key (stored before sealing, or under SECRET_KEY_PREVIOUS), locked, by id. */
  async secretsToReseal(em: EntityManager, afterId: string, limit: number): Promise<{ id: string; webhook_secret: string }[]> {
    return em.query(
      `SELECT id, webhook_secret FROM notifications.recipients
       WHERE webhook_secret IS NOT NULL AND webhook_secret NOT LIKE $1 AND id > $2 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [`${this.secrets.currentPrefix}%`, afterId, limit],
    );
  }

  async setSealedSecret(em: EntityManager, id: string, sealed: string): Promise<void> {
    await em.query(`UPDATE notifications.recipients SET webhook_secret = $2 WHERE id = $1`, [id, sealed]);
  }

  async unsuppress(em: EntityManager, channel: Channel, address: string): Promise<void> {
    await em.query(`DELETE FROM notifications.suppressions WHERE channel = $1 AND address = $2`, [channel, address]);
  }
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
