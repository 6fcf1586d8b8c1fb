import { Injectable } from '@nestjs/common';
import type { Alert, AlertStreamEvent } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { afterCommit } from '../../../shared/database';
import { Outbox } from '../../../shared/outbox/outbox';
import { AlertStream } from '../infrastructure/alert-stream';

export type LifecycleEvent = 'alerts.alert-opened' | 'alerts.alert-escalated' | 'alerts.alert-resolved';

export interface AlertChange {
  alert: Alert;
  type: AlertStreamEvent['type'];
  /** the outbox event for the notifications context, when the change is one of its three */
  event?: LifecycleEvent;
  escalationStep?: number;
}

/**
 * Where every alert change leaves the alerts context: the lifecycle events go to the outbox in the caller's
 * transaction; the live stream hears of the change only after that transaction committed.
 */
@Injectable()
export class AlertChanges {
  constructor(
    private readonly outbox: Outbox,
    private readonly stream: AlertStream,
  ) {}

  async record(em: EntityManager, changes: AlertChange[]): Promise<void> {
    if (!changes.length) return;
    const events = changes.filter((c) => c.event);
    await this.outbox.writeMany(
      em,
      events.map((c) => ({ event: c.event!, payload: { alert: c.alert, escalationStep: c.escalationStep ?? 0 } })),
    );
    const stream = changes.map((c) => ({ type: c.type, alert: c.alert }));
    afterCommit(em, () => this.stream.publish(stream));
  }
}
