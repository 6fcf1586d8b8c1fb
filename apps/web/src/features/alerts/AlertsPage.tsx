import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATUSES, Alert, AlertSeverity } from '@stockpulse/contracts';
import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation, useMatch, useNavigate } from 'react-router-dom';
import { QueryValue } from '../../api/client';
import { Column, DataTable } from '../../components/DataTable';
import { CategoryFilter, ClearFilters, LocationFilter, SearchBox, SupplierFilter } from '../../components/filters';
import { formatDays, formatInt, formatMinutes, formatRelative, pluralize } from '../../components/format';
import { EmptyState, ErrorBanner, PageHeader, Skeleton } from '../../components/ui';
import { useDebouncedUrlParam, useUrlState } from '../../components/url-state';
import { isAdmin, useMe } from '../auth/auth.queries';
import { AlertActionButtons } from './AlertActions';
import { AlertDrawer } from './AlertDrawer';
import { alertKeys, DEFAULT_INBOX_STATUSES, fetchAlerts, KIND_LABEL, SEVERITY_LABEL, STATUS_LABEL, useAlertAction, useAlertKpis } from './alerts.queries';
import { useAlertStream } from './AlertStream';
import { SeverityBadge, SeverityIcon, StatusBadge } from './SeverityBadge';

const SEVERITIES_HIGH_FIRST = [...ALERT_SEVERITIES].reverse();

function KpiStrip() {
  const kpis = useAlertKpis();
  const k = kpis.data;
  if (kpis.isError) return <ErrorBanner error={kpis.error} title="Could not load the alert figures" onRetry={() => kpis.refetch()} />;
  const openTotal = k ? ALERT_SEVERITIES.reduce((n, s) => n + (k.openBySeverity[s] ?? 0), 0) : 0;
  const stockouts = k ? k.stockouts.reduce((n, s) => n + s.count, 0) : 0;
  const outNow = k ? k.stockouts.filter((s) => s.open).length : 0;
  const loading = <Skeleton width={80} height={24} />;
  return (
    <div className="stats" aria-label="Alert figures">
      <div className="stat">
        <div className="stat__label">Open alerts</div>
        <div className="stat__value">{k ? formatInt(openTotal) : loading}</div>
        <div className="sev-counts">
          {SEVERITIES_HIGH_FIRST.map((s) => (
            <span key={s} className={`sev-count sev-count--${s}`} title={SEVERITY_LABEL[s]} aria-label={`${SEVERITY_LABEL[s]}: ${k?.openBySeverity[s] ?? 0}`}>
              <SeverityIcon severity={s} size={13} />
              {k ? formatInt(k.openBySeverity[s] ?? 0) : '…'}
            </span>
          ))}
        </div>
      </div>
      <div className="stat">
        <div className="stat__label">Time to acknowledge</div>
        <div className="stat__value">{k ? formatMinutes(k.acknowledgeMinutes.median) : loading}</div>
        <div className="stat__hint">{k ? `median · p90 ${formatMinutes(k.acknowledgeMinutes.p90)} · ${pluralize(k.acknowledgeMinutes.count, 'alert')}` : ' '}</div>
      </div>
      <div className={`stat ${k && k.alertsFollowedByStockout > 0 ? 'stat--danger' : ''}`}>
        <div className="stat__label">Followed by a stockout</div>
        <div className="stat__value">{k ? formatInt(k.alertsFollowedByStockout) : loading}</div>
        <div className="stat__hint">{k ? `of ${pluralize(k.resolvedAlerts, 'resolved alert')}` : ' '}</div>
      </div>
      <div className={`stat ${outNow > 0 ? 'stat--danger' : ''}`}>
        <div className="stat__label">Stockouts</div>
        <div className="stat__value">{k ? formatInt(stockouts) : loading}</div>
        <div className="stat__hint">{k ? `${pluralize(outNow, 'SKU × location')} out of stock now` : ' '}</div>
      </div>
    </div>
  );
}

function LiveIndicator() {
  const { state } = useAlertStream();
  const label = state === 'live' ? 'Live' : state === 'off' ? 'Not live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <span className={`live live--${state}`} role="status" aria-label={`Live updates: ${label}`} data-state={state}>
      <span className="live__dot" aria-hidden />
      {label}
    </span>
  );
}

function columns(onActionError: (err: unknown) => void): Column<Alert>[] {
  return [
    {
      key: 'severity',
      header: 'Severity',
      sortKey: 'severity',
      render: (a) => (
        <div className="cell-stack cell-stack--gap">
          <span>
            <SeverityBadge severity={a.severity} />
          </span>
          <span>
            <StatusBadge status={a.status} />
          </span>
        </div>
      ),
    },
    {
      key: 'sku',
      header: 'SKU × location',
      sortKey: 'sku',
      render: (a) => (
        <div className="cell-stack">
          <span className="nowrap">
            <Link className="mono strong link" to={`/skus/${encodeURIComponent(a.sku)}?location=${encodeURIComponent(a.location)}`} onClick={(e) => e.stopPropagation()}>
              {a.sku}
            </Link>
            <span className="muted"> at </span>
            <span className="mono" title={a.locationName}>
              {a.location}
            </span>
          </span>
          <span className="muted ellipsis" title={a.skuName}>
            {a.skuName}
          </span>
        </div>
      ),
    },
    {
      key: 'kind',
      header: 'Reason',
      sortKey: 'kind',
      className: 'col-reason',
      render: (a) => (
        <div className="cell-stack">
          <span className="strong">{KIND_LABEL[a.kind]}</span>
          <span className="muted">{a.reason}</span>
        </div>
      ),
    },
    {
      key: 'available',
      header: 'Available',
      align: 'right',
      render: (a) => (
        <div className="cell-stack cell-stack--right">
          <span className={`num strong ${a.snapshot.available < 0 ? 'negative' : ''}`}>{formatInt(a.snapshot.available)}</span>
          <span className="muted nowrap" title="Inventory position">
            pos. {formatInt(a.snapshot.inventoryPosition)}
          </span>
        </div>
      ),
    },
    {
      key: 'rop',
      header: 'ROP / SS',
      align: 'right',
      render: (a) => (
        <span className="num nowrap">
          {formatInt(a.snapshot.reorderPoint)} <span className="muted">/ {formatInt(a.snapshot.safetyStock)}</span>
        </span>
      ),
    },
    { key: 'cover', header: 'Cover', align: 'right', render: (a) => <span className="num nowrap">{formatDays(a.snapshot.daysOfCover)}</span> },
    {
      key: 'order',
      header: 'Order',
      align: 'right',
      render: (a) => (
        <div className="cell-stack cell-stack--right" title="Suggested order quantity and supplier">
          <span className="num strong">{formatInt(a.snapshot.suggestedOrderQuantity)}</span>
          <span className="muted mono" title={a.snapshot.supplier?.name}>{a.snapshot.supplier?.code ?? 'no supplier'}</span>
        </div>
      ),
    },
    {
      key: 'openedAt',
      header: 'Age',
      sortKey: 'openedAt',
      render: (a) => (
        <span className="nowrap muted" title={a.openedAt}>
          {formatRelative(a.openedAt)}
        </span>
      ),
    },
    { key: 'actions', header: <span className="sr-only">Actions</span>, render: (a) => <AlertActionButtons alert={a} compact onError={onActionError} /> },
  ];
}

export function AlertsPage() {
  const id = useMatch('/alerts/:id')?.params.id;
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const { get, set } = useUrlState();
  const { fresh } = useAlertStream();
  const [sku, setSku] = useDebouncedUrlParam('sku');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const bulk = useAlertAction();
  const [rowError, setRowError] = useState<unknown>(null);
  const [skipped, setSkipped] = useState<{ id: string; reason: string }[]>([]);
  const cols = useMemo(() => columns(setRowError), []);

  const status = get('status');
  const severities = get('severity').split(',').filter((s): s is AlertSeverity => (ALERT_SEVERITIES as readonly string[]).includes(s));
  const filters: Record<string, QueryValue> = {
    status: status === 'all' ? ALERT_STATUSES.join(',') : status || DEFAULT_INBOX_STATUSES.join(','),
    severity: severities.join(',') || undefined,
    kind: get('kind') || undefined,
    location: get('location') || undefined,
    category: get('category') || undefined,
    supplier: get('supplier') || undefined,
    sku: get('sku') || undefined,
  };
  const filtered = !!(status || severities.length || get('kind') || get('location') || get('category') || get('supplier') || get('sku'));

  const toggleSeverity = (s: AlertSeverity) => {
    const next = severities.includes(s) ? severities.filter((x) => x !== s) : [...severities, s];
    set({ severity: next.join(',') || null });
  };
  const closeDrawer = useCallback(() => navigate({ pathname: '/alerts', search: location.search }), [navigate, location.search]);

  return (
    <div className="page">
      <PageHeader
        title="Alerts"
        subtitle="Every SKU × location below its reorder point, at risk or out of stock, most recent first. New alerts appear here as they open."
        actions={
          <>
            <LiveIndicator />
            {isAdmin(me.data) && (
              <Link className="btn btn--secondary" to="/alerts/settings">
                Settings
              </Link>
            )}
          </>
        }
      />
      <KpiStrip />
      <div className="toolbar">
        <SearchBox narrow label="SKU code" placeholder="SKU code" value={sku} onChange={setSku} />
        <div className="sev-filter" role="group" aria-label="Severity">
          {SEVERITIES_HIGH_FIRST.map((s) => (
            <button key={s} type="button" className={`sev-chip sev-chip--${s} ${severities.includes(s) ? 'is-active' : ''}`} aria-pressed={severities.includes(s)} onClick={() => toggleSeverity(s)}>
              <SeverityIcon severity={s} size={13} />
              {SEVERITY_LABEL[s]}
            </button>
          ))}
        </div>
        <select aria-label="Status" value={status} onChange={(e) => set({ status: e.target.value || null })}>
          <option value="">Open and acknowledged</option>
          {ALERT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
          <option value="all">All statuses</option>
        </select>
        <select aria-label="Kind" value={get('kind')} onChange={(e) => set({ kind: e.target.value || null })}>
          <option value="">All kinds</option>
          {ALERT_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <LocationFilter value={get('location')} onChange={(v) => set({ location: v || null })} />
        <CategoryFilter value={get('category')} onChange={(v) => set({ category: v || null })} />
        <SupplierFilter value={get('supplier')} onChange={(v) => set({ supplier: v || null })} />
        <ClearFilters
          active={filtered}
          onClear={() => {
            setSku('');
            set({ status: null, severity: null, kind: null, location: null, category: null, supplier: null, sku: null });
          }}
        />
      </div>
      {selected.size > 0 && (
        <div className="bulk-bar" role="region" aria-label="Selection">
          <span className="strong">{pluralize(selected.size, 'alert')} selected</span>
          <button
            type="button"
            className="btn btn--primary btn--sm"
            disabled={bulk.isPending}
            onClick={() =>
              bulk.mutate(
                { kind: 'bulk-acknowledge', ids: [...selected] },
                {
                  onSuccess: (res) => {
                    setSelected(new Set());
                    setSkipped('skipped' in res ? res.skipped : []);
                  },
                },
              )
            }
          >
            {bulk.isPending ? 'Acknowledging…' : 'Acknowledge selected'}
          </button>
          <button type="button" className="btn btn--ghost btn--sm" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        </div>
      )}
      <ErrorBanner error={bulk.error ?? rowError} title="The alerts were not changed" />
      {skipped.length > 0 && (
        <div className="banner banner--warning" role="status">
          <div className="banner__content">
            <strong>{pluralize(skipped.length, 'alert')} not acknowledged</strong>
            <ul className="banner__list">
              {skipped.slice(0, 5).map((s) => (
                <li key={s.id}>{s.reason}</li>
              ))}
            </ul>
          </div>
          <button type="button" className="btn btn--ghost btn--sm" onClick={() => setSkipped([])}>
            Dismiss
          </button>
        </div>
      )}
      <DataTable<Alert>
        label="Alerts"
        dense
        queryKey={alertKeys.list}
        fetchPage={fetchAlerts}
        filters={filters}
        defaultSort="-openedAt"
        columns={cols}
        rowKey={(a) => a.id}
        rowClassName={(a) => (fresh.has(a.id) ? 'is-new' : undefined)}
        selection={{ selected, onChange: setSelected, rowLabel: (a) => `${a.sku} at ${a.location}` }}
        onRowClick={(a) => navigate({ pathname: `/alerts/${encodeURIComponent(a.id)}`, search: location.search })}
        empty={
          filtered ? (
            <EmptyState title="No alerts match these filters">Try another filter, or clear them.</EmptyState>
          ) : (
            <EmptyState title="No open alerts" icon="✓">
              Every SKU × location is above its reorder point. New alerts appear here as soon as they open.
            </EmptyState>
          )
        }
      />
      {id && <AlertDrawer id={id} onClose={closeDrawer} />}
    </div>
  );
}
