import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, QueryValue } from '../../api/client';
import type { ApiKey, AuditEntry, CreatedApiKey, Page, Role, Scope, User } from '../../api/types';

export const identityKeys = {
  users: ['users'] as const,
  userList: ['users', 'list'] as const,
  apiKeys: ['api-keys'] as const,
  apiKeyList: ['api-keys', 'list'] as const,
  auditLog: ['audit-log'] as const,
};

export const fetchUsers = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<User>>('/users', { query, signal });
export const fetchApiKeys = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<ApiKey>>('/api-keys', { query: { includeRevoked: true, ...query }, signal });
export const fetchAuditLog = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<AuditEntry>>('/audit-log', { query, signal });

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; name: string; role: Role; password: string }) => api<User>('/users', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.users }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: Role; active?: boolean; name?: string }) =>
      api<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: identityKeys.users });
      void qc.invalidateQueries({ queryKey: identityKeys.auditLog });
    },
  });
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scopes: Scope[] }) => api<CreatedApiKey>('/api-keys', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: identityKeys.apiKeys }),
  });
}
