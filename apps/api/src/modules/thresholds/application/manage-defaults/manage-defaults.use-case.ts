import { Injectable } from '@nestjs/common';
import type { PolicyDefault, PolicyDefaultScope, PolicyInput, ServiceLevels } from '@stockpulse/contracts';
import { POLICY_DEFAULT_SCOPES } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../../shared/errors';
import { hasScope } from '../../../../shared/http/auth';
import { requestContext } from '../../../../shared/http/request-context';
import { CatalogFacade, UnknownLocationError } from '../../../catalog';
import { AuditTrail } from '../../../identity';
import { PolicySettingsRepository } from '../../infrastructure/policy-settings.repository';
import { ForecastNotAvailableError } from '../put-policy/put-policy.use-case';
import { StartRecomputeUseCase } from '../recompute-policies/start-recompute.use-case';

/**
 * Defaults per location and per category, and the target service level per ABC class. A change queues a recompute
 * of the SKU x locations it reaches (committed with the change), so their figures follow within the run; its id is
 * in the answer for the progress bar. Only an admin may turn a category's approval requirement on or off (else a
 * planner could lift it).
 */
@Injectable()
export class ManageDefaultsUseCase {
  constructor(
    private readonly db: Database,
    private readonly catalog: CatalogFacade,
    private readonly settings: PolicySettingsRepository,
    private readonly audit: AuditTrail,
    private readonly recompute: StartRecomputeUseCase,
  ) {}

  async list(): Promise<PolicyDefault[]> {
    return [...(await this.settings.defaults()).values()];
  }

  async get(scope: string, key: string): Promise<PolicyDefault> {
    const found = await this.settings.getDefault(this.scope(scope), key);
    if (!found) throw new NotFoundError(`There is no ${scope} default for ${key}.`);
    return found;
  }

  async put(scopeParam: string, key: string, input: { settings: PolicyInput; requiresApproval?: boolean }): Promise<PolicyDefault> {
    const scope = this.scope(scopeParam);
    if (input.settings.method === 'forecast') {
      throw new ForecastNotAvailableError();
    }
    if (scope === 'location' && input.requiresApproval) {
      throw new ValidationError('The request body is invalid.', [{ path: 'requiresApproval', message: 'applies to category defaults only' }]);
    }
    if (scope === 'location' && !(await this.catalog.resolveLocations([key])).has(key)) throw new UnknownLocationError(key);
    const before = await this.settings.getDefault(scope, key);
    const requiresApproval = input.requiresApproval ?? before?.requiresApproval ?? false;
    const principal = requestContext.get()?.principal;
    if (requiresApproval !== (before?.requiresApproval ?? false) && !(principal && hasScope(principal, 'admin'))) {
      throw new ForbiddenError('Only an admin may change whether a category needs approval.', [
        { path: 'requiresApproval', message: 'only an admin may change it' },
      ]);
    }
    return this.db.transaction(async (em) => {
      const after = await this.settings.putDefault(em, scope, key, input.settings, requiresApproval);
      await this.audit.record(em, {
        action: before ? 'policy-default.updated' : 'policy-default.created',
        entityType: 'policy-default',
        entityId: `${scope}/${key}`,
        before: before ?? undefined,
        after,
      });
      const filter = scope === 'category' ? { categories: [key] } : { locations: [key] };
      return { ...after, recomputeRunId: await this.recompute.startIn(em, filter, 'policy_change') };
    });
  }

  serviceLevels(): Promise<ServiceLevels> {
    return this.settings.serviceLevels();
  }

  async putServiceLevels(levels: ServiceLevels): Promise<ServiceLevels & { recomputeRunId: string }> {
    const before = await this.settings.serviceLevels();
    const recomputeRunId = await this.db.transaction(async (em) => {
      await this.settings.putServiceLevels(em, levels);
      await this.audit.record(em, { action: 'service-levels.updated', entityType: 'service-levels', entityId: 'abc', before, after: levels });
      return this.recompute.startIn(em, {}, 'policy_change');
    });
    return { ...(await this.settings.serviceLevels()), recomputeRunId };
  }

  private scope(scope: string): PolicyDefaultScope {
    if (!(POLICY_DEFAULT_SCOPES as readonly string[]).includes(scope)) {
      throw new ValidationError('The path is invalid.', [{ path: 'scope', message: `must be one of ${POLICY_DEFAULT_SCOPES.join(', ')}` }]);
    }
    return scope as PolicyDefaultScope;
  }
}
