import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedRecipient, Delivery, LoggedMessage, Me, NotificationRule, Page, Recipient } from '@stockpulse/contracts';
import { api, QueryValue } from '../../api/client';
import { isAdmin } from '../auth/auth.queries';

export const notificationKeys = {
  recipients: ['notification-recipients'] as const,
  recipient: (id: string) => ['notification-recipients', 'detail', id] as const,
  recipientSearch: (q: string) => ['notification-recipients', 'search', q] as const,
  rules: ['notification-rules'] as const,
  rule: (id: string) => ['notification-rules', 'detail', id] as const,
  deliveries: ['deliveries'] as const,
  messages: ['notification-messages'] as const,
};

export const fetchRecipients = (query: Record<string, QueryValue>, signal?: AbortSignal) =>
  api<Page<Recipient>>('/notification-recipients', { query, signal });
export const fetchRules = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<NotificationRule>>('/notification-rules', { query, signal });
export const fetchDeliveries = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<Delivery>>('/deliveries', { query, signal });
export const fetchMessages = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<LoggedMessage>>('/notification-messages', { query, signal });

export function canManageNotifications(me: Me | null | undefined): boolean {
  return isAdmin(me) || !!me?.scopes.includes('alerts:write');
}

export function useRecipient(id: string | undefined) {
  return useQuery({
    queryKey: notificationKeys.recipient(id ?? ''),
    queryFn: ({ signal }) => api<Recipient>(`/notification-recipients/${id}`, { signal }),
    enabled: !!id,
    staleTime: 30_000,
  });
}

/** The first recipients whose name, email or phone contains `q`: the server searches, for pickers. */
export function useRecipientSearch(q: string) {
  return useQuery({
    queryKey: notificationKeys.recipientSearch(q),
    queryFn: ({ signal }) => fetchRecipients({ q: q || undefined, limit: 8 }, signal),
    enabled: q !== '',
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useRule(id: string | undefined) {
  return useQuery({
    queryKey: notificationKeys.rule(id ?? ''),
    queryFn: ({ signal }) => api<NotificationRule>(`/notification-rules/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useCreateRecipient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<CreatedRecipient>('/notification-recipients', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.recipients }),
  });
}

export function useUpdateRecipient(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Recipient>(`/notification-recipients/${id}`, { method: 'PATCH', body }),
    onSuccess: (saved) => {
      qc.setQueryData(notificationKeys.recipient(id), saved);
      void qc.invalidateQueries({ queryKey: notificationKeys.recipients });
    },
  });
}

/** DELETE `<path>/<id>`; the detail leaves the cache, the lists are fetched again. */
function useDelete(path: string, detailKey: (id: string) => readonly unknown[], listKey: readonly unknown[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`${path}/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      qc.removeQueries({ queryKey: detailKey(id) });
      void qc.invalidateQueries({ queryKey: listKey });
    },
  });
}

export const useDeleteRecipient = () => useDelete('/notification-recipients', notificationKeys.recipient, notificationKeys.recipients);
export const useDeleteRule = () => useDelete('/notification-rules', notificationKeys.rule, notificationKeys.rules);

/** Creates a rule, or changes the rule `id`. A rule may create external contacts for addresses it names. */
export function useSaveRule(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id ? api<NotificationRule>(`/notification-rules/${id}`, { method: 'PATCH', body }) : api<NotificationRule>('/notification-rules', { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: notificationKeys.rules });
      void qc.invalidateQueries({ queryKey: notificationKeys.recipients });
    },
  });
}

export function useToggleRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => api<NotificationRule>(`/notification-rules/${id}`, { method: 'PATCH', body: { active } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.rules }),
  });
}

export function useRetryDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Delivery>(`/deliveries/${id}/retry`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.deliveries }),
  });
}
