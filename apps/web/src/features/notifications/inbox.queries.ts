import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxPage } from '@stockpulse/contracts';
import { api } from '../../api/client';

export const inboxKeys = {
  all: ['me', 'notifications'] as const,
  latest: ['me', 'notifications', 'latest'] as const,
};

/** How many of the newest items the bell shows. */
export const BELL_SIZE = 12;

/** The bell's items and unread count; the alert stream invalidates it, and it polls in case routing lags. */
export function useInbox(enabled: boolean) {
  return useQuery({
    queryKey: inboxKeys.latest,
    queryFn: ({ signal }) => api<InboxPage>('/me/notifications', { query: { limit: BELL_SIZE }, signal }),
    enabled,
    refetchInterval: 30_000,
  });
}

export function useMarkInboxRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => api<{ unread: number }>('/me/notifications/read', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
