import type { Policy, PolicyChange, PolicyInput } from '@stockpulse/contracts';
import { FormEvent, ReactNode, useState } from 'react';
import { EMPTY, formatDecimal, formatInt, formatPercent, formatRelative } from '../../components/format';
import { Badge, Banner, Card, EmptyState, ErrorBanner, Modal, ModalFormFooter, Skeleton, splitFieldErrors } from '../../components/ui';
import { useMe } from '../auth/auth.queries';
import { POLICY_FIELDS, PolicySettingsFields, toDraft, toPolicyInput } from './PolicySettingsFields';
import { canEditPolicies, usePolicy, useSavePolicy } from './thresholds.queries';

export const SOURCE_LABEL: Record<Policy['source'], string> = {
  sku_location: 'Set for this SKU × location',
  location_default: 'Inherited from the location default',
  category_default: 'Inherited from the category default',
  global_default: 'Global default',
};

const LEAD_TIME_SOURCE: Record<string, string> = {
  supplier_terms: 'supplier terms',
  receipts: 'learned from receipts',
  override: 'planner override',
  default: 'default',
};

function Term({ symbol, label, value }: { symbol: ReactNode; label: string; value: ReactNode }) {
  return (
    <div className="term">
      <dt>
        <span className="term__symbol">{symbol}</span>
        <span className="term__label">{label}</span>
      </dt>
      <dd className="num">{value}</dd>
    </div>
  );
}

/** The figures a planner set, in words: ["min 60", "max 200"]; empty when everything is computed. */
export function settingsFigures(input: PolicyInput): string[] {
  if (input.method === 'static') return [`min ${input.min}`, `max ${input.max}`, ...(input.safetyStock != null ? [`safety stock ${input.safetyStock}`] : [])];
  if (input.method !== 'dynamic') return [];
  const parts: string[] = [];
  if (input.serviceLevel != null) parts.push(`service level ${formatPercent(input.serviceLevel)}`);
  if (input.reviewPeriodDays != null) parts.push(`review ${input.reviewPeriodDays} d`);
  if (input.safetyStockOverride != null) parts.push(`safety stock ${input.safetyStockOverride}`);
  if (input.leadTimeDaysOverride != null) parts.push(`lead time ${input.leadTimeDaysOverride} d`);
  if (input.maxStock != null) parts.push(`max ${input.maxStock}`);
  return parts;
}

/** A policy's settings in words: "static: min 60, max 200". */
export function summarize(input: PolicyInput | null): string {
  if (!input) return EMPTY;
  const figures = settingsFigures(input);
  if (input.method === 'static') return `static: ${figures.join(', ')}`;
  return [input.method, ...figures].join(', ');
}

export function PendingChangeBanner({ change }: { change: PolicyChange }) {
  return (
    <Banner tone="warning">
      <strong>Waiting for approval.</strong>
      <span>
        {summarize(change.after)} — requested by {change.requestedBy} {formatRelative(change.requestedAt)}. The policy below stays in force until an
        administrator approves it.
      </span>
    </Banner>
  );
}

/** The figures of a policy and, for a computed one, every term of the formula. */
function PolicyFigures({ policy }: { policy: Policy }) {
  const x = policy.explanation;
  return (
    <>
      <div className="stats stats--six" aria-label="Policy figures">
        <div className="stat stat--accent">
          <div className="stat__label">Reorder point</div>
          <div className="stat__value">{formatInt(policy.reorderPoint)}</div>
        </div>
        <div className="stat">
          <div className="stat__label">Safety stock</div>
          <div className="stat__value">{formatInt(policy.safetyStock)}</div>
        </div>
        <div className="stat">
          <div className="stat__label">Order-up-to (S)</div>
          <div className="stat__value">{formatInt(policy.orderUpTo)}</div>
        </div>
        <div className="stat">
          <div className="stat__label">Service level</div>
          <div className="stat__value">{formatPercent(policy.serviceLevel)}</div>
        </div>
        <div className="stat">
          <div className="stat__label">Class ABC / XYZ</div>
          <div className="stat__value">
            {policy.abcClass ?? EMPTY} / {policy.xyzClass ?? EMPTY}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Max stock</div>
          <div className="stat__value">{formatInt(policy.maxStock)}</div>
        </div>
      </div>
      {x ? (
        <div className="explanation" aria-label="Explanation">
          <dl className="terms">
            <Term symbol="d" label="mean daily demand" value={`${formatDecimal(x.d)} / d`} />
            <Term symbol="σd" label="daily demand std. dev." value={formatDecimal(x.sigmaD)} />
            <Term symbol="L" label={`lead time (${LEAD_TIME_SOURCE[x.leadTimeSource] ?? x.leadTimeSource})`} value={`${formatDecimal(x.L)} d`} />
            <Term symbol="σL" label="lead time std. dev." value={`${formatDecimal(x.sigmaL)} d`} />
            <Term symbol="R" label="review period" value={`${formatDecimal(x.R)} d`} />
            {policy.method !== 'static' && <Term symbol="z" label={`for ${formatPercent(x.serviceLevel)} service`} value={formatDecimal(x.z, 3)} />}
            <Term symbol="W" label="window" value={`${formatInt(x.windowDays)} d`} />
            <Term symbol="n" label="days counted" value={formatInt(x.dataPoints)} />
            <Term symbol="c" label="censored (stockout) days" value={formatInt(x.censoredDays)} />
          </dl>
          <div className="formula" aria-label="Formula">
            {x.formula.map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </div>
          {x.warnings.length > 0 && (
            <div className="banner banner--warning" role="status" aria-label="Warnings">
              <div className="banner__content">
                <strong>Read with care</strong>
                <ul className="banner__list">
                  {x.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              </div>
            </div>
          )}
        </div>
      ) : (
        <p className="muted">
          {policy.method === 'static'
            ? 'A static policy: the reorder point is the min and the order-up-to level the max a planner set.'
            : 'Not computed yet: the figures appear after the next recompute, once the SKU has demand history here.'}
        </p>
      )}
    </>
  );
}

function PolicyFormModal({ sku, location, policy, onClose, onQueued }: { sku: string; location: string; policy: Policy | null; onClose: () => void; onQueued: (c: PolicyChange) => void }) {
  const save = useSavePolicy(sku, location);
  const [draft, setDraft] = useState(() => toDraft(policy?.settings, policy ?? undefined));
  const { byField, formError } = splitFieldErrors(save.error, [...POLICY_FIELDS]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(toPolicyInput(draft), {
      onSuccess: (res) => {
        if (res.kind === 'pending') onQueued(res.change);
        onClose();
      },
    });
  };

  return (
    <Modal
      title={`Reorder policy: ${sku} at ${location}`}
      onClose={onClose}
      wide
      footer={<ModalFormFooter form="policy-form" onCancel={onClose} pending={save.isPending} label="Save policy" pendingLabel="Saving…" />}
    >
      <form id="policy-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The policy was not saved" />
        <PolicySettingsFields draft={draft} onChange={setDraft} errors={byField} serviceLevelHint={`Empty: the class target${policy?.abcClass ? ` (${policy.abcClass})` : ''}.`} />
      </form>
    </Modal>
  );
}

/** The reorder policy of one SKU x location: its figures, why they are what they are, and (for planners) an edit form. */
export function PolicyPanel({ sku, location }: { sku: string; location: string }) {
  const me = useMe();
  const policy = usePolicy(sku, location);
  const [editing, setEditing] = useState(false);
  const [queued, setQueued] = useState<PolicyChange | null>(null);
  const p = policy.data;
  // the API says whether a change waits; `queued` covers the moment between the 202 and the refetch
  const pending = p && p.pendingChange !== undefined ? p.pendingChange : queued;

  return (
    <Card
      title={
        <span className="row-gap">
          Reorder policy at <span className="mono">{location}</span>
          {p && <Badge tone={p.method === 'static' ? 'neutral' : 'accent'}>{p.method === 'static' ? 'Static' : p.method === 'dynamic' ? 'Dynamic' : 'Forecast'}</Badge>}
        </span>
      }
      actions={
        <>
          {p && <span className="muted small">{SOURCE_LABEL[p.source]}{p.computedAt ? ` · computed ${formatRelative(p.computedAt)}` : ''}</span>}
          {canEditPolicies(me.data) && policy.isSuccess && (
            <button type="button" className="btn btn--secondary btn--sm" onClick={() => setEditing(true)}>
              Edit policy
            </button>
          )}
        </>
      }
    >
      {policy.isLoading && <Skeleton height={160} />}
      {policy.isError && <ErrorBanner error={policy.error} title="Could not load the policy" onRetry={() => policy.refetch()} />}
      {policy.isSuccess && !p && <EmptyState title="No policy here yet">Set a static min/max, or let Stockpulse compute one from demand history.</EmptyState>}
      {pending && <PendingChangeBanner change={pending} />}
      {p && <PolicyFigures policy={p} />}
      {editing && <PolicyFormModal sku={sku} location={location} policy={p ?? null} onClose={() => setEditing(false)} onQueued={setQueued} />}
    </Card>
  );
}
