import { Injectable } from '@nestjs/common';
import type { PolicyChange } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { ConflictError, NotFoundError } from '../../../../shared/errors';
import { requestContext } from '../../../../shared/http/request-context';
import { AuditTrail } from '../../../identity';
import { PolicyChangesRepository, StoredPolicyChange } from '../../infrastructure/policy-changes.repository';
import { PolicyApplier } from '../put-policy/policy-applier';
import { ReadPoliciesQuery } from '../read-policies/read-policies.query';

/** An admin approves (the change is applied and recomputed) or rejects a planner's pending policy change. */
@Injectable()
export class DecidePolicyChangeUseCase {
  constructor(
    private readonly db: Database,
    private readonly changes: PolicyChangesRepository,
    private readonly applier: PolicyApplier,
    private readonly reads: ReadPoliciesQuery,
    private readonly audit: AuditTrail,
  ) {}

  async execute(id: string, decision: 'approve' | 'reject', reason: string | null): Promise<PolicyChange> {
    const change = /^[0-9a-f-]{36}$/i.test(id) ? await this.changes.get(id) : null;
    if (!change) throw new NotFoundError(`There is no policy change ${id}.`);
    if (change.status !== 'pending') throw new ConflictError(`The policy change ${id} was already ${change.status}.`);
    const [view] = await this.reads.changeViews([change]);
    const by = requestContext.actor().name;
    let decided: StoredPolicyChange | null = null;
    const record = async (em: Parameters<Parameters<Database['transaction']>[0]>[0]) => {
      decided = await this.changes.decide(em, id, decision === 'approve' ? 'approved' : 'rejected', by, reason);
      // decided meanwhile by someone else: roll back whatever this decision would have applied
      if (!decided) throw new ConflictError(`The policy change ${id} was decided meanwhile.`);
      await this.audit.record(em, {
        action: decision === 'approve' ? 'policy-change.approved' : 'policy-change.rejected',
        entityType: 'policy-change',
        entityId: id,
        before: { status: 'pending' },
        after: { status: decided.status, reason, policy: `${view.sku}/${view.location}` },
      });
    };
    if (decision === 'approve') {
      await this.applier.apply({ key: change, sku: view.sku, location: view.location }, change.after, record);
    } else {
      await this.db.transaction(record);
    }
    const [after] = await this.reads.changeViews([decided!]);
    return after;
  }
}
