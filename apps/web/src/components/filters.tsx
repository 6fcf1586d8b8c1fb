import { useAllLocations, useAllSuppliers, useCategories } from '../features/catalog/catalog.queries';

/** A search box with its magnifier, for a toolbar. */
export function SearchBox(props: { label: string; placeholder: string; value: string; onChange: (v: string) => void; narrow?: boolean }) {
  return (
    <div className={`search ${props.narrow ? 'search--narrow' : ''}`}>
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="11" cy="11" r="7" />
        <path d="M20 20l-3.5-3.5" />
      </svg>
      <input type="search" aria-label={props.label} placeholder={props.placeholder} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

/** Every location, as a toolbar filter; '' is all. */
export function LocationFilter({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const locations = useAllLocations();
  return (
    <select aria-label="Location" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All locations</option>
      {(locations.data?.items ?? []).map((l) => (
        <option key={l.code} value={l.code}>
          {l.code} · {l.name}
        </option>
      ))}
    </select>
  );
}

/** Every category, as a toolbar filter; '' is all. */
export function CategoryFilter({ value, onChange }: { value: string; onChange: (category: string) => void }) {
  const categories = useCategories();
  return (
    <select aria-label="Category" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All categories</option>
      {(categories.data ?? []).map((c) => (
        <option key={c.category} value={c.category}>
          {c.category}
        </option>
      ))}
    </select>
  );
}

/** Every supplier, as a toolbar filter; '' is all. */
export function SupplierFilter({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const suppliers = useAllSuppliers();
  return (
    <select aria-label="Supplier" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All suppliers</option>
      {(suppliers.data?.items ?? []).map((s) => (
        <option key={s.code} value={s.code}>
          {s.code} · {s.name}
        </option>
      ))}
    </select>
  );
}

/** "Clear filters", shown while any filter of the toolbar is set. */
export function ClearFilters({ active, onClear }: { active: boolean; onClear: () => void }) {
  if (!active) return null;
  return (
    <button type="button" className="btn btn--ghost btn--sm" onClick={onClear}>
      Clear filters
    </button>
  );
}
