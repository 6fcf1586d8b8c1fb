import { Injectable } from '@nestjs/common';
import type { AlertSettings } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { Outbox } from '../../../../shared/outbox/outbox';
import { AuditTrail } from '../../../identity';
import { AlertSettingsStore } from '../../infrastructure/alert-settings.store';
import { Clock } from '../../infrastructure/clock';
import { actorName } from '../alert-lifecycle/alert-lifecycle.use-case';

/**
 * GET/PUT /api/v1/alert-settings. A change of approach or re-arm days has every SKU x location evaluated again
 * (through the outbox, so it happens even if this process dies after the commit); escalation timers use the new
 * period at their next run.
 */
@Injectable()
export class AlertSettingsUseCase {
  constructor(
    private readonly db: Database,
    private readonly store: AlertSettingsStore,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  get(): Promise<AlertSettings> {
    this.store.invalidate();
    return this.store.get();
  }

  async put(settings: AlertSettings): Promise<AlertSettings> {
    await this.db.transaction(async (em) => {
      const before = await this.store.put(em, settings, actorName(), this.clock.now());
      await this.audit.record(em, { action: 'alert-settings.updated', entityType: 'alert-settings', entityId: 'alerts', before, after: settings });
      if (before.approachDays !== settings.approachDays || before.reArmDays !== settings.reArmDays) {
        await this.outbox.write(em, 'alerts.settings-changed', {});
      }
    });
    return this.get();
  }
}
