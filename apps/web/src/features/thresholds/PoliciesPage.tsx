import { ABC_CLASSES, POLICY_METHODS, Policy, RecomputeRequest, ServiceLevels } from '@stockpulse/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { QueryValue } from '../../api/client';
import { Column, DataTable } from '../../components/DataTable';
import { CategoryFilter, ClearFilters, LocationFilter, SearchBox } from '../../components/filters';
import { EMPTY, formatDateTime, formatInt, formatPercent, formatRelative } from '../../components/format';
import { Badge, Banner, Card, EmptyState, ErrorBanner, Field, PageHeader, ProgressBar, Skeleton, splitFieldErrors } from '../../components/ui';
import { useDebouncedUrlParam, useUrlState } from '../../components/url-state';
import { alertKeys } from '../alerts/alerts.queries';
import { isAdmin, useMe } from '../auth/auth.queries';
import { inventoryKeys } from '../inventory/inventory.queries';
import { PolicyDefaultsCard } from './PolicyDefaults';
import { SOURCE_LABEL, summarize } from './PolicyPanel';
import {
  canEditPolicies,
  fetchPolicies,
  policyKeys,
  RUN_FINISHED,
  useDecideChange,
  usePendingChanges,
  useRecomputeRun,
  useSaveServiceLevels,
  useServiceLevels,
  useStartRecompute,
} from './thresholds.queries';

const columns: Column<Policy>[] = [
  {
    key: 'sku',
    header: 'SKU',
    sortKey: 'sku',
    render: (p) => (
      <Link className="mono strong link" to={`/skus/${encodeURIComponent(p.sku)}?location=${encodeURIComponent(p.location)}`} onClick={(e) => e.stopPropagation()}>
        {p.sku}
      </Link>
    ),
  },
  { key: 'location', header: 'Location', sortKey: 'location', render: (p) => <span className="mono">{p.location}</span> },
  {
    key: 'method',
    header: 'Method',
    render: (p) => (
      <div className="cell-stack">
        <span>{p.method === 'static' ? 'Static' : p.method === 'dynamic' ? 'Dynamic' : 'Forecast'}</span>
        <span className="muted">{SOURCE_LABEL[p.source]}</span>
      </div>
    ),
  },
  { key: 'abcClass', header: 'Class', sortKey: 'abcClass', render: (p) => (p.abcClass ? <Badge tone="accent">{`${p.abcClass}${p.xyzClass ?? ''}`}</Badge> : <span className="muted">{EMPTY}</span>) },
  { key: 'serviceLevel', header: 'Service level', align: 'right', render: (p) => <span className="num">{formatPercent(p.serviceLevel)}</span> },
  { key: 'safetyStock', header: 'Safety stock', sortKey: 'safetyStock', align: 'right', render: (p) => <span className="num">{formatInt(p.safetyStock)}</span> },
  { key: 'reorderPoint', header: 'Reorder point', sortKey: 'reorderPoint', align: 'right', render: (p) => <span className="num strong">{formatInt(p.reorderPoint)}</span> },
  { key: 'orderUpTo', header: 'Order-up-to', align: 'right', render: (p) => <span className="num">{formatInt(p.orderUpTo)}</span> },
  {
    key: 'computedAt',
    header: 'Computed',
    sortKey: 'computedAt',
    align: 'right',
    render: (p) => (
      <div className="cell-stack cell-stack--right">
        <span className="muted nowrap">{p.computedAt ? formatRelative(p.computedAt) : 'not yet'}</span>
        {p.pendingChange && (
          <span>
            <Badge tone="warning">Awaiting approval</Badge>
          </span>
        )}
      </div>
    ),
  },
];

function RecomputeProgress({ id, onDismiss }: { id: string; onDismiss: () => void }) {
  const run = useRecomputeRun(id);
  const qc = useQueryClient();
  const r = run.data;
  const finished = !!r && RUN_FINISHED.has(r.status);
  const announced = useRef(false);
  useEffect(() => {
    if (finished && !announced.current) {
      announced.current = true;
      void qc.invalidateQueries({ queryKey: policyKeys.all });
      void qc.invalidateQueries({ queryKey: inventoryKeys.stockLevels });
      void qc.invalidateQueries({ queryKey: alertKeys.all });
    }
  }, [finished, qc]);

  if (run.isError) return <ErrorBanner error={run.error} title="Could not read the recompute's progress" onRetry={() => run.refetch()} />;
  if (!r) return <Skeleton height={60} />;
  const percent = r.total > 0 ? (r.done / r.total) * 100 : finished ? 100 : 0;
  const tone = r.status === 'failed' ? 'danger' : r.status === 'succeeded' ? 'success' : 'accent';
  const badge =
    r.status === 'failed' ? <Badge tone="danger">Failed</Badge> : r.status === 'succeeded' ? <Badge tone="success">Done</Badge> : <Badge tone="info">{r.status === 'queued' ? 'Queued' : 'Running'}</Badge>;
  return (
    <div className="recompute" aria-label="Recompute">
      <div className="import-progress__line">
        <span className="row-gap">
          Recompute {badge}
          <span className="muted">
            {formatInt(r.done)} of {formatInt(r.total)} SKU × locations · {formatInt(r.changed)} changed
          </span>
        </span>
        <span className="num strong">{Math.round(percent)}%</span>
      </div>
      <ProgressBar percent={percent} label="Recompute progress" tone={tone} />
      {r.status === 'failed' && r.error && <ErrorBanner error={new Error(r.error)} title="The recompute failed" />}
      {finished && (
        <div className="row-gap muted small">
          Finished {formatDateTime(r.finishedAt)}
          <button type="button" className="btn btn--ghost btn--sm" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

function ServiceLevelsCard({ editable, onRecompute }: { editable: boolean; onRecompute: (runId: string) => void }) {
  const levels = useServiceLevels();
  const save = useSaveServiceLevels();
  const [form, setForm] = useState<Record<string, string> | null>(null);
  const [saved, setSaved] = useState(false);
  const { byField, formError } = splitFieldErrors(save.error, [...ABC_CLASSES]);
  useEffect(() => {
    if (levels.data && !form) setForm(Object.fromEntries(ABC_CLASSES.map((c) => [c, String(Number((levels.data[c] * 100).toFixed(2)))])));
  }, [levels.data, form]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body = Object.fromEntries(
      ABC_CLASSES.map((c) => {
        const t = form![c]!.trim();
        const n = Number(t);
        return [c, t !== '' && Number.isFinite(n) ? Number((n / 100).toFixed(6)) : t];
      }),
    ) as unknown as ServiceLevels;
    save.mutate(body, {
      onSuccess: (res) => {
        setSaved(true);
        onRecompute(res.recomputeRunId);
      },
    });
  };

  return (
    <Card title="Target service level by class">
      {levels.isError && <ErrorBanner error={levels.error} title="Could not load the service levels" onRetry={() => levels.refetch()} />}
      {!form && !levels.isError && <Skeleton height={80} />}
      {form && (
        <form className="form" onSubmit={submit} noValidate aria-label="Service levels">
          <ErrorBanner error={formError} title="The service levels were not saved" />
          {saved && <Banner tone="success">Saved. Every policy is being recomputed with them.</Banner>}
          <div className="form-grid form-grid--3">
            {ABC_CLASSES.map((c) => (
              <Field key={c} label={`Class ${c} (%)`} error={byField[c]}>
                {(id, d) => (
                  <input id={id} aria-describedby={d} inputMode="decimal" className="num" disabled={!editable} value={form[c]} onChange={(e) => setForm({ ...form, [c]: e.target.value })} />
                )}
              </Field>
            ))}
          </div>
          <p className="muted small">A: the SKUs that make most of the consumption value; a SKU may override its own.</p>
          {editable && (
            <div>
              <button type="submit" className="btn btn--secondary" disabled={save.isPending}>
                {save.isPending ? 'Saving…' : 'Save service levels'}
              </button>
            </div>
          )}
        </form>
      )}
    </Card>
  );
}

function PendingChangesCard({ admin }: { admin: boolean }) {
  const changes = usePendingChanges();
  const decide = useDecideChange();
  const items = changes.data?.items ?? [];
  return (
    <Card title={<span className="row-gap">Changes waiting for approval {items.length > 0 && <Badge tone="warning">{items.length}</Badge>}</span>} flush>
      {changes.isError && (
        <div className="card__pad">
          <ErrorBanner error={changes.error} title="Could not load the pending changes" onRetry={() => changes.refetch()} />
        </div>
      )}
      {decide.error != null && (
        <div className="card__pad">
          <ErrorBanner error={decide.error} title="The change was not decided" />
        </div>
      )}
      {changes.isLoading && (
        <div className="card__pad">
          <Skeleton height={60} />
        </div>
      )}
      {changes.isSuccess && items.length === 0 && <EmptyState title="Nothing waits for approval">Changes to categories that require an admin's approval appear here.</EmptyState>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="table" aria-label="Pending changes">
            <thead>
              <tr>
                <th>SKU × location</th>
                <th>Change</th>
                <th>Requested</th>
                {admin && <th style={{ textAlign: 'right' }}>Decision</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link className="mono strong link" to={`/skus/${encodeURIComponent(c.sku)}?location=${encodeURIComponent(c.location)}`}>
                      {c.sku}
                    </Link>{' '}
                    <span className="mono muted">{c.location}</span>
                  </td>
                  <td className="small">{summarize(c.after)}</td>
                  <td className="muted small">
                    <div className="cell-stack">
                      <span>{c.requestedBy}</span>
                      <span>{formatRelative(c.requestedAt)}</span>
                    </div>
                  </td>
                  {admin && (
                    <td style={{ textAlign: 'right' }}>
                      <div className="row-actions row-actions--end">
                        <button type="button" className="btn btn--primary btn--sm" disabled={decide.isPending} onClick={() => decide.mutate({ id: c.id, decision: 'approve' })} aria-label={`Approve change to ${c.sku} at ${c.location}`}>
                          Approve
                        </button>
                        <button type="button" className="btn btn--danger-ghost btn--sm" disabled={decide.isPending} onClick={() => decide.mutate({ id: c.id, decision: 'reject' })} aria-label={`Reject change to ${c.sku} at ${c.location}`}>
                          Reject
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function PoliciesPage() {
  const navigate = useNavigate();
  const me = useMe();
  const { get, set } = useUrlState();
  const [sku, setSku] = useDebouncedUrlParam('sku');
  const start = useStartRecompute();
  const runId = get('run');
  const editable = canEditPolicies(me.data);
  const admin = isAdmin(me.data);

  const location = get('location');
  const category = get('category');
  const filters: Record<string, QueryValue> = {
    sku: get('sku') || undefined,
    location: location || undefined,
    category: category || undefined,
    method: get('method') || undefined,
    abcClass: get('abcClass') || undefined,
  };
  const filtered = Object.values(filters).some(Boolean);
  // what a recompute can narrow to: the filters that name SKU x locations
  const scope: RecomputeRequest = {
    ...(get('sku') ? { skus: [get('sku')] } : {}),
    ...(location ? { locations: [location] } : {}),
    ...(category ? { categories: [category] } : {}),
  };
  const scoped = Object.keys(scope).length > 0;
  const showRun = (id: string) => set({ run: id }, { resetPage: false });
  const recompute = (body: RecomputeRequest) => start.mutate(body, { onSuccess: (res) => showRun(res.id) });

  return (
    <div className="page">
      <PageHeader
        title="Reorder policies"
        subtitle="Where each SKU × location is reordered, and why. Dynamic policies are recomputed nightly from demand history and lead times."
        actions={
          editable && (
            <>
              {scoped && (
                <button type="button" className="btn btn--secondary" disabled={start.isPending} onClick={() => recompute(scope)}>
                  Recompute filtered
                </button>
              )}
              <button type="button" className="btn btn--primary" disabled={start.isPending} onClick={() => recompute({})}>
                {start.isPending ? 'Starting…' : 'Recompute all'}
              </button>
            </>
          )
        }
      />
      <ErrorBanner error={start.error} title="The recompute did not start" />
      {runId && (
        <Card>
          <RecomputeProgress key={runId} id={runId} onDismiss={() => set({ run: null }, { resetPage: false })} />
        </Card>
      )}
      <div className="toolbar">
        <SearchBox narrow label="SKU code" placeholder="SKU code" value={sku} onChange={setSku} />
        <LocationFilter value={location} onChange={(v) => set({ location: v || null })} />
        <CategoryFilter value={category} onChange={(v) => set({ category: v || null })} />
        <select aria-label="Method" value={get('method')} onChange={(e) => set({ method: e.target.value || null })}>
          <option value="">All methods</option>
          {POLICY_METHODS.filter((m) => m !== 'forecast').map((m) => (
            <option key={m} value={m}>
              {m === 'static' ? 'Static' : 'Dynamic'}
            </option>
          ))}
        </select>
        <select aria-label="ABC class" value={get('abcClass')} onChange={(e) => set({ abcClass: e.target.value || null })}>
          <option value="">All classes</option>
          {ABC_CLASSES.map((c) => (
            <option key={c} value={c}>
              Class {c}
            </option>
          ))}
        </select>
        <ClearFilters
          active={filtered}
          onClear={() => {
            setSku('');
            set({ sku: null, location: null, category: null, method: null, abcClass: null });
          }}
        />
      </div>
      <DataTable<Policy>
        label="Policies"
        queryKey={policyKeys.list}
        fetchPage={fetchPolicies}
        filters={filters}
        defaultSort="sku"
        columns={columns}
        rowKey={(p) => `${p.sku}:${p.location}`}
        onRowClick={(p) => navigate(`/skus/${encodeURIComponent(p.sku)}?location=${encodeURIComponent(p.location)}`)}
        empty={
          filtered ? (
            <EmptyState title="No policies match these filters">Try another filter, or clear them.</EmptyState>
          ) : (
            <EmptyState title="No policies yet">Policies appear once SKUs have stock at a location; set one on a SKU's page, or recompute.</EmptyState>
          )
        }
      />
      <PolicyDefaultsCard editable={editable} admin={admin} onRecompute={showRun} />
      <div className="grid-2">
        <PendingChangesCard admin={admin} />
        <ServiceLevelsCard editable={editable} onRecompute={showRun} />
      </div>
    </div>
  );
}
