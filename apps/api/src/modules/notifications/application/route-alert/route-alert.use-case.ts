import { Inject, Injectable } from '@nestjs/common';
import type { Alert, Channel, Role } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { JOB_QUEUE, JobQueue } from '../../../../shared/queue/job-queue.port';
import { UserContactsFacade } from '../../../identity';
import { planDelivery, RuleRecipient, ruleMatches, ruleTargets } from '../../domain/routing';
import { DeliveriesRepository, NewDelivery } from '../../infrastructure/deliveries.repository';
import { preferencesOf, RecipientRow, RecipientsRepository } from '../../infrastructure/recipients.repository';
import { RulesRepository } from '../../infrastructure/rules.repository';

export interface AlertEvent {
  event: 'opened' | 'escalated' | 'resolved';
  alert: Alert;
  escalationStep: number;
}

/**
 * Routes one alert event: the matching rules name recipients (directly, as users, or by role) and channels; each
 * recipient's preferences decide per channel (severity, quiet hours, digest). One transaction writes every
 * delivery row (or digest item) that does not exist yet; the sends are enqueued after the commit. A replay of the
 * same event writes nothing and sends nothing.
 */
@Injectable()
export class RouteAlertUseCase {
  constructor(
    private readonly db: Database,
    private readonly rules: RulesRepository,
    private readonly recipients: RecipientsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly users: UserContactsFacade,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async execute(e: AlertEvent, now: Date = new Date()): Promise<{ created: number; digested: number }> {
    const event = e.event === 'resolved' ? 'resolved' : 'alert';
    const rules = (await this.db.read((em) => this.rules.active(em))).filter((r) => ruleMatches(r, e.alert));
    if (!rules.length) return { created: 0, digested: 0 };
    const wanted = new Map<string, Set<Channel>>(); // target key -> channels
    const targets = new Map<string, RuleRecipient>();
    for (const rule of rules) {
      for (const target of ruleTargets(rule, e.escalationStep)) {
        const key = 'recipientId' in target ? `r:${target.recipientId}` : `role:${target.role}`;
        targets.set(key, target);
        const set = wanted.get(key) ?? new Set<Channel>();
        rule.channels.forEach((c) => set.add(c));
        wanted.set(key, set);
      }
    }
    const roles = [...targets.values()].flatMap((t) => ('role' in t ? [t.role as Role] : []));
    const roleUsers = roles.length ? await this.users.activeUsers({ roles }) : [];

    const result = await this.db.transaction(async (em) => {
      const byRecipient = new Map<string, { row: RecipientRow; channels: Set<Channel> }>();
      const add = (row: RecipientRow, channels: Set<Channel>) => {
        const entry = byRecipient.get(row.id) ?? { row, channels: new Set<Channel>() };
        channels.forEach((c) => entry.channels.add(c));
        byRecipient.set(row.id, entry);
      };
      const direct = await this.recipients.findMany(em, [...targets.values()].flatMap((t) => ('recipientId' in t ? [t.recipientId] : [])));
      // a recipient that is a user reads its email from identity (the user may have changed it)
      const linkedUsers = await this.users.activeUsers({ ids: direct.flatMap((r) => (r.user_id ? [r.user_id] : [])) });
      const refreshed = await this.recipients.ensureForUsers(em, linkedUsers);
      for (const row of direct) {
        if (row.user_id && !linkedUsers.some((u) => u.id === row.user_id)) continue; // deactivated user
        add(refreshed.find((r) => r.id === row.id) ?? row, wanted.get(`r:${row.id}`)!);
      }
      const roleRows = await this.recipients.ensureForUsers(em, roleUsers);
      for (const user of roleUsers) {
        const row = roleRows.find((r) => r.user_id === user.id)!;
        add(row, wanted.get(`role:${user.role}`)!);
      }

      const rows: NewDelivery[] = [];
      const digestItems: { recipientId: string; channel: Channel }[] = [];
      for (const { row, channels } of byRecipient.values()) {
        for (const channel of channels) {
          const plan = planDelivery(preferencesOf(row), channel, e.alert, event, now, row.user_id ? `user:${row.user_id}` : null);
          if (plan.action === 'skip') continue;
          if (plan.action === 'digest') {
            digestItems.push({ recipientId: row.id, channel });
            continue;
          }
          rows.push({
            alertId: e.alert.id,
            digestId: null,
            recipientId: row.id,
            channel,
            address: plan.address,
            escalationStep: e.escalationStep,
            kind: e.alert.kind,
            event,
            severity: e.alert.severity,
            content: { type: 'alert', alert: e.alert, escalationStep: e.escalationStep, event },
            // the dashboard's live stream already showed it: recorded as delivered
            status: channel === 'dashboard' ? 'delivered' : 'pending',
            notBefore: plan.notBefore,
          });
        }
      }
      const created = await this.deliveries.insertNew(em, rows);
      if (digestItems.length) {
        await em.query(
          `INSERT INTO notifications.digest_items (recipient_id, alert_id, kind, channel, alert)
           SELECT r, $2::uuid, $3, c, $4::jsonb FROM unnest($1::uuid[], $5::text[]) AS x(r, c)
           ON CONFLICT DO NOTHING`,
          [digestItems.map((d) => d.recipientId), e.alert.id, e.alert.kind, JSON.stringify(e.alert), digestItems.map((d) => d.channel)],
        );
      }
      return { created, digested: digestItems.length };
    });
    for (const d of result.created) {
      if (d.status !== 'pending') continue;
      const delayMs = Math.max(0, new Date(d.next_attempt_at).getTime() - Date.now());
      await this.queue.enqueue('notifications.send-delivery', { deliveryId: d.id }, { dedupKey: d.id, ...(delayMs ? { delayMs } : {}) });
    }
    return { created: result.created.length, digested: result.digested };
  }
}
