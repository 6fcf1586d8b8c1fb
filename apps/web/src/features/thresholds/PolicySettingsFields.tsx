import type { PolicyInput } from '@stockpulse/contracts';
import { Field } from '../../components/ui';

/**
 * The settings of a reorder policy as a planner types them: shared by the SKU x location form and the defaults form.
 * Every value is kept as typed (a string) so that a bad one reaches the API, whose answer names the field.
 */
export interface PolicyDraft {
  method: 'static' | 'dynamic';
  min: string;
  max: string;
  safetyStock: string;
  serviceLevel: string;
  reviewPeriodDays: string;
  safetyStockOverride: string;
  leadTimeDaysOverride: string;
  maxStock: string;
}

/** The settings' field names, as the API names them in its errors (under `settings.` for a default). */
export const POLICY_FIELDS = ['method', 'min', 'max', 'safetyStock', 'serviceLevel', 'reviewPeriodDays', 'safetyStockOverride', 'leadTimeDaysOverride', 'maxStock'] as const;
type PolicyField = (typeof POLICY_FIELDS)[number];

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** Empty -> undefined; a number -> the number; anything else as typed, so the API's answer names the field. */
function num(s: string): number | undefined {
  const t = s.trim();
  if (!t) return undefined;
  return (Number.isFinite(Number(t)) ? Number(t) : t) as number;
}

/** A draft from saved settings; `figures` prefill a switch to static with the computed reorder point and order-up-to. */
export function toDraft(s: PolicyInput | null | undefined, figures?: { reorderPoint: number | null; orderUpTo: number | null }): PolicyDraft {
  const dyn = s?.method === 'dynamic' ? s : undefined;
  const stat = s?.method === 'static' ? s : undefined;
  return {
    method: stat ? 'static' : 'dynamic',
    min: stat ? str(stat.min) : str(figures?.reorderPoint),
    max: stat ? str(stat.max) : str(figures?.orderUpTo),
    safetyStock: str(stat?.safetyStock),
    serviceLevel: dyn?.serviceLevel != null ? String(Number((dyn.serviceLevel * 100).toFixed(2))) : '',
    reviewPeriodDays: str(dyn?.reviewPeriodDays ?? stat?.reviewPeriodDays),
    safetyStockOverride: str(dyn?.safetyStockOverride),
    leadTimeDaysOverride: str(dyn?.leadTimeDaysOverride),
    maxStock: str(dyn?.maxStock),
  };
}

export function toPolicyInput(d: PolicyDraft): PolicyInput {
  if (d.method === 'static') return { method: 'static', min: num(d.min) as number, max: num(d.max) as number, safetyStock: num(d.safetyStock) };
  const sl = num(d.serviceLevel);
  return {
    method: 'dynamic',
    serviceLevel: typeof sl === 'number' ? Number((sl / 100).toFixed(6)) : sl,
    reviewPeriodDays: num(d.reviewPeriodDays),
    // an emptied override goes back to the computed figure
    safetyStockOverride: num(d.safetyStockOverride) ?? null,
    leadTimeDaysOverride: num(d.leadTimeDaysOverride) ?? null,
    maxStock: num(d.maxStock) ?? null,
  };
}

/** The method picker and the fields of that method, each with the server's message for it. */
export function PolicySettingsFields({
  draft,
  onChange,
  errors,
  serviceLevelHint = 'Empty: the class target.',
}: {
  draft: PolicyDraft;
  onChange: (d: PolicyDraft) => void;
  errors: Partial<Record<PolicyField, string>>;
  serviceLevelHint?: string;
}) {
  const input = (key: Exclude<PolicyField, 'method'>) => (id: string, d?: string) => (
    <input id={id} aria-describedby={d} inputMode="decimal" className="num" value={draft[key]} onChange={(e) => onChange({ ...draft, [key]: e.target.value })} />
  );
  return (
    <>
      <Field
        label="Method"
        error={errors.method}
        hint={draft.method === 'static' ? 'The classic min/max: reorder at min, order up to max.' : 'Computed from demand history, lead time and the service level.'}
      >
        {(id, d) => (
          <select id={id} aria-describedby={d} value={draft.method} onChange={(e) => onChange({ ...draft, method: e.target.value as PolicyDraft['method'] })}>
            <option value="dynamic">Dynamic (computed)</option>
            <option value="static">Static (min / max)</option>
          </select>
        )}
      </Field>
      {draft.method === 'static' ? (
        <div className="form-grid form-grid--3">
          <Field label="Min (reorder point)" error={errors.min}>
            {input('min')}
          </Field>
          <Field label="Max (order-up-to)" error={errors.max}>
            {input('max')}
          </Field>
          <Field label="Safety stock" error={errors.safetyStock} hint="Optional, at most min.">
            {input('safetyStock')}
          </Field>
        </div>
      ) : (
        <div className="form-grid">
          <Field label="Service level (%)" error={errors.serviceLevel} hint={serviceLevelHint}>
            {input('serviceLevel')}
          </Field>
          <Field label="Review period (days)" error={errors.reviewPeriodDays} hint="0 for continuous review.">
            {input('reviewPeriodDays')}
          </Field>
          <Field label="Safety stock override" error={errors.safetyStockOverride} hint="Empty: computed.">
            {input('safetyStockOverride')}
          </Field>
          <Field label="Lead time override (days)" error={errors.leadTimeDaysOverride} hint="Empty: from the supplier or receipts.">
            {input('leadTimeDaysOverride')}
          </Field>
          <Field label="Max stock" error={errors.maxStock} hint="Above it, an overstock alert. Empty: none.">
            {input('maxStock')}
          </Field>
        </div>
      )}
    </>
  );
}
