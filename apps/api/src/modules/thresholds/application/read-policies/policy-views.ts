import type { Policy, PolicyChange, PolicyInput } from '@stockpulse/contracts';
import { PolicySource } from '../../domain/reorder-policy';
import { StoredComputedPolicy } from '../../infrastructure/computed-policies.repository';
import { StoredPolicyChange } from '../../infrastructure/policy-changes.repository';

/** The API shape of a policy: the settings in force, the computed figures and how they were computed. */
export function toPolicyView(
  sku: string,
  location: string,
  settings: PolicyInput,
  source: PolicySource,
  computed: StoredComputedPolicy | null,
  pending: PolicyChange | null,
): Policy {
  return {
    sku,
    location,
    method: settings.method,
    source,
    settings,
    abcClass: computed?.abcClass ?? null,
    xyzClass: computed?.xyzClass ?? null,
    serviceLevel: computed?.serviceLevel ?? null,
    reorderPoint: computed?.reorderPoint ?? null,
    safetyStock: computed?.safetyStock ?? null,
    orderUpTo: computed?.orderUpTo ?? null,
    maxStock: computed?.maxStock ?? null,
    supplier: computed?.supplier
      ? {
          code: computed.supplier.code,
          name: computed.supplier.name,
          leadTimeDays: computed.supplier.leadTimeDays,
          leadTimeStdDays: computed.supplier.leadTimeStdDays,
          moq: computed.supplier.moq,
          packSize: computed.supplier.packSize,
        }
      : null,
    explanation: computed?.explanation ?? null,
    computedAt: computed ? computed.computedAt.toISOString() : null,
    pendingChange: pending,
  };
}

export function toChangeView(c: StoredPolicyChange, sku: string, location: string): PolicyChange {
  return {
    id: c.id,
    sku,
    location,
    status: c.status,
    before: c.before,
    after: c.after,
    requestedBy: c.requestedBy,
    requestedAt: c.requestedAt.toISOString(),
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null,
    reason: c.reason,
  };
}
