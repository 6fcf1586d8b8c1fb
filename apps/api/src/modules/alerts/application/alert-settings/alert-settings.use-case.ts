import { Injectable } from '@nestjs/common';
import type { AlertSettings } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { AuditTrail } from '../../../identity';
import { AlertSettingsStore } from '../../infrastructure/alert-settings.store';
import { Clock } from '../../infrastructure/clock';
import { actorName } from '../alert-lifecycle/alert-lifecycle.use-case';

/**
 * GET/PUT /api/v1/alert-settings. A change applies to the next evaluation of each SKU x location (the next stock
 * change or policy recompute); escalation timers use the new period at their next run.
 */
@Injectable()
export class AlertSettingsUseCase {
  constructor(
    private readonly db: Database,
    private readonly store: AlertSettingsStore,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  get(): Promise<AlertSettings> {
    this.store.invalidate();
    return this.store.get();
  }

  async put(settings: AlertSettings): Promise<AlertSettings> {
    await this.db.transaction(async (em) => {
      const before = await this.store.put(em, settings, actorName(), this.clock.now());
      await this.audit.record(em, { action: 'alert-settings.updated', entityType: 'alert-settings', entityId: 'alerts', before, after: settings });
    });
    return this.get();
  }
}
