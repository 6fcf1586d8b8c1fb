import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ImportJob, ImportKind } from '../../api/types';

export const importKeys = {
  all: ['imports'] as const,
  job: (id: string) => ['imports', 'job', id] as const,
};

export const TERMINAL = new Set(['completed', 'failed', 'succeeded', 'done', 'cancelled']);

export function isFinished(job: ImportJob | undefined): boolean {
  return !!job && TERMINAL.has(job.status);
}

export function useImportJob(id: string | undefined) {
  return useQuery({
    queryKey: importKeys.job(id ?? ''),
    queryFn: ({ signal }) => api<ImportJob>(`/imports/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (isFinished(q.state.data) || q.state.status === 'error' ? false : 500),
  });
}

export function useUploadImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, csv }: { kind: ImportKind; csv: string }) =>
      api<{ id: string; status: string }>(`/imports/${kind}`, { method: 'POST', body: csv, contentType: 'text/csv' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: importKeys.all }),
  });
}
