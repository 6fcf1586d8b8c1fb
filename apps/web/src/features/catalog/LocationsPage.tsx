import { FormEvent, useState } from 'react';
import { LOCATION_TYPES, Location, LocationType } from '../../api/types';
import { Column, DataTable } from '../../components/DataTable';
import { formatRelative } from '../../components/format';
import { Badge, EmptyState, ErrorBanner, Field, Modal, PageHeader, splitFieldErrors } from '../../components/ui';
import { useDebouncedUrlParam, useUrlState } from '../../components/url-state';
import { canWrite, useMe } from '../auth/auth.queries';
import { catalogKeys, fetchLocations, useSaveLocation } from './catalog.queries';

const TYPE_LABELS: Record<LocationType, string> = { warehouse: 'Warehouse', store: 'Store', dc: 'Distribution center', '3pl': '3PL' };
const TIME_ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

function LocationFormModal({ location, onClose }: { location?: Location; onClose: () => void }) {
  const save = useSaveLocation(location?.code);
  const [code, setCode] = useState(location?.code ?? '');
  const [name, setName] = useState(location?.name ?? '');
  const [type, setType] = useState<LocationType>(location?.type ?? 'warehouse');
  const [timeZone, setTimeZone] = useState(location?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC');
  const { byField, formError } = splitFieldErrors(save.error, ['code', 'name', 'type', 'timeZone']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { name: name.trim(), type, timeZone, ...(location ? {} : { code: code.trim() }) };
    save.mutate(body, { onSuccess: onClose });
  };
  return (
    <Modal
      title={location ? `Edit ${location.code}` : 'New location'}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="location-form" className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : location ? 'Save changes' : 'Create location'}
          </button>
        </>
      }
    >
      <form id="location-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The location was not saved" />
        <Field label="Code" error={byField.code}>
          {(id, d) => <input id={id} aria-describedby={d} className="mono" value={code} disabled={!!location} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field label="Name" error={byField.name}>
          {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <div className="form-grid">
          <Field label="Type" error={byField.type}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={type} onChange={(e) => setType(e.target.value as LocationType)}>
                {LOCATION_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Time zone" error={byField.timeZone} hint="Cuts the days of demand history.">
            {(id, d) => (
              <select id={id} aria-describedby={d} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
                {(TIME_ZONES.includes(timeZone) ? TIME_ZONES : [timeZone, ...TIME_ZONES]).map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </form>
    </Modal>
  );
}

export function LocationsPage() {
  const me = useMe();
  const writable = canWrite(me.data, 'catalog:write');
  const { get, set } = useUrlState();
  const [search, setSearch] = useDebouncedUrlParam('q');
  const [editing, setEditing] = useState<Location | 'new' | null>(null);
  const type = get('type');
  const columns: Column<Location>[] = [
    { key: 'code', header: 'Code', sortKey: 'code', render: (l) => <span className="mono strong">{l.code}</span>, width: '18%' },
    { key: 'name', header: 'Name', sortKey: 'name', render: (l) => l.name },
    { key: 'type', header: 'Type', sortKey: 'type', render: (l) => <Badge tone={l.type === 'store' ? 'info' : l.type === 'dc' ? 'accent' : 'neutral'}>{TYPE_LABELS[l.type] ?? l.type}</Badge> },
    { key: 'timeZone', header: 'Time zone', render: (l) => <span className="muted">{l.timeZone}</span> },
    { key: 'updatedAt', header: 'Updated', align: 'right', render: (l) => <span className="muted">{formatRelative(l.updatedAt)}</span> },
    ...(writable
      ? [{ key: 'actions', header: <span className="sr-only">Actions</span>, align: 'right' as const, render: (l: Location) => (
          <button type="button" className="btn btn--ghost btn--sm" aria-label={`Edit ${l.code}`} onClick={(e) => { e.stopPropagation(); setEditing(l); }}>
            Edit
          </button>
        ) }]
      : []),
  ];
  return (
    <div className="page">
      <PageHeader
        title="Locations"
        subtitle="Warehouses, stores, distribution centers and 3PLs that hold stock."
        actions={writable && <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>New location</button>}
      />
      <div className="toolbar">
        <div className="search">
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden fill="none" stroke="currentColor" strokeWidth="2"><circle cx="11" cy="11" r="7" /><path d="M20 20l-3.5-3.5" /></svg>
          <input type="search" aria-label="Search locations" placeholder="Search by code or name" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <label className="select-label">
          <span>Type</span>
          <select aria-label="Type" value={type} onChange={(e) => set({ type: e.target.value || null })}>
            <option value="">All types</option>
            {LOCATION_TYPES.map((t) => <option key={t} value={t}>{TYPE_LABELS[t]}</option>)}
          </select>
        </label>
      </div>
      <DataTable<Location>
        label="Locations"
        queryKey={catalogKeys.locationList}
        fetchPage={fetchLocations}
        filters={{ q: get('q') || undefined, type: type || undefined }}
        defaultSort="code"
        columns={columns}
        rowKey={(l) => l.code}
        onRowClick={writable ? (l) => setEditing(l) : undefined}
        empty={<EmptyState title="No locations">Add the places that hold stock, or import them from a CSV file.</EmptyState>}
      />
      {editing && <LocationFormModal location={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
