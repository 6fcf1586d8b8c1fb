import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CreatedRecipient, Page, Recipient, RecipientCreate, RecipientPatch } from '@stockpulse/contracts';
import { recipientListQuerySchema } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Database } from '../../../../shared/database';
import { ConflictError, ValidationError } from '../../../../shared/errors';
import { decodeCursor, page } from '../../../../shared/http/pagination';
import { AuditTrail, UserContactsFacade } from '../../../identity';
import { RecipientInUseError, UnknownRecipientError } from '../../domain/notification-errors';
import { RecipientFields, RecipientRow, RecipientsRepository, toRecipient } from '../../infrastructure/recipients.repository';
import { RulesRepository } from '../../infrastructure/rules.repository';

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/** Recipients: create, change, list, delete. Every change is audited (never with the webhook secret). */
@Injectable()
export class ManageRecipientsUseCase {
  constructor(
    private readonly db: Database,
    private readonly recipients: RecipientsRepository,
    private readonly rules: RulesRepository,
    private readonly users: UserContactsFacade,
    private readonly audit: AuditTrail,
  ) {}

  async create(input: RecipientCreate): Promise<CreatedRecipient> {
    let name = input.name;
    let email = input.email ?? null;
    if (input.userId) {
      const [user] = await this.users.activeUsers({ ids: [input.userId] });
      if (!user) throw new ValidationError('The request body is invalid.', [{ path: 'userId', message: 'is not an active user' }]);
      name = name ?? user.name;
      if (email && email !== user.email) throw new ValidationError('The request body is invalid.', [{ path: 'email', message: "a user's email comes from the user; leave it out" }]);
      email = user.email;
    }
    const webhookSecret = input.webhookUrl ? (input.webhookSecret ?? newSecret()) : null;
    const fields: RecipientFields = {
      name: name!,
      userId: input.userId ?? null,
      email,
      phone: input.phone ?? null,
      webhookUrl: input.webhookUrl ?? null,
      webhookSecret,
      timeZone: input.timeZone ?? 'UTC',
      quietHours: input.quietHours ?? null,
      channelSeverities: input.channelSeverities ?? {},
      digest: input.digest ?? null,
      active: input.active ?? true,
    };
    return this.db.transaction(async (em) => {
      if (fields.userId) {
        const [existing] = await em.query(`SELECT id FROM notifications.recipients WHERE user_id = $1`, [fields.userId]);
        if (existing) throw new ConflictError(`User ${fields.userId} already is recipient ${existing.id}; change that one.`);
      }
      const row = await this.recipients.insert(em, fields);
      const recipient = toRecipient(row);
      await this.audit.record(em, { action: 'notification-recipient.created', entityType: 'notification-recipient', entityId: row.id, after: recipient });
      return { ...recipient, webhookSecret };
    });
  }

  /** Answers the webhook secret when it made one (a webhook URL given to a recipient that had no secret). */
  async update(id: string, patch: RecipientPatch): Promise<Recipient & { webhookSecret?: string }> {
    return this.db.transaction(async (em) => {
      const current = await this.recipients.findById(em, id, true);
      if (!current) throw new UnknownRecipientError(id);
      if (current.user_id && patch.email !== undefined) {
        throw new ValidationError('The request body is invalid.', [{ path: 'email', message: "a user's email comes from the user; change it there" }]);
      }
      const before = toRecipient(current);
      const webhookUrl = patch.webhookUrl === undefined ? current.webhook_url : patch.webhookUrl;
      const generated = webhookUrl && !patch.webhookSecret && !current.webhook_secret ? newSecret() : undefined;
      const row = await this.recipients.update(em, id, {
        name: patch.name ?? current.name,
        userId: current.user_id,
        email: patch.email === undefined ? current.email : patch.email,
        phone: patch.phone === undefined ? current.phone : patch.phone,
        webhookUrl,
        // undefined keeps the stored secret
        webhookSecret: webhookUrl ? (patch.webhookSecret ?? generated) : null,
        timeZone: patch.timeZone ?? current.time_zone,
        quietHours: patch.quietHours === undefined ? current.quiet_hours : patch.quietHours,
        channelSeverities: patch.channelSeverities ? { ...current.channel_severities, ...patch.channelSeverities } : current.channel_severities,
        digest: patch.digest === undefined ? current.digest : patch.digest,
        active: patch.active ?? current.active,
      });
      const after = await this.withSuppressions(em, row);
      await this.audit.record(em, { action: 'notification-recipient.updated', entityType: 'notification-recipient', entityId: id, before, after });
      return generated ? { ...after, webhookSecret: generated } : after;
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const current = await this.recipients.findById(em, id, true);
      if (!current) throw new UnknownRecipientError(id);
      const naming = await this.rules.naming(em, id);
      if (naming.length) throw new RecipientInUseError(id, naming);
      await this.recipients.delete(em, id);
      await this.audit.record(em, { action: 'notification-recipient.deleted', entityType: 'notification-recipient', entityId: id, before: toRecipient(current) });
    });
  }

  async get(id: string): Promise<Recipient> {
    return this.db.read(async (em) => {
      const row = await this.recipients.findById(em, id);
      if (!row) throw new UnknownRecipientError(id);
      return this.withSuppressions(em, row);
    });
  }

  async list(q: z.output<typeof recipientListQuerySchema>): Promise<Page<Recipient>> {
    const offset = decodeCursor(q.cursor, q.offset);
    return this.db.read(async (em) => {
      const { items, total } = await this.recipients.list(em, q, offset);
      const suppressed = await this.recipients.suppressionsOf(em, items);
      return page(items.map((r) => toRecipient(r, suppressed.get(r.id))), total, offset, q.limit);
    });
  }

  private async withSuppressions(em: EntityManager, row: RecipientRow): Promise<Recipient> {
    return toRecipient(row, (await this.recipients.suppressionsOf(em, [row])).get(row.id));
  }
}
