import { ALERT_KINDS, ALERT_SEVERITIES, AlertKind, AlertSeverity, Channel, CHANNELS, NotificationRule } from '@stockpulse/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CheckboxGroup, GroupError, TagInput } from '../../components/choices';
import { Field } from '../../components/ui';
import { useDebouncedValue } from '../../components/url-state';
import { KIND_LABEL, SEVERITY_LABEL, useAlertSettings } from '../alerts/alerts.queries';
import { catalogKeys, fetchSuppliers, useAllLocations, useCategories } from '../catalog/catalog.queries';
import { Target, TargetPicker } from './TargetPicker';

/** A tier keeps a key of its own, so that moving it keeps its picker's state with it. */
interface Tier {
  key: number;
  recipients: Target[];
}

export interface RuleDraft {
  name: string;
  active: boolean;
  severities: AlertSeverity[];
  kinds: AlertKind[];
  channels: Channel[];
  categories: string[];
  locations: string[];
  suppliers: string[];
  recipients: Target[];
  escalation: Tier[];
}

export const MAX_TIERS = 10;
let nextTierKey = 1;
const tier = (recipients: Target[] = []): Tier => ({ key: nextTierKey++, recipients });

export function toRuleDraft(rule?: NotificationRule): RuleDraft {
  return {
    name: rule?.name ?? '',
    active: rule?.active ?? true,
    severities: rule?.severities ?? [],
    kinds: rule?.kinds ?? [],
    channels: rule?.channels ?? ['email'],
    categories: rule?.categories ?? [],
    locations: rule?.locations ?? [],
    suppliers: rule?.suppliers ?? [],
    recipients: rule?.recipients ?? [],
    escalation: (rule?.escalation ?? []).map((t) => tier(t.recipients)),
  };
}

export function toRuleBody(d: RuleDraft): Record<string, unknown> {
  const { escalation, ...rest } = d;
  return { ...rest, name: d.name.trim(), escalation: escalation.map((t) => ({ recipients: t.recipients })) };
}

/** The paths of the API's field errors shown next to a control; each tier claims `escalation.<i>`. */
export function ruleFields(d: RuleDraft): string[] {
  return ['name', 'active', 'severities', 'kinds', 'channels', 'categories', 'locations', 'suppliers', 'recipients', 'escalation', ...d.escalation.map((_, i) => `escalation.${i}`)];
}

type Errors = Record<string, string | undefined>;
interface SectionProps {
  draft: RuleDraft;
  onChange: (d: RuleDraft) => void;
  errors: Errors;
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

function TierItem(props: { index: number; count: number; tier: Tier; onChange: (t: Tier) => void; onMove: (by: -1 | 1) => void; onRemove: () => void; error?: string }) {
  const n = props.index + 1;
  return (
    <li className="tier">
      <div className="tier__head">
        <strong>Tier {n}</strong>
        <span className="muted small">told at the {ordinal(n)} escalation{n === props.count ? ', and at every one after it' : ''}</span>
        <span className="row-actions row-actions--end tier__actions">
          <button type="button" className="btn btn--ghost btn--sm" aria-label={`Move tier ${n} up`} disabled={n === 1} onClick={() => props.onMove(-1)}>
            ↑
          </button>
          <button type="button" className="btn btn--ghost btn--sm" aria-label={`Move tier ${n} down`} disabled={n === props.count} onClick={() => props.onMove(1)}>
            ↓
          </button>
          <button type="button" className="btn btn--danger-ghost btn--sm" aria-label={`Remove tier ${n}`} onClick={props.onRemove}>
            Remove
          </button>
        </span>
      </div>
      <TargetPicker label={`Tier ${n}`} value={props.tier.recipients} onChange={(recipients) => props.onChange({ ...props.tier, recipients })} error={props.error} />
    </li>
  );
}

/** The escalation chain: critical alerts nobody acknowledged reach tier 1, then tier 2, ... at each escalation. */
function EscalationTiers({ draft, onChange, errors }: SectionProps) {
  const settings = useAlertSettings();
  const tiers = draft.escalation;
  const set = (next: Tier[]) => onChange({ ...draft, escalation: next });
  const move = (i: number, by: -1 | 1) => {
    const next = [...tiers];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    set(next);
  };
  const tierErrors = tiers.map((_, i) => errors[`escalation.${i}`]);
  const every = settings.data ? `every ${settings.data.escalateAfterMinutes} minutes` : `every “escalate after” minutes`;
  return (
    <fieldset className="fieldset fieldset--wide">
      <legend>Escalation</legend>
      <p className="field__hint">
        A critical alert nobody acknowledged is escalated {every} (<Link className="link" to="/alerts/settings">alert settings</Link>). Tier <em>n</em> is told at
        the alert's <em>n</em>-th escalation, on this rule's channels; past the last tier, the last tier is told again.
      </p>
      {tiers.length > 0 && (
        <ol className="tiers" aria-label="Escalation tiers">
          {tiers.map((t, i) => (
            <TierItem
              key={t.key}
              index={i}
              count={tiers.length}
              tier={t}
              onChange={(changed) => set(tiers.map((x) => (x.key === t.key ? changed : x)))}
              onMove={(by) => move(i, by)}
              onRemove={() => set(tiers.filter((x) => x.key !== t.key))}
              error={tierErrors[i]}
            />
          ))}
        </ol>
      )}
      <button type="button" className="btn btn--secondary btn--sm align-start" disabled={tiers.length >= MAX_TIERS} onClick={() => set([...tiers, tier()])}>
        Add a tier
      </button>
      <GroupError error={tierErrors.some(Boolean) ? undefined : errors.escalation} />
    </fieldset>
  );
}

/** Which alerts the rule takes: empty lists are "any". Codes are suggested from the catalog. */
function ScopeFields({ draft, onChange, errors }: SectionProps) {
  const locations = useAllLocations();
  const categories = useCategories();
  const [supplierText, setSupplierText] = useState('');
  const q = useDebouncedValue(supplierText.trim(), 200);
  const suppliers = useQuery({ queryKey: [...catalogKeys.supplierList, 'pick', q], queryFn: ({ signal }) => fetchSuppliers({ q: q || undefined, limit: 20, sort: 'code' }, signal), staleTime: 60_000 });
  return (
    <>
      <div className="form-grid">
        <CheckboxGroup legend="Severities (none: any)" options={ALERT_SEVERITIES} value={draft.severities} onChange={(severities) => onChange({ ...draft, severities })} label={(s) => SEVERITY_LABEL[s]} error={errors.severities} />
        <CheckboxGroup legend="Kinds (none: any)" options={ALERT_KINDS} value={draft.kinds} onChange={(kinds) => onChange({ ...draft, kinds })} label={(k) => KIND_LABEL[k]} error={errors.kinds} />
      </div>
      <div className="form-grid form-grid--3">
        <TagInput
          label="Locations"
          value={draft.locations}
          onChange={(locations) => onChange({ ...draft, locations })}
          suggestions={(locations.data?.items ?? []).map((l) => ({ value: l.code, label: l.name }))}
          placeholder="Any location"
          error={errors.locations}
        />
        <TagInput
          label="Categories"
          value={draft.categories}
          onChange={(categories) => onChange({ ...draft, categories })}
          suggestions={(categories.data ?? []).map((c) => ({ value: c.category }))}
          placeholder="Any category"
          error={errors.categories}
        />
        <TagInput
          label="Suppliers"
          value={draft.suppliers}
          onChange={(suppliers) => onChange({ ...draft, suppliers })}
          onTextChange={setSupplierText}
          suggestions={(suppliers.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))}
          placeholder="Any supplier"
          error={errors.suppliers}
        />
      </div>
    </>
  );
}

/** Every field of a routing rule, for creating one and for changing one. */
export function RuleFields(props: SectionProps) {
  const { draft, onChange, errors } = props;
  return (
    <>
      <Field label="Name" error={errors.name}>
        {(id, d) => <input id={id} aria-describedby={d} value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />}
      </Field>
      <ScopeFields {...props} />
      <CheckboxGroup
        legend="Channels"
        options={CHANNELS}
        value={draft.channels}
        onChange={(channels) => onChange({ ...draft, channels })}
        error={errors.channels}
        hint="Each recipient also chooses which severities each channel carries."
      />
      <fieldset className="fieldset fieldset--wide">
        <legend>Recipients</legend>
        <TargetPicker label="Recipients" value={draft.recipients} onChange={(recipients) => onChange({ ...draft, recipients })} error={errors.recipients} />
      </fieldset>
      <EscalationTiers {...props} />
      <label className="checkbox">
        <input type="checkbox" checked={draft.active} onChange={(e) => onChange({ ...draft, active: e.target.checked })} />
        Active
        <span className="muted">a paused rule routes nothing</span>
      </label>
      <GroupError error={errors.active} />
    </>
  );
}
