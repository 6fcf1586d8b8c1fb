import { FormEvent, useState } from 'react';
import type { Sku, SkuUnit } from '../../api/types';
import { ErrorBanner, Field, Modal, splitFieldErrors } from '../../components/ui';
import { SkuInput, useSaveSku } from './catalog.queries';

const FIELDS = ['code', 'name', 'category', 'baseUnit', 'units', 'unitCost', 'unitPrice', 'active'];

/** An empty field is left out (the API's default or the current value stays); a non-number goes as typed so the API names the field. */
function moneyOrNull(s: string): number | string | undefined {
  const t = s.trim();
  if (!t) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** Create a SKU, or edit one (the code is then fixed: integrations know the SKU by it). */
export function SkuFormModal({ sku, onClose, onSaved }: { sku?: Sku; onClose: () => void; onSaved?: (sku: Sku) => void }) {
  const save = useSaveSku(sku?.code);
  const [code, setCode] = useState(sku?.code ?? '');
  const [name, setName] = useState(sku?.name ?? '');
  const [category, setCategory] = useState(sku?.category ?? '');
  const [baseUnit, setBaseUnit] = useState(sku?.baseUnit ?? 'each');
  const [unitCost, setUnitCost] = useState(sku?.unitCost != null ? String(sku.unitCost) : '');
  const [unitPrice, setUnitPrice] = useState(sku?.unitPrice != null ? String(sku.unitPrice) : '');
  const [active, setActive] = useState(sku?.active ?? true);
  const [units, setUnits] = useState<{ name: string; factor: string }[]>((sku?.units ?? []).map((u) => ({ name: u.name, factor: String(u.factor) })));
  const { byField, formError } = splitFieldErrors(save.error, FIELDS);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Partial<SkuInput> = {
      name: name.trim(),
      category: category.trim() || undefined,
      baseUnit: baseUnit.trim(),
      units: units.filter((u) => u.name.trim() || u.factor.trim()).map((u): SkuUnit => ({ name: u.name.trim(), factor: Number(u.factor) })),
      unitCost: moneyOrNull(unitCost),
      unitPrice: moneyOrNull(unitPrice),
      active,
    };
    if (!sku) body.code = code.trim();
    save.mutate(body, {
      onSuccess: (saved) => {
        onSaved?.(saved);
        onClose();
      },
    });
  };

  return (
    <Modal
      title={sku ? `Edit ${sku.code}` : 'New SKU'}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="sku-form" className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : sku ? 'Save changes' : 'Create SKU'}
          </button>
        </>
      }
    >
      <form id="sku-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The SKU was not saved" />
        <div className="form-grid">
          <Field label="Code" error={byField.code} hint={sku ? 'Codes cannot change: integrations use them.' : 'Letters, digits and . _ - /'}>
            {(id, d) => <input id={id} aria-describedby={d} value={code} onChange={(e) => setCode(e.target.value)} disabled={!!sku} className="mono" />}
          </Field>
          <Field label="Name" error={byField.name}>
            {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Category" error={byField.category}>
            {(id, d) => <input id={id} aria-describedby={d} value={category} onChange={(e) => setCategory(e.target.value)} />}
          </Field>
          <Field label="Base unit" error={byField.baseUnit} hint="Quantities are counted in this unit.">
            {(id, d) => <input id={id} aria-describedby={d} value={baseUnit} onChange={(e) => setBaseUnit(e.target.value)} />}
          </Field>
          <Field label="Unit cost" error={byField.unitCost}>
            {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={unitCost} onChange={(e) => setUnitCost(e.target.value)} className="num" />}
          </Field>
          <Field label="Unit price" error={byField.unitPrice}>
            {(id, d) => <input id={id} aria-describedby={d} inputMode="decimal" value={unitPrice} onChange={(e) => setUnitPrice(e.target.value)} className="num" />}
          </Field>
        </div>
        <fieldset className="fieldset">
          <legend>Units</legend>
          <p className="field__hint">Packs, cases or pallets, each as a whole number of {baseUnit || 'base units'}.</p>
          {units.map((u, i) => (
            <div className="units-row" key={i}>
              <input aria-label={`Unit ${i + 1} name`} placeholder="case" value={u.name} onChange={(e) => setUnits(units.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
              <span className="muted">=</span>
              <input
                aria-label={`Unit ${i + 1} factor`}
                placeholder="12"
                inputMode="numeric"
                className="num"
                value={u.factor}
                onChange={(e) => setUnits(units.map((x, j) => (j === i ? { ...x, factor: e.target.value } : x)))}
              />
              <span className="muted">{baseUnit}</span>
              <button type="button" className="btn btn--ghost btn--sm" aria-label={`Remove unit ${i + 1}`} onClick={() => setUnits(units.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
          ))}
          {byField.units && (
            <div className="field__error" role="alert">
              {byField.units}
            </div>
          )}
          <button type="button" className="btn btn--secondary btn--sm" onClick={() => setUnits([...units, { name: '', factor: '' }])}>
            Add unit
          </button>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          Active
          <span className="muted">Inactive SKUs are kept with their history but hidden from planning.</span>
        </label>
      </form>
    </Modal>
  );
}
