import type { Policy, PolicyChange, PolicyDefault, PolicyDefaultScope, PolicyInput, RecomputeRequest, RecomputeRun, ServiceLevels } from '@stockpulse/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, QueryValue } from '../../api/client';
import type { Me, Page } from '../../api/types';
import { alertKeys } from '../alerts/alerts.queries';
import { isAdmin } from '../auth/auth.queries';
import { inventoryKeys } from '../inventory/inventory.queries';

export const policyKeys = {
  all: ['policies'] as const,
  list: ['policies', 'list'] as const,
  detail: (sku: string, location: string) => ['policies', 'detail', sku, location] as const,
  defaults: ['policy-defaults'] as const,
  serviceLevels: ['service-levels'] as const,
  changes: ['policy-changes'] as const,
  run: (id: string) => ['policy-recompute', id] as const,
};

const enc = encodeURIComponent;

/** Planners and admins change policies (the API asks for catalog:write); an admin approves the changes that need it. */
export function canEditPolicies(me: Me | null | undefined): boolean {
  return isAdmin(me) || !!me?.scopes.includes('catalog:write');
}

export const fetchPolicies = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<Policy>>('/policies', { query, signal });

/** The policy in force for a SKU x location; null when the API has none for it. */
export function usePolicy(sku: string, location: string | undefined) {
  return useQuery({
    queryKey: policyKeys.detail(sku, location ?? ''),
    queryFn: async ({ signal }) => {
      try {
        return await api<Policy>(`/policies/${enc(sku)}/${enc(location!)}`, { signal });
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    enabled: !!location,
  });
}

export type SavePolicyResult = { kind: 'saved'; policy: Policy } | { kind: 'pending'; change: PolicyChange };

function isChange(body: unknown): body is PolicyChange {
  return !!body && typeof body === 'object' && 'after' in body && 'requestedBy' in body;
}

/** PUT a policy: 200 with the policy in force, or 202 with a change that waits for an admin. */
export function useSavePolicy(sku: string, location: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: PolicyInput): Promise<SavePolicyResult> => {
      const res = await api<Policy | PolicyChange>(`/policies/${enc(sku)}/${enc(location)}`, { method: 'PUT', body });
      return isChange(res) ? { kind: 'pending', change: res } : { kind: 'saved', policy: res };
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: policyKeys.all });
      void qc.invalidateQueries({ queryKey: policyKeys.changes });
      void qc.invalidateQueries({ queryKey: inventoryKeys.stockLevels });
      void qc.invalidateQueries({ queryKey: alertKeys.all });
    },
  });
}

/** Every default a SKU x location inherits, per location and per category. */
export function usePolicyDefaults() {
  return useQuery({ queryKey: policyKeys.defaults, queryFn: ({ signal }) => api<PolicyDefault[]>('/policy-defaults', { signal }) });
}

export interface SavePolicyDefault {
  scope: PolicyDefaultScope;
  key: string;
  settings: PolicyInput;
  requiresApproval?: boolean;
}

/** PUT a default: the policies that inherit it show it at once; the answer names the recompute it queued for their figures. */
export function useSavePolicyDefault() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ scope, key, settings, requiresApproval }: SavePolicyDefault) =>
      api<PolicyDefault>(`/policy-defaults/${enc(scope)}/${enc(key)}`, { method: 'PUT', body: { settings, ...(requiresApproval === undefined ? {} : { requiresApproval }) } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: policyKeys.defaults });
      void qc.invalidateQueries({ queryKey: policyKeys.all });
    },
  });
}

export function useServiceLevels() {
  return useQuery({ queryKey: policyKeys.serviceLevels, queryFn: ({ signal }) => api<ServiceLevels>('/service-levels', { signal }) });
}

export function useSaveServiceLevels() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceLevels) => api<ServiceLevels & { recomputeRunId: string }>('/service-levels', { method: 'PUT', body }),
    onSuccess: (saved) => {
      if (saved) qc.setQueryData(policyKeys.serviceLevels, saved);
      void qc.invalidateQueries({ queryKey: policyKeys.serviceLevels });
    },
  });
}

export function usePendingChanges() {
  return useQuery({
    queryKey: [...policyKeys.changes, 'pending'],
    queryFn: async ({ signal }) => {
      const res = await api<Page<PolicyChange> | PolicyChange[]>('/policy-changes', { query: { status: 'pending', limit: 100 }, signal });
      return Array.isArray(res) ? { items: res, total: res.length, nextCursor: null } : res;
    },
  });
}

export function useDecideChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'approve' | 'reject'; reason?: string }) =>
      api<PolicyChange>(`/policy-changes/${enc(id)}/${decision}`, { method: 'POST', body: reason ? { reason } : {} }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: policyKeys.changes });
      void qc.invalidateQueries({ queryKey: policyKeys.all });
    },
  });
}

export const RUN_FINISHED = new Set<RecomputeRun['status']>(['succeeded', 'failed']);

export function useStartRecompute() {
  return useMutation({
    mutationFn: (body: RecomputeRequest) => api<{ id: string }>('/policies/recompute', { method: 'POST', body }),
  });
}

/** A recompute run, polled until it finishes. */
export function useRecomputeRun(id: string | undefined) {
  return useQuery({
    queryKey: policyKeys.run(id ?? ''),
    queryFn: ({ signal }) => api<RecomputeRun>(`/policies/recompute/${enc(id!)}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.status === 'error' || (q.state.data && RUN_FINISHED.has(q.state.data.status)) ? false : 500),
  });
}
