import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedRecipient, Delivery, LoggedMessage, NotificationRule, Page, Recipient } from '@stockpulse/contracts';
import { api, QueryValue } from '../../api/client';

export const notificationKeys = {
  recipients: ['notification-recipients'] as const,
  rules: ['notification-rules'] as const,
  deliveries: ['deliveries'] as const,
  messages: ['notification-messages'] as const,
};

export const fetchRecipients = (query: Record<string, QueryValue>, signal?: AbortSignal) =>
  api<Page<Recipient>>('/notification-recipients', { query, signal });
export const fetchRules = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<NotificationRule>>('/notification-rules', { query, signal });
export const fetchDeliveries = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<Delivery>>('/deliveries', { query, signal });
export const fetchMessages = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<LoggedMessage>>('/notification-messages', { query, signal });

export function useCreateRecipient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<CreatedRecipient>('/notification-recipients', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.recipients }),
  });
}

export function useCreateRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<NotificationRule>('/notification-rules', { method: 'POST', body }),
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
