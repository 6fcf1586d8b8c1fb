import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Sku } from '../../api/types';
import { Column, DataTable } from '../../components/DataTable';
import { ClearFilters } from '../../components/filters';
import { formatMoney, formatRelative } from '../../components/format';
import { Badge, EmptyState, PageHeader } from '../../components/ui';
import { useDebouncedUrlParam, useUrlState } from '../../components/url-state';
import { canWrite, useMe } from '../auth/auth.queries';
import { catalogKeys, fetchSkus, useCategories } from './catalog.queries';
import { SkuFormModal } from './SkuForm';

const columns: Column<Sku>[] = [
  { key: 'code', header: 'Code', sortKey: 'code', render: (s) => <Link className="mono strong link" to={`/skus/${encodeURIComponent(s.code)}`} onClick={(e) => e.stopPropagation()}>{s.code}</Link>, width: '16%' },
  { key: 'name', header: 'Name', sortKey: 'name', render: (s) => s.name },
  { key: 'category', header: 'Category', sortKey: 'category', render: (s) => (s.category ? <Badge>{s.category}</Badge> : <span className="muted">—</span>) },
  { key: 'baseUnit', header: 'Unit', render: (s) => <span className="muted">{s.baseUnit}</span> },
  { key: 'unitCost', header: 'Unit cost', sortKey: 'unitCost', align: 'right', render: (s) => <span className="num">{formatMoney(s.unitCost)}</span> },
  { key: 'unitPrice', header: 'Unit price', align: 'right', render: (s) => <span className="num">{formatMoney(s.unitPrice)}</span> },
  { key: 'active', header: 'Status', render: (s) => (s.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
  { key: 'updatedAt', header: 'Updated', sortKey: 'updatedAt', align: 'right', render: (s) => <span className="muted">{formatRelative(s.updatedAt)}</span> },
];

export function SkuListPage() {
  const navigate = useNavigate();
  const me = useMe();
  const { get, set } = useUrlState();
  const [search, setSearch] = useDebouncedUrlParam('q');
  const categories = useCategories();
  const [creating, setCreating] = useState(false);
  const category = get('category');
  const active = get('active');
  const q = get('q');
  const filtered = !!(q || category || active);

  return (
    <div className="page">
      <PageHeader
        title="SKUs"
        subtitle="Every stock-keeping unit, its units and its prices."
        actions={
          canWrite(me.data, 'catalog:write') && (
            <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
              New SKU
            </button>
          )
        }
      />
      <div className="toolbar">
        <div className="search">
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden fill="none" stroke="currentColor" strokeWidth="2">
            <circle cx="11" cy="11" r="7" />
            <path d="M20 20l-3.5-3.5" />
          </svg>
          <input type="search" aria-label="Search SKUs" placeholder="Search by code or name" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <label className="select-label">
          <span>Category</span>
          <select aria-label="Category" value={category} onChange={(e) => set({ category: e.target.value || null })}>
            <option value="">All categories</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.category} value={c.category}>
                {c.category} ({c.count})
              </option>
            ))}
          </select>
        </label>
        <label className="select-label">
          <span>Status</span>
          <select aria-label="Status" value={active} onChange={(e) => set({ active: e.target.value || null })}>
            <option value="">All</option>
            <option value="true">Active</option>
            <option value="false">Inactive</option>
          </select>
        </label>
        <ClearFilters
          active={filtered}
          onClear={() => {
            setSearch('');
            set({ q: null, category: null, active: null });
          }}
        />
      </div>
      <DataTable<Sku>
        label="SKUs"
        queryKey={catalogKeys.skuList}
        fetchPage={fetchSkus}
        filters={{ q: q || undefined, category: category || undefined, active: active || undefined }}
        defaultSort="name"
        columns={columns}
        rowKey={(s) => s.code}
        onRowClick={(s) => navigate(`/skus/${encodeURIComponent(s.code)}`)}
        empty={
          filtered ? (
            <EmptyState title="No SKUs match these filters">Try another search or clear the filters.</EmptyState>
          ) : (
            <EmptyState title="No SKUs yet">Create one, or import your catalog from a CSV file on the Imports page.</EmptyState>
          )
        }
      />
      {creating && <SkuFormModal onClose={() => setCreating(false)} onSaved={(s) => navigate(`/skus/${encodeURIComponent(s.code)}`)} />}
    </div>
  );
}
