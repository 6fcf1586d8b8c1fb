import { Injectable } from '@nestjs/common';
import type { PolicyInput } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Database } from '../../../../shared/database';
import { requestContext } from '../../../../shared/http/request-context';
import { AuditTrail } from '../../../identity';
import { PairKey, pairKey } from '../../domain/computed-policy';
import { PolicySettingsRepository } from '../../infrastructure/policy-settings.repository';
import { PolicyCalculator } from '../compute-policies/policy-calculator';

/**
 * Sets the policy of one SKU x location and recomputes its figures at once, in one transaction with its audit entry
 * and the `thresholds.policies-changed` event: a planner reading the policy right after sees the new figures.
 * The demand history is read before the transaction opens (on the embedded database a read inside it would wait
 * for the transaction itself).
 */
@Injectable()
export class PolicyApplier {
  constructor(
    private readonly db: Database,
    private readonly settings: PolicySettingsRepository,
    private readonly calculator: PolicyCalculator,
    private readonly audit: AuditTrail,
  ) {}

  async apply(
    target: { key: PairKey; sku: string; location: string },
    settings: PolicyInput,
    also?: (em: EntityManager) => Promise<void>,
  ): Promise<void> {
    const id = pairKey(target.key);
    const [before, computed] = await Promise.all([
      this.settings.policiesOf([target.key]).then((m) => m.get(id) ?? null),
      this.calculator.computeNow([target.key], new Map([[id, settings]])),
    ]);
    await this.db.transaction(async (em) => {
      await this.settings.upsertPolicy(em, target.key, settings, requestContext.actor().name);
      await this.audit.record(em, {
        action: 'policy.updated',
        entityType: 'policy',
        entityId: `${target.sku}/${target.location}`,
        before: before ?? undefined,
        after: settings,
      });
      await this.calculator.store(em, computed, null);
      await also?.(em);
    });
  }
}
