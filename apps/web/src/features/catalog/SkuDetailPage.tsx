import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { StockLevel } from '../../api/types';
import { formatInt, formatMoney, formatRelative } from '../../components/format';
import { Badge, Card, EmptyState, ErrorBanner, PageHeader, Skeleton, StatCard } from '../../components/ui';
import { useUrlState } from '../../components/url-state';
import { canWrite, useMe } from '../auth/auth.queries';
import { useLevelAlerts } from '../alerts/alerts.queries';
import { useSkuStockLevels, useStockHistory } from '../inventory/inventory.queries';
import { PolicyPanel } from '../thresholds/PolicyPanel';
import { usePolicy } from '../thresholds/thresholds.queries';
import { useSku } from './catalog.queries';
import { SkuFormModal } from './SkuForm';

// recharts is most of the bundle: load it with the first chart, not with the login page
const StockChart = lazy(() => import('../inventory/StockChart').then((m) => ({ default: m.StockChart })));

const BUCKETS: { key: keyof StockLevel; label: string; strong?: boolean }[] = [
  { key: 'onHand', label: 'On hand' },
  { key: 'onHold', label: 'On hold' },
  { key: 'reserved', label: 'Reserved' },
  { key: 'inTransit', label: 'In transit' },
  { key: 'onOrder', label: 'On order' },
  { key: 'available', label: 'Available', strong: true },
  { key: 'inventoryPosition', label: 'Inventory position', strong: true },
];

const RANGES = [
  { key: '7d', label: '7 days', days: 7 },
  { key: '30d', label: '30 days', days: 30 },
  { key: '90d', label: '90 days', days: 90 },
  { key: '1y', label: '1 year', days: 365 },
];

function sum(levels: StockLevel[], key: keyof StockLevel): number {
  return levels.reduce((acc, l) => acc + (Number(l[key]) || 0), 0);
}

export function SkuDetailPage() {
  const { code = '' } = useParams();
  const me = useMe();
  const sku = useSku(code);
  const levels = useSkuStockLevels(code);
  const { get, set } = useUrlState();
  const [editing, setEditing] = useState(false);

  const rows = levels.data ?? [];
  const location = get('location') || rows[0]?.location;
  const range = RANGES.find((r) => r.key === get('range')) ?? RANGES[1]!;
  const { from, to } = useMemo(() => {
    const end = new Date();
    end.setUTCHours(23, 59, 59, 999);
    const start = new Date(end.getTime() - range.days * 86_400_000 + 1);
    return { from: start.toISOString(), to: end.toISOString() };
  }, [range.days]);
  const history = useStockHistory(code, location, from, to);
  const selected = rows.find((r) => r.location === location);
  const policy = usePolicy(code, location);
  const levelAlerts = useLevelAlerts(code, location);
  const markers = useMemo(
    () =>
      (levelAlerts.data ?? [])
        .filter((a) => Date.parse(a.openedAt) >= Date.parse(from))
        .map((a) => ({ id: a.id, at: a.openedAt, value: a.snapshot.inventoryPosition, severity: a.severity })),
    [levelAlerts.data, from],
  );
  // the policy's figures are the freshest; the stock level carries them too once thresholds has computed them
  const reorderPoint = policy.data?.reorderPoint ?? selected?.reorderPoint;
  const safetyStock = policy.data?.safetyStock ?? selected?.safetyStock;

  if (sku.isError) {
    const notFound = sku.error instanceof ApiError && sku.error.status === 404;
    return (
      <div className="page">
        <PageHeader title={code} breadcrumb={<Link to="/skus">SKUs</Link>} />
        {notFound ? (
          <EmptyState title="SKU not found" action={<Link className="btn btn--secondary" to="/skus">Back to SKUs</Link>}>
            No SKU has the code <code>{code}</code>.
          </EmptyState>
        ) : (
          <ErrorBanner error={sku.error} onRetry={() => sku.refetch()} />
        )}
      </div>
    );
  }

  const s = sku.data;
  return (
    <div className="page">
      <PageHeader
        breadcrumb={
          <>
            <Link to="/skus">SKUs</Link>
            <span aria-hidden>/</span>
            <span className="mono">{code}</span>
          </>
        }
        title={s ? s.name : <Skeleton width={280} height={26} />}
        subtitle={
          s && (
            <span className="meta-row">
              <span className="mono">{s.code}</span>
              {s.category && <Badge>{s.category}</Badge>}
              {s.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
              <span>Counted in {s.baseUnit}</span>
              {s.units.length > 0 && <span>{s.units.map((u) => `${u.name} = ${formatInt(u.factor)}`).join(' · ')}</span>}
              {s.updatedAt && <span>Updated {formatRelative(s.updatedAt)}</span>}
            </span>
          )
        }
        actions={
          s &&
          canWrite(me.data, 'catalog:write') && (
            <button type="button" className="btn btn--secondary" onClick={() => setEditing(true)}>
              Edit SKU
            </button>
          )
        }
      />

      <div className="stats">
        <StatCard label="On hand" value={levels.isLoading ? <Skeleton width={80} height={24} /> : formatInt(sum(rows, 'onHand'))} hint={`across ${rows.length} location${rows.length === 1 ? '' : 's'}`} />
        <StatCard label="Available" value={levels.isLoading ? <Skeleton width={80} height={24} /> : formatInt(sum(rows, 'available'))} hint="on hand − on hold − reserved" />
        <StatCard tone="accent" label="Inventory position" value={levels.isLoading ? <Skeleton width={80} height={24} /> : formatInt(sum(rows, 'inventoryPosition'))} hint="available + in transit + on order" />
        <StatCard label="Unit cost / price" value={s ? `${formatMoney(s.unitCost)} / ${formatMoney(s.unitPrice)}` : <Skeleton width={120} height={24} />} hint="stock value at cost" />
      </div>

      <Card title="Stock by location" flush>
        {levels.isError ? (
          <div className="card__pad">
            <ErrorBanner error={levels.error} title="Could not load stock levels" onRetry={() => levels.refetch()} />
          </div>
        ) : (
          <div className="table-scroll">
            <table className="table" aria-label="Stock by location">
              <thead>
                <tr>
                  <th>Location</th>
                  {BUCKETS.map((b) => (
                    <th key={b.key} style={{ textAlign: 'right' }}>
                      {b.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {levels.isLoading &&
                  [0, 1, 2].map((i) => (
                    <tr key={i}>
                      {Array.from({ length: BUCKETS.length + 1 }, (_, j) => (
                        <td key={j}>
                          <Skeleton />
                        </td>
                      ))}
                    </tr>
                  ))}
                {!levels.isLoading && rows.length === 0 && (
                  <tr>
                    <td colSpan={BUCKETS.length + 1} className="table__empty">
                      <EmptyState title="No stock recorded yet">Movements for this SKU (receipts, sales, counts…) will show its stock per location here.</EmptyState>
                    </td>
                  </tr>
                )}
                {rows.map((r) => (
                  <tr key={r.location} className={`is-clickable ${r.location === location ? 'is-selected' : ''}`} onClick={() => set({ location: r.location }, { resetPage: false })}>
                    <td>
                      <span className="mono strong">{r.location}</span>
                    </td>
                    {BUCKETS.map((b) => {
                      const v = Number(r[b.key]);
                      return (
                        <td key={b.key} className={`num ${b.strong ? 'strong' : ''} ${v < 0 ? 'negative' : ''}`} style={{ textAlign: 'right' }}>
                          {formatInt(v)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
              {rows.length > 1 && (
                <tfoot>
                  <tr>
                    <td>All locations</td>
                    {BUCKETS.map((b) => (
                      <td key={b.key} className="num strong" style={{ textAlign: 'right' }}>
                        {formatInt(sum(rows, b.key))}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        )}
      </Card>

      <Card
        title="Inventory position against reorder point"
        actions={
          <>
            <label className="select-label">
              <span>Location</span>
              <select aria-label="Chart location" value={location ?? ''} onChange={(e) => set({ location: e.target.value }, { resetPage: false })} disabled={rows.length === 0}>
                {rows.map((r) => (
                  <option key={r.location} value={r.location}>
                    {r.location}
                  </option>
                ))}
              </select>
            </label>
            <div className="segmented" role="group" aria-label="Range">
              {RANGES.map((r) => (
                <button key={r.key} type="button" aria-pressed={r.key === range.key} className={r.key === range.key ? 'is-active' : ''} onClick={() => set({ range: r.key === '30d' ? null : r.key }, { resetPage: false })}>
                  {r.label}
                </button>
              ))}
            </div>
          </>
        }
      >
        {!location && !levels.isLoading && <EmptyState title="No history to chart">Stock history appears once this SKU has movements at a location.</EmptyState>}
        {location && history.isLoading && <Skeleton height={300} />}
        {history.isError && <ErrorBanner error={history.error} title="Could not load stock history" onRetry={() => history.refetch()} />}
        {history.data && history.data.series.length === 0 && <EmptyState title="No movements in this range">Choose a longer range to see earlier stock.</EmptyState>}
        {history.data && history.data.series.length > 0 && (
          <Suspense fallback={<Skeleton height={300} />}>
            <StockChart series={history.data.series} reorderPoint={reorderPoint} safetyStock={safetyStock} markers={markers} />
          </Suspense>
        )}
      </Card>

      {location && <PolicyPanel key={location} sku={code} location={location} />}

      {editing && s && <SkuFormModal sku={s} onClose={() => setEditing(false)} />}
    </div>
  );
}
