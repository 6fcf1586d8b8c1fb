import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Policy, PolicyChange, PolicyInput } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { UnprocessableError } from '../../../../shared/errors';
import { hasScope } from '../../../../shared/http/auth';
import { requestContext } from '../../../../shared/http/request-context';
import { AuditTrail } from '../../../identity';
import { pairKey } from '../../domain/computed-policy';
import { needsApproval, resolvePolicy } from '../../domain/reorder-policy';
import { PolicyChangesRepository } from '../../infrastructure/policy-changes.repository';
import { PolicySettingsRepository } from '../../infrastructure/policy-settings.repository';
import { ReadPoliciesQuery } from '../read-policies/read-policies.query';
import { toChangeView } from '../read-policies/policy-views';
import { PolicyApplier } from './policy-applier';

export class ForecastNotAvailableError extends UnprocessableError {
  constructor() {
    super('Forecast-driven policies are not available yet: use static or dynamic.', [
      { path: 'method', message: 'forecast is not available yet' },
    ]);
  }
}

export type PutPolicyResult = { applied: true; policy: Policy } | { applied: false; change: PolicyChange };

/**
 * PUT /api/v1/policies/{sku}/{location}. A planner's change of method, safety-stock override or lead-time override on
 * a SKU whose category default requires approval waits for an admin (a pending change); anything else, and
 * anything an admin does, is applied and recomputed at once.
 */
@Injectable()
export class PutPolicyUseCase {
  constructor(
    private readonly db: Database,
    private readonly reads: ReadPoliciesQuery,
    private readonly settings: PolicySettingsRepository,
    private readonly changes: PolicyChangesRepository,
    private readonly applier: PolicyApplier,
    private readonly audit: AuditTrail,
  ) {}

  async execute(skuCode: string, locationCode: string, input: PolicyInput): Promise<PutPolicyResult> {
    if (input.method === 'forecast') throw new ForecastNotAvailableError();
    const { sku, location, key } = await this.reads.resolvePair(skuCode, locationCode);
    const [own, defaults] = await Promise.all([this.settings.policiesOf([key]), this.settings.defaults()]);
    const current = own.get(pairKey(key)) ?? null;
    const categoryDefault = defaults.get(`category:${sku.category}`) ?? null;
    const inForce = resolvePolicy(current, defaults.get(`location:${location.code}`)?.settings ?? null, categoryDefault?.settings ?? null);
    const principal = requestContext.get()?.principal;
    const isAdmin = !!principal && hasScope(principal, 'admin');
    if (!isAdmin && categoryDefault?.requiresApproval && needsApproval(inForce.settings, input)) {
      const change = await this.db.transaction(async (em) => {
        const { created, superseded } = await this.changes.request(em, {
          id: randomUUID(),
          key,
          before: current,
          after: input,
          requestedBy: requestContext.actor().name,
        });
        const view = toChangeView(created, sku.code, location.code);
        const entityId = `${sku.code}/${location.code}`;
        await this.audit.recordMany(em, [
          ...(superseded
            ? [{ action: 'policy-change.superseded', entityType: 'policy-change', entityId: superseded.id, after: { status: 'rejected', replacedBy: created.id } }]
            : []),
          { action: 'policy-change.requested', entityType: 'policy-change', entityId: created.id, after: { ...view, policy: entityId } },
        ]);
        return view;
      });
      return { applied: false, change };
    }
    await this.applier.apply({ key, sku: sku.code, location: location.code }, input);
    return { applied: true, policy: await this.reads.getPolicy(sku.code, location.code) };
  }
}
