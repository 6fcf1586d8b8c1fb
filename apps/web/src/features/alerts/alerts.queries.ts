import type { Alert, AlertBulkAcknowledgeResult, AlertDetail, AlertEvent, AlertKpis, AlertSettings, AlertSeverity, AlertStatus } from '@stockpulse/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, QueryValue } from '../../api/client';
import type { Page } from '../../api/types';

/** Everything under ['alerts'] is invalidated when the stream says an alert changed. */
export const alertKeys = {
  all: ['alerts'] as const,
  list: ['alerts', 'list'] as const,
  openCount: ['alerts', 'open-count'] as const,
  kpis: ['alerts', 'kpis'] as const,
  detail: (id: string) => ['alerts', 'detail', id] as const,
  events: (id: string) => ['alerts', 'events', id] as const,
  forLevel: (sku: string, location: string) => ['alerts', 'level', sku, location] as const,
  settings: ['alert-settings'] as const,
};

const enc = encodeURIComponent;

/** What the inbox shows unless the URL says otherwise: the alerts someone still has to act on. */
export const DEFAULT_INBOX_STATUSES: AlertStatus[] = ['open', 'acknowledged'];

export const fetchAlerts = (query: Record<string, QueryValue>, signal?: AbortSignal) => api<Page<Alert>>('/alerts', { query, signal });

/** The number of open (not yet acknowledged) alerts, for the navigation badge. */
export function useOpenAlertCount(enabled: boolean) {
  return useQuery({
    queryKey: alertKeys.openCount,
    queryFn: ({ signal }) => fetchAlerts({ status: 'open', limit: 1 }, signal).then((p) => p.total),
    enabled,
    staleTime: 30_000,
  });
}

export function useAlertKpis() {
  return useQuery({ queryKey: alertKeys.kpis, queryFn: ({ signal }) => api<AlertKpis>('/alerts/kpis', { signal }) });
}

/** An alert; its timeline is embedded when the API sends it, else read from /alerts/{id}/events. */
export function useAlert(id: string | undefined) {
  return useQuery({
    queryKey: alertKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<Partial<AlertDetail> & Alert>(`/alerts/${enc(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useAlertEvents(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: alertKeys.events(id ?? ''),
    queryFn: async ({ signal }) => {
      const res = await api<AlertEvent[] | { items: AlertEvent[] }>(`/alerts/${enc(id!)}/events`, { signal });
      return Array.isArray(res) ? res : res.items;
    },
    enabled: !!id && enabled,
  });
}

/** Every alert a SKU x location has had (markers on its position chart). */
export function useLevelAlerts(sku: string, location: string | undefined) {
  return useQuery({
    queryKey: alertKeys.forLevel(sku, location ?? ''),
    queryFn: ({ signal }) =>
      fetchAlerts({ sku, location, status: 'open,acknowledged,snoozed,resolved', sort: '-openedAt', limit: 200 }, signal).then((p) => p.items),
    enabled: !!location,
  });
}

export type AlertAction =
  | { kind: 'acknowledge'; id: string; note?: string }
  | { kind: 'snooze'; id: string; until: string }
  | { kind: 'resolve'; id: string; reason: string }
  | { kind: 'bulk-acknowledge'; ids: string[] };

export function useAlertAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: AlertAction): Promise<Alert | AlertBulkAcknowledgeResult> => {
      switch (a.kind) {
        case 'acknowledge':
          return api<Alert>(`/alerts/${enc(a.id)}/acknowledge`, { method: 'POST', body: a.note ? { note: a.note } : {} });
        case 'snooze':
          return api<Alert>(`/alerts/${enc(a.id)}/snooze`, { method: 'POST', body: { until: a.until } });
        case 'resolve':
          return api<Alert>(`/alerts/${enc(a.id)}/resolve`, { method: 'POST', body: { reason: a.reason } });
        case 'bulk-acknowledge':
          return api<AlertBulkAcknowledgeResult>('/alerts/acknowledge', { method: 'POST', body: { ids: a.ids } });
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export function useAlertSettings(enabled = true) {
  return useQuery({ queryKey: alertKeys.settings, queryFn: ({ signal }) => api<AlertSettings>('/alert-settings', { signal }), enabled });
}

export function useSaveAlertSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AlertSettings) => api<AlertSettings>('/alert-settings', { method: 'PUT', body }),
    onSuccess: (saved) => {
      if (saved) qc.setQueryData(alertKeys.settings, saved);
      void qc.invalidateQueries({ queryKey: alertKeys.settings });
    },
  });
}

export const SEVERITY_LABEL: Record<AlertSeverity, string> = { critical: 'Critical', high: 'High', warning: 'Warning', info: 'Info' };
export const KIND_LABEL: Record<Alert['kind'], string> = {
  approaching: 'Approaching',
  below_reorder_point: 'Below reorder point',
  critical: 'Critical',
  stockout: 'Stockout',
  overstock: 'Overstock',
};
export const STATUS_LABEL: Record<AlertStatus, string> = { open: 'Open', acknowledged: 'Acknowledged', snoozed: 'Snoozed', resolved: 'Resolved' };
