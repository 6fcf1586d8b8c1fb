import { Injectable } from '@nestjs/common';
import type { NotificationRule, Page, RuleCreate, RuleTarget } from '@stockpulse/contracts';
import { ruleListQuerySchema, rulePatchSchema } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { Database } from '../../../../shared/database';
import { FieldError, ValidationError } from '../../../../shared/errors';
import { decodeCursor, page } from '../../../../shared/http/pagination';
import { AuditTrail, UserContactsFacade } from '../../../identity';
import { UnknownRuleError } from '../../domain/notification-errors';
import { RecipientsRepository } from '../../infrastructure/recipients.repository';
import { RuleFields, RulesRepository } from '../../infrastructure/rules.repository';

type Stored = NotificationRule['recipients'][number];

/**
 * Routing rules. A rule's targets are stored as recipient ids or roles: a user becomes (or finds) its recipient, an
 * address becomes an external contact, so that deliveries always name a recipient.
 */
@Injectable()
export class ManageRulesUseCase {
  constructor(
    private readonly db: Database,
    private readonly rules: RulesRepository,
    private readonly recipients: RecipientsRepository,
    private readonly users: UserContactsFacade,
    private readonly audit: AuditTrail,
  ) {}

  async create(input: RuleCreate): Promise<NotificationRule> {
    return this.db.transaction(async (em) => {
      const rule = await this.rules.insert(em, await this.fields(em, input));
      await this.audit.record(em, { action: 'notification-rule.created', entityType: 'notification-rule', entityId: rule.id, after: rule });
      return rule;
    });
  }

  async update(id: string, patch: z.output<typeof rulePatchSchema>): Promise<NotificationRule> {
    return this.db.transaction(async (em) => {
      const before = await this.rules.findById(em, id, true);
      if (!before) throw new UnknownRuleError(id);
      const merged: RuleCreate = {
        name: patch.name ?? before.name,
        severities: patch.severities ?? before.severities,
        kinds: patch.kinds ?? before.kinds,
        categories: patch.categories ?? before.categories,
        locations: patch.locations ?? before.locations,
        suppliers: patch.suppliers ?? before.suppliers,
        channels: patch.channels ?? before.channels,
        recipients: patch.recipients ?? before.recipients,
        escalation: patch.escalation ?? before.escalation,
        active: patch.active ?? before.active,
      };
      const after = await this.rules.update(em, id, await this.fields(em, merged));
      await this.audit.record(em, { action: 'notification-rule.updated', entityType: 'notification-rule', entityId: id, before, after });
      return after;
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const before = await this.rules.findById(em, id, true);
      if (!before) throw new UnknownRuleError(id);
      await this.rules.delete(em, id);
      await this.audit.record(em, { action: 'notification-rule.deleted', entityType: 'notification-rule', entityId: id, before });
    });
  }

  async get(id: string): Promise<NotificationRule> {
    const rule = await this.db.read((em) => this.rules.findById(em, id));
    if (!rule) throw new UnknownRuleError(id);
    return rule;
  }

  async list(q: z.output<typeof ruleListQuerySchema>): Promise<Page<NotificationRule>> {
    const offset = decodeCursor(q.cursor, q.offset);
    const { items, total } = await this.db.read((em) => this.rules.list(em, q, offset));
    return page(items, total, offset, q.limit);
  }

  private async fields(em: EntityManager, input: RuleCreate): Promise<RuleFields> {
    const errors: FieldError[] = [];
    const recipients = await this.resolve(em, input.recipients, 'recipients', errors);
    const escalation = [];
    for (const [i, tier] of (input.escalation ?? []).entries()) {
      escalation.push({ recipients: await this.resolve(em, tier.recipients, `escalation.${i}.recipients`, errors) });
    }
    if (errors.length) throw new ValidationError('The request body is invalid.', errors);
    return {
      name: input.name,
      severities: input.severities ?? [],
      kinds: input.kinds ?? [],
      categories: input.categories ?? [],
      locations: input.locations ?? [],
      suppliers: input.suppliers ?? [],
      channels: [...new Set(input.channels)],
      recipients,
      escalation,
      active: input.active ?? true,
    };
  }

  private async resolve(em: EntityManager, targets: (RuleTarget | Stored)[], path: string, errors: FieldError[]): Promise<Stored[]> {
    const out: Stored[] = [];
    for (const [i, t] of targets.entries()) {
      const target = t as RuleTarget;
      if (target.role) out.push({ role: target.role });
      else if (target.recipientId) {
        if (await this.recipients.findById(em, target.recipientId)) out.push({ recipientId: target.recipientId });
        else errors.push({ path: `${path}.${i}.recipientId`, message: 'is not a notification recipient' });
      } else if (target.userId) {
        const [user] = await this.users.activeUsers({ ids: [target.userId] });
        if (!user) errors.push({ path: `${path}.${i}.userId`, message: 'is not an active user' });
        else out.push({ recipientId: (await this.recipients.ensureForUsers(em, [user]))[0].id });
      } else {
        out.push({ recipientId: (await this.recipients.ensureExternal(em, target)).id });
      }
    }
    const seen = new Set(out.map((s) => JSON.stringify(s)));
    return [...seen].map((s) => JSON.parse(s) as Stored);
  }
}
