import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Alert, Channel, Delivery, DeliveryListQuery, DeliveryStatus } from '@stockpulse/contracts';
import { queryRows, SqlFilter } from '../../../shared/database';

/** What a delivery row keeps to render its message without asking another context. */
export type DeliveryContent =
  | { type: 'alert'; alert: Alert; escalationStep: number; event: 'alert' | 'resolved' }
  | { type: 'digest'; alerts: Alert[] }
  | { type: 'test'; requestedBy: string; recipientName: string };

export interface NewDelivery {
  alertId: string | null;
  digestId: string | null;
  recipientId: string;
  channel: Channel;
  address: string;
  escalationStep: number;
  kind: string | null;
  event: 'alert' | 'resolved' | 'digest' | 'test';
  severity: string | null;
  content: DeliveryContent;
  status: 'pending' | 'delivered';
  notBefore: Date | null;
}

export interface ClaimedDelivery {
  id: string;
  recipientId: string;
  channel: Channel;
  address: string;
  attempts: number;
  leaseToken: string;
  content: DeliveryContent;
  /** sealed (SecretBox) */
  webhookSecret: string | null;
}

/** An SMS of unknown outcome whose Twilio lookup this worker holds (lease: leaseToken, until smsLookupAt). */
export interface ClaimedSmsLookup {
  id: string;
  address: string;
  attempts: number;
  lookups: number;
  leaseToken: string;
  attemptAt: Date;
  text: string;
  lastError: string;
  /** since the attempt started, by the database's clock */
  elapsedMs: number;
}

interface DeliveryRow {
  id: string;
  alert_id: string | null;
  digest_id: string | null;
  recipient_id: string;
  recipient_name: string;
  channel: Channel;
  address: string;
  escalation_step: number;
  kind: Delivery['kind'];
  event: Delivery['event'];
  content: DeliveryContent;
  status: DeliveryStatus;
  attempts: number;
  provider_id: string | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  sms_lookups: number;
  sms_lookup_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const OPEN = `('pending', 'retrying')`;

function toDelivery(r: DeliveryRow): Delivery {
  const alert = r.content.type === 'alert' ? r.content.alert : null;
  return {
    id: r.id,
    alertId: r.alert_id,
    digestId: r.digest_id,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    channel: r.channel,
    address: r.address,
    escalationStep: r.escalation_step,
    kind: r.kind,
    event: r.event,
    sku: alert?.sku ?? null,
    location: alert?.location ?? null,
    status: r.status,
    attempts: r.attempts,
    providerId: r.provider_id,
    lastError: r.last_error,
    nextAttemptAt: ['pending', 'retrying'].includes(r.status) ? iso(r.next_attempt_at) : null,
    lookups: r.sms_lookups,
    nextLookupAt: r.status === 'unknown' ? iso(r.sms_lookup_at) : null,
    deliveredAt: iso(r.delivered_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

const SELECT = `SELECT d.id, d.alert_id, d.digest_id, d.recipient_id, r.name AS recipient_name, d.channel, d.address,
  d.escalation_step, d.kind, d.event, d.content, d.status, d.attempts, d.provider_id, d.last_error, d.next_attempt_at,
  d.sms_lookups, d.sms_lookup_at, d.delivered_at, d.created_at, d.updated_at
  FROM notifications.deliveries d JOIN notifications.recipients r ON r.id = d.recipient_id`;

/**
 * The delivery rows: written before anything is sent, unique per alert x recipient x channel x escalation step
 * (x kind, x event), claimed with a lease before a send, and finished only by the holder of the lease.
 */
@Injectable()
export class DeliveriesRepository {
  /** Inserts the deliveries that do not exist yet; returns the new ones (id, status, notBefore). */
  async insertNew(em: EntityManager, rows: NewDelivery[]): Promise<{ id: string; status: string; next_attempt_at: Date }[]> {
    if (!rows.length) return [];
    return queryRows(
      em,
      `INSERT INTO notifications.deliveries (alert_id, digest_id, recipient_id, channel, address, escalation_step, kind, event,
         severity, content, status, next_attempt_at, delivered_at, attempts)
       SELECT a, g, r, c, ad, s, k, e, sv, ct, st, coalesce(nb, now()), CASE WHEN st = 'delivered' THEN now() END,
         CASE WHEN st = 'delivered' THEN 1 ELSE 0 END
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[],
         $10::jsonb[], $11::text[], $12::timestamptz[]) AS x(a, g, r, c, ad, s, k, e, sv, ct, st, nb)
       ON CONFLICT DO NOTHING
       RETURNING id, status, next_attempt_at`,
      [
        rows.map((r) => r.alertId),
        rows.map((r) => r.digestId),
        rows.map((r) => r.recipientId),
        rows.map((r) => r.channel),
        rows.map((r) => r.address),
        rows.map((r) => r.escalationStep),
        rows.map((r) => r.kind),
        rows.map((r) => r.event),
        rows.map((r) => r.severity),
        rows.map((r) => JSON.stringify(r.content)),
        rows.map((r) => r.status),
        rows.map((r) => r.notBefore?.toISOString() ?? null),
      ],
    );
  }

  /**
   * Takes the lease of a delivery that is due (pending or retrying, its time come) or whose lease has expired (the
   * worker holding it died). Null when another worker holds it, it is final, or it is not due yet. A new attempt
   * forgets when the last SMS was handed to Twilio; taking over a dead worker's lease keeps it (smsHandedOver:
   * that worker may have sent it).
   */
  async claim(
    em: EntityManager,
    id: string,
    leaseMs: number,
  ): Promise<(ClaimedDelivery & { expiredLease: boolean; smsHandedOver: boolean; suppressed: string | null }) | null> {
    const [row] = await queryRows<{
      id: string;
      recipient_id: string;
      channel: Channel;
      address: string;
      attempts: number;
      lease_token: string;
      content: DeliveryContent;
      webhook_secret: string | null;
      expired_lease: boolean;
      sms_handed_over: boolean;
      suppressed: string | null;
    }>(
      em,
      `WITH prior AS (SELECT id, status = 'sending' AS expired_lease FROM notifications.deliveries WHERE id = $1 FOR UPDATE),
       claimed AS (
         UPDATE notifications.deliveries d SET status = 'sending', attempts = d.attempts + 1, lease_token = gen_random_uuid(),
           lease_until = now() + make_interval(secs => $2::double precision / 1000), updated_at = now(),
           sms_attempt_at = CASE WHEN prior.expired_lease THEN d.sms_attempt_at END
         FROM prior WHERE d.id = prior.id
           AND ((d.status IN ${OPEN} AND d.next_attempt_at <= now()) OR (d.status = 'sending' AND d.lease_until < now()))
         RETURNING d.id, d.recipient_id, d.channel, d.address, d.attempts, d.lease_token, d.content, prior.expired_lease,
           d.sms_attempt_at IS NOT NULL AS sms_handed_over)
       SELECT c.*, r.webhook_secret, s.reason AS suppressed FROM claimed c
         JOIN notifications.recipients r ON r.id = c.recipient_id
         LEFT JOIN notifications.suppressions s ON s.channel = c.channel AND s.address = c.address`,
      [id, leaseMs],
    );
    if (!row) return null;
    return {
      id: row.id,
      recipientId: row.recipient_id,
      channel: row.channel,
      address: row.address,
      attempts: row.attempts,
      leaseToken: row.lease_token,
      content: row.content,
      webhookSecret: row.webhook_secret,
      expiredLease: row.expired_lease,
      smsHandedOver: row.sms_handed_over,
      suppressed: row.suppressed,
    };
  }

  /** Gives the lease back without counting an attempt (a rate limit said wait). */
  async release(em: EntityManager, id: string, leaseToken: string, nextAttemptAt: Date): Promise<void> {
    await em.query(
      `UPDATE notifications.deliveries SET status = 'pending', attempts = attempts - 1, lease_token = NULL, lease_until = NULL,
         next_attempt_at = $3, updated_at = now()
       WHERE id = $1 AND lease_token = $2 AND status = 'sending'`,
      [id, leaseToken, nextAttemptAt.toISOString()],
    );
  }

  /** Notes the moment an SMS is handed to Twilio, and its text: what a lookup searches for if the outcome is unknown. */
  async startSmsAttempt(em: EntityManager, id: string, leaseToken: string, text: string): Promise<boolean> {
    const rows = await queryRows(
      em,
      `UPDATE notifications.deliveries SET sms_attempt_at = now(), sms_text = $3
       WHERE id = $1 AND lease_token = $2 AND status = 'sending' RETURNING id`,
      [id, leaseToken, text],
    );
    return rows.length === 1;
  }

  /**
   * Records the outcome of a send (the lease held in 'sending') or of an SMS lookup (held in 'unknown'); only the
   * holder of the lease can. Returns false when the lease was lost. smsLookupAt: when an SMS of unknown outcome is
   * to be looked up (none when left out); notAnAttempt: the claim counted an attempt that sent nothing.
   */
  async finish(
    em: EntityManager,
    id: string,
    leaseToken: string | null,
    next: {
      status: DeliveryStatus;
      providerId?: string | null;
      error?: string | null;
      nextAttemptAt?: Date;
      smsLookupAt?: Date | null;
      notAnAttempt?: boolean;
    },
    held: 'sending' | 'unknown' = 'sending',
  ): Promise<boolean> {
    const rows = await queryRows(
      em,
      `UPDATE notifications.deliveries SET status = $3, provider_id = coalesce($4, provider_id), last_error = $5,
         next_attempt_at = coalesce($6, next_attempt_at), lease_token = NULL, lease_until = NULL, sms_lookup_at = $8,
         attempts = attempts - CASE WHEN $9::boolean THEN 1 ELSE 0 END,
         delivered_at = CASE WHEN $3 = 'delivered' THEN now() ELSE delivered_at END, updated_at = now()
       WHERE id = $1 AND status = $7 AND ($2::uuid IS NULL OR lease_token = $2)
       RETURNING id`,
      [
        id,
        leaseToken,
        next.status,
        next.providerId ?? null,
        next.error ?? null,
        next.nextAttemptAt?.toISOString() ?? null,
        held,
        next.smsLookupAt?.toISOString() ?? null,
        next.notAnAttempt ?? false,
      ],
    );
    return rows.length === 1;
  }

  /**
   * Takes the lookup of the SMS of unknown outcome that is due first and not taken by another worker: the lease
   * is the next lookup time pushed past the lookup's own timeout, so a worker dying mid-lookup only delays it.
   */
  async claimSmsLookup(em: EntityManager, leaseMs: number): Promise<ClaimedSmsLookup | null> {
    const [row] = await queryRows<{
      id: string;
      address: string;
      attempts: number;
      sms_lookups: number;
      lease_token: string;
      sms_attempt_at: Date;
      sms_text: string;
      last_error: string | null;
      elapsed_ms: number;
    }>(
      em,
      `UPDATE notifications.deliveries d SET sms_lookups = d.sms_lookups + 1, lease_token = gen_random_uuid(),
         sms_lookup_at = now() + make_interval(secs => $1::double precision / 1000), updated_at = now()
       WHERE d.id = (SELECT id FROM notifications.deliveries
                     WHERE status = 'unknown' AND sms_lookup_at <= now() AND sms_attempt_at IS NOT NULL AND sms_text IS NOT NULL
                     ORDER BY sms_lookup_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.address, d.attempts, d.sms_lookups, d.lease_token, d.sms_attempt_at, d.sms_text, d.last_error,
         (extract(epoch FROM now() - d.sms_attempt_at) * 1000)::float8 AS elapsed_ms`,
      [leaseMs],
    );
    if (!row) return null;
    return {
      id: row.id,
      address: row.address,
      attempts: row.attempts,
      lookups: row.sms_lookups,
      leaseToken: row.lease_token,
      attemptAt: new Date(row.sms_attempt_at),
      text: row.sms_text,
      lastError: row.last_error ?? 'the outcome was unknown',
      elapsedMs: Number(row.elapsed_ms),
    };
  }

  /** Deliveries the reconciler looks at: due and not taken, or held by a lease that has expired. */
  async stranded(em: EntityManager, graceMs: number, limit: number): Promise<{ id: string; channel: Channel; status: DeliveryStatus }[]> {
    return em.query(
      `SELECT id, channel, status FROM notifications.deliveries
       WHERE (status IN ${OPEN} AND next_attempt_at <= now() - make_interval(secs => $1::double precision / 1000))
          OR (status = 'sending' AND lease_until < now())
       ORDER BY next_attempt_at LIMIT $2`,
      [graceMs, limit],
    );
  }

  async get(em: EntityManager, id: string): Promise<Delivery | null> {
    const [row] = await em.query(`${SELECT} WHERE d.id = $1`, [id]);
    return row ? toDelivery(row) : null;
  }

  async list(em: EntityManager, q: DeliveryListQuery, offset: number): Promise<{ items: Delivery[]; total: number }> {
    const f = new SqlFilter();
    if (q.alert) f.add('d.alert_id = ?', q.alert);
    if (q.recipient) f.add('d.recipient_id = ?', q.recipient);
    if (q.channel) f.add('d.channel = ?', q.channel);
    if (q.status?.length) f.add('d.status = ANY(?::text[])', q.status);
    const filter = f.where;
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM notifications.deliveries d ${filter}`, f.params);
    const order = q.sort === 'createdAt' ? 'd.created_at ASC, d.id' : 'd.created_at DESC, d.id';
    const rows: DeliveryRow[] = await em.query(`${SELECT} ${filter} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${offset}`, f.params);
    return { items: rows.map(toDelivery), total: n };
  }

  /** A person asked to send again: back to pending, attempts from zero, due now. */
  async resetForRetry(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE notifications.deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL,
         sms_lookups = 0, sms_lookup_at = NULL, updated_at = now()
       WHERE id = $1`,
      [id],
    );
  }
}
