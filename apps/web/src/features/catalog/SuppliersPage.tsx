import { FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Supplier, SupplierTerms } from '../../api/types';
import { Column, DataTable } from '../../components/DataTable';
import { formatInt, formatMoney, formatRelative } from '../../components/format';
import { EmptyState, ErrorBanner, Field, Modal, PageHeader, splitFieldErrors } from '../../components/ui';
import { useDebouncedUrlParam, useUrlState } from '../../components/url-state';
import { canWrite, useMe } from '../auth/auth.queries';
import { catalogKeys, fetchSuppliers, fetchSupplierTerms, TermsInput, useSaveSupplier, useSaveTerms } from './catalog.queries';

function SupplierFormModal({ supplier, onClose }: { supplier?: Supplier; onClose: () => void }) {
  const save = useSaveSupplier(supplier?.code);
  const [code, setCode] = useState(supplier?.code ?? '');
  const [name, setName] = useState(supplier?.name ?? '');
  const { byField, formError } = splitFieldErrors(save.error, ['code', 'name']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ name: name.trim(), ...(supplier ? {} : { code: code.trim() }) }, { onSuccess: onClose });
  };
  return (
    <Modal
      title={supplier ? `Edit ${supplier.code}` : 'New supplier'}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>Cancel</button>
          <button type="submit" form="supplier-form" className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : supplier ? 'Save changes' : 'Create supplier'}
          </button>
        </>
      }
    >
      <form id="supplier-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The supplier was not saved" />
        <Field label="Code" error={byField.code}>
          {(id, d) => <input id={id} aria-describedby={d} className="mono" value={code} disabled={!!supplier} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field label="Name" error={byField.name}>
          {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </form>
    </Modal>
  );
}

export function SuppliersPage() {
  const me = useMe();
  const navigate = useNavigate();
  const writable = canWrite(me.data, 'catalog:write');
  const { get } = useUrlState();
  const [search, setSearch] = useDebouncedUrlParam('q');
  const [creating, setCreating] = useState(false);
  const columns: Column<Supplier>[] = [
    { key: 'code', header: 'Code', sortKey: 'code', width: '20%', render: (s) => <Link className="mono strong link" to={`/suppliers/${encodeURIComponent(s.code)}`} onClick={(e) => e.stopPropagation()}>{s.code}</Link> },
    { key: 'name', header: 'Name', sortKey: 'name', render: (s) => s.name },
    { key: 'updatedAt', header: 'Updated', align: 'right', render: (s) => <span className="muted">{formatRelative(s.updatedAt)}</span> },
  ];
  return (
    <div className="page">
      <PageHeader
        title="Suppliers"
        subtitle="Who you buy from, and their lead times, minimum order quantities and pack sizes per SKU."
        actions={writable && <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>New supplier</button>}
      />
      <div className="toolbar">
        <div className="search">
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden fill="none" stroke="currentColor" strokeWidth="2"><circle cx="11" cy="11" r="7" /><path d="M20 20l-3.5-3.5" /></svg>
          <input type="search" aria-label="Search suppliers" placeholder="Search by code or name" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>
      <DataTable<Supplier>
        label="Suppliers"
        queryKey={catalogKeys.supplierList}
        fetchPage={fetchSuppliers}
        filters={{ q: get('q') || undefined }}
        defaultSort="code"
        columns={columns}
        rowKey={(s) => s.code}
        onRowClick={(s) => navigate(`/suppliers/${encodeURIComponent(s.code)}`)}
        empty={<EmptyState title="No suppliers">Add suppliers to record their lead times and order terms.</EmptyState>}
      />
      {creating && <SupplierFormModal onClose={() => setCreating(false)} />}
    </div>
  );
}

function numOrNull(s: string): number | undefined {
  const t = s.trim();
  return t === '' ? undefined : Number(t);
}

function TermsFormModal({ supplier, terms, onClose }: { supplier: string; terms?: SupplierTerms; onClose: () => void }) {
  const save = useSaveTerms(supplier);
  const [sku, setSku] = useState(terms?.sku ?? '');
  const [leadTimeDays, setLead] = useState(terms ? String(terms.leadTimeDays) : '');
  const [leadTimeStdDays, setStd] = useState(terms?.leadTimeStdDays != null ? String(terms.leadTimeStdDays) : '');
  const [moq, setMoq] = useState(terms?.moq != null ? String(terms.moq) : '');
  const [packSize, setPack] = useState(terms?.packSize != null ? String(terms.packSize) : '');
  const [unitCost, setCost] = useState(terms?.unitCost != null ? String(terms.unitCost) : '');
  const { byField, formError } = splitFieldErrors(save.error, ['sku', 'leadTimeDays', 'leadTimeStdDays', 'moq', 'packSize', 'unitCost']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: TermsInput & { sku: string } = {
      sku: sku.trim(),
      leadTimeDays: numOrNull(leadTimeDays) as number,
      leadTimeStdDays: numOrNull(leadTimeStdDays),
      moq: numOrNull(moq),
      packSize: numOrNull(packSize),
      unitCost: numOrNull(unitCost),
    };
    for (const k of ['leadTimeStdDays', 'moq', 'packSize', 'unitCost'] as const) if (body[k] === null) delete body[k];
    save.mutate(body, { onSuccess: onClose });
  };
  return (
    <Modal
      title={terms ? `Terms for ${terms.sku}` : 'Add SKU terms'}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>Cancel</button>
          <button type="submit" form="terms-form" className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save terms'}
          </button>
        </>
      }
    >
      <form id="terms-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The terms were not saved" />
        <Field label="SKU code" error={byField.sku}>
          {(id, d) => <input id={id} aria-describedby={d} className="mono" value={sku} disabled={!!terms} onChange={(e) => setSku(e.target.value)} />}
        </Field>
        <div className="form-grid">
          <Field label="Lead time (days)" error={byField.leadTimeDays}>
            {(id, d) => <input id={id} aria-describedby={d} className="num" inputMode="decimal" value={leadTimeDays} onChange={(e) => setLead(e.target.value)} />}
          </Field>
          <Field label="Lead time std. dev. (days)" error={byField.leadTimeStdDays}>
            {(id, d) => <input id={id} aria-describedby={d} className="num" inputMode="decimal" value={leadTimeStdDays} onChange={(e) => setStd(e.target.value)} />}
          </Field>
          <Field label="Minimum order quantity" error={byField.moq}>
            {(id, d) => <input id={id} aria-describedby={d} className="num" inputMode="numeric" value={moq} onChange={(e) => setMoq(e.target.value)} />}
          </Field>
          <Field label="Pack size" error={byField.packSize}>
            {(id, d) => <input id={id} aria-describedby={d} className="num" inputMode="numeric" value={packSize} onChange={(e) => setPack(e.target.value)} />}
          </Field>
          <Field label="Unit cost" error={byField.unitCost}>
            {(id, d) => <input id={id} aria-describedby={d} className="num" inputMode="decimal" value={unitCost} onChange={(e) => setCost(e.target.value)} />}
          </Field>
        </div>
      </form>
    </Modal>
  );
}

export function SupplierDetailPage() {
  const { code = '' } = useParams();
  const me = useMe();
  const writable = canWrite(me.data, 'catalog:write');
  const [editing, setEditing] = useState<SupplierTerms | 'new' | null>(null);
  const columns: Column<SupplierTerms>[] = [
    { key: 'sku', header: 'SKU', sortKey: 'sku', render: (t) => <Link className="mono strong link" to={`/skus/${encodeURIComponent(t.sku)}`} onClick={(e) => e.stopPropagation()}>{t.sku}</Link> },
    { key: 'skuName', header: 'Name', render: (t) => t.skuName ?? <span className="muted">—</span> },
    { key: 'leadTimeDays', header: 'Lead time', sortKey: 'leadTimeDays', align: 'right', render: (t) => <span className="num">{formatInt(t.leadTimeDays)} d{t.leadTimeStdDays != null && <span className="muted"> ± {t.leadTimeStdDays}</span>}</span> },
    { key: 'moq', header: 'MOQ', align: 'right', render: (t) => <span className="num">{formatInt(t.moq)}</span> },
    { key: 'packSize', header: 'Pack size', align: 'right', render: (t) => <span className="num">{formatInt(t.packSize)}</span> },
    { key: 'unitCost', header: 'Unit cost', align: 'right', render: (t) => <span className="num">{formatMoney(t.unitCost)}</span> },
    ...(writable
      ? [{ key: 'actions', header: <span className="sr-only">Actions</span>, align: 'right' as const, render: (t: SupplierTerms) => (
          <button type="button" className="btn btn--ghost btn--sm" aria-label={`Edit terms for ${t.sku}`} onClick={(e) => { e.stopPropagation(); setEditing(t); }}>Edit</button>
        ) }]
      : []),
  ];
  return (
    <div className="page">
      <PageHeader
        breadcrumb={<><Link to="/suppliers">Suppliers</Link><span aria-hidden>/</span><span className="mono">{code}</span></>}
        title={code}
        subtitle="Terms per SKU: lead time (mean and standard deviation), minimum order quantity, pack size and cost."
        actions={writable && <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>Add SKU terms</button>}
      />
      <DataTable<SupplierTerms>
        label="Supplier terms"
        queryKey={catalogKeys.supplierTerms(code)}
        fetchPage={(params, signal) => fetchSupplierTerms(code, params, signal)}
        columns={columns}
        rowKey={(t) => t.sku}
        onRowClick={writable ? (t) => setEditing(t) : undefined}
        empty={<EmptyState title="No terms for this supplier">Add the SKUs this supplier delivers, with lead times and order terms.</EmptyState>}
      />
      {editing && <TermsFormModal supplier={code} terms={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
