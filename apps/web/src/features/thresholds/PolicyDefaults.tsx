import type { PolicyDefault, PolicyDefaultScope } from '@stockpulse/contracts';
import { FormEvent, useId, useState } from 'react';
import { formatRelative } from '../../components/format';
import { Badge, Card, EmptyState, ErrorBanner, Field, Modal, ModalFormFooter, Skeleton, splitFieldErrors } from '../../components/ui';
import { useAllLocations, useCategories } from '../catalog/catalog.queries';
import { settingsFigures } from './PolicyPanel';
import { POLICY_FIELDS, PolicySettingsFields, toDraft, toPolicyInput } from './PolicySettingsFields';
import { usePolicyDefaults, useSavePolicyDefault } from './thresholds.queries';

const SCOPE_LABEL: Record<PolicyDefaultScope, string> = { location: 'Location', category: 'Category' };
const ERROR_FIELDS = ['scope', 'key', 'requiresApproval', ...POLICY_FIELDS.map((f) => `settings.${f}`)];

/** Set or edit the default of a location or a category; `existing` fixes the scope and key. */
function PolicyDefaultModal({
  existing,
  defaults,
  admin,
  onClose,
  onRecompute,
}: {
  existing: PolicyDefault | null;
  defaults: PolicyDefault[];
  admin: boolean;
  onClose: () => void;
  onRecompute: (runId: string) => void;
}) {
  const save = useSavePolicyDefault();
  const approvalHintId = useId();
  const locations = useAllLocations();
  const categories = useCategories();
  const [scope, setScope] = useState<PolicyDefaultScope>(existing?.scope ?? 'category');
  const [key, setKey] = useState(existing?.key ?? '');
  const [keyMissing, setKeyMissing] = useState(false);
  const [draft, setDraft] = useState(() => toDraft(existing?.settings));
  const [requiresApproval, setRequiresApproval] = useState(existing?.requiresApproval ?? false);
  const { byField, formError } = splitFieldErrors(save.error, ERROR_FIELDS);
  const settingsErrors = Object.fromEntries(POLICY_FIELDS.map((f) => [f, byField[`settings.${f}`]]));

  // picking a scope and key that already have a default edits that one
  const pick = (nextScope: PolicyDefaultScope, nextKey: string) => {
    setScope(nextScope);
    setKey(nextKey);
    setKeyMissing(false);
    const found = defaults.find((d) => d.scope === nextScope && d.key === nextKey);
    if (found) {
      setDraft(toDraft(found.settings));
      setRequiresApproval(found.requiresApproval);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!key) {
      setKeyMissing(true);
      return;
    }
    save.mutate(
      // only an admin may turn the approval requirement on or off; a planner's save keeps it as it is
      { scope, key, settings: toPolicyInput(draft), ...(scope === 'category' && admin ? { requiresApproval } : {}) },
      {
        onSuccess: (saved) => {
          if (saved.recomputeRunId) onRecompute(saved.recomputeRunId);
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      title={existing ? `Default policy: ${SCOPE_LABEL[existing.scope].toLowerCase()} ${existing.key}` : 'New default policy'}
      onClose={onClose}
      wide
      footer={<ModalFormFooter form="policy-default-form" onCancel={onClose} pending={save.isPending} label="Save default" pendingLabel="Saving…" />}
    >
      <form id="policy-default-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The default was not saved" />
        <div className="form-grid">
          <Field label="Applies to" error={byField.scope} hint="A SKU × location without its own policy inherits its location's default, else its category's.">
            {(id, d) => (
              <select id={id} aria-describedby={d} value={scope} disabled={!!existing} onChange={(e) => pick(e.target.value as PolicyDefaultScope, '')}>
                <option value="category">Every SKU of a category</option>
                <option value="location">Every SKU at a location</option>
              </select>
            )}
          </Field>
          <Field label={scope === 'location' ? 'Location' : 'Category'} error={keyMissing ? `choose a ${scope}` : byField.key}>
            {(id, d) => (
              <select id={id} aria-describedby={d} value={key} disabled={!!existing} onChange={(e) => pick(scope, e.target.value)}>
                <option value="">{scope === 'location' ? 'Choose a location' : 'Choose a category'}</option>
                {scope === 'location'
                  ? (locations.data?.items ?? []).map((l) => (
                      <option key={l.code} value={l.code}>
                        {l.code} · {l.name}
                      </option>
                    ))
                  : (categories.data ?? []).map((c) => (
                      <option key={c.category} value={c.category}>
                        {c.category}
                      </option>
                    ))}
                {/* a default of a category that no SKU carries any more stays editable */}
                {existing && !(scope === 'location' ? locations.data?.items.some((l) => l.code === key) : categories.data?.some((c) => c.category === key)) && <option value={key}>{key}</option>}
              </select>
            )}
          </Field>
        </div>
        <PolicySettingsFields draft={draft} onChange={setDraft} errors={settingsErrors} />
        <p className="muted small">Saving recomputes the SKU × locations that inherit it; the progress shows at the top of this page.</p>
        {scope === 'category' && (
          <div className={`field ${byField.requiresApproval ? 'field--invalid' : ''}`}>
            <label className="checkbox">
              <input type="checkbox" aria-describedby={approvalHintId} checked={requiresApproval} disabled={!admin} onChange={(e) => setRequiresApproval(e.target.checked)} />
              Changes need admin approval
            </label>
            {byField.requiresApproval ? (
              <div id={approvalHintId} className="field__error" role="alert">
                {byField.requiresApproval}
              </div>
            ) : (
              <div id={approvalHintId} className="field__hint">
                {admin ? "A planner's change to a policy's method, safety stock or lead time in this category waits for an admin." : 'Only an admin may turn this on or off.'}
              </div>
            )}
          </div>
        )}
      </form>
    </Modal>
  );
}

/** The defaults a SKU x location inherits when it has no policy of its own, and (for planners) a form to set one. */
export function PolicyDefaultsCard({ editable, admin, onRecompute }: { editable: boolean; admin: boolean; onRecompute: (runId: string) => void }) {
  const defaults = usePolicyDefaults();
  const [editing, setEditing] = useState<PolicyDefault | 'new' | null>(null);
  const items = [...(defaults.data ?? [])].sort((a, b) => a.scope.localeCompare(b.scope) || a.key.localeCompare(b.key));

  return (
    <Card
      title="Defaults"
      flush
      actions={
        editable && (
          <button type="button" className="btn btn--secondary btn--sm" onClick={() => setEditing('new')}>
            Set a default
          </button>
        )
      }
    >
      {defaults.isError && (
        <div className="card__pad">
          <ErrorBanner error={defaults.error} title="Could not load the defaults" onRetry={() => defaults.refetch()} />
        </div>
      )}
      {defaults.isLoading && (
        <div className="card__pad">
          <Skeleton height={60} />
        </div>
      )}
      {defaults.isSuccess && items.length === 0 && (
        <EmptyState title="No defaults set">Every SKU × location without a policy of its own is computed (dynamic) with its class's service level.</EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="table" aria-label="Policy defaults">
            <thead>
              <tr>
                <th>Scope</th>
                <th>Applies to</th>
                <th>Method</th>
                <th>Figures</th>
                <th>Approval</th>
                <th style={{ textAlign: 'right' }}>Updated</th>
                {editable && <th aria-label="Actions" />}
              </tr>
            </thead>
            <tbody>
              {items.map((d) => {
                const figures = settingsFigures(d.settings);
                return (
                  <tr key={`${d.scope}:${d.key}`}>
                    <td>{SCOPE_LABEL[d.scope]}</td>
                    <td className={d.scope === 'location' ? 'mono strong' : 'strong'}>{d.key}</td>
                    <td>
                      <Badge tone={d.settings.method === 'static' ? 'neutral' : 'accent'}>{d.settings.method === 'static' ? 'Static' : d.settings.method === 'dynamic' ? 'Dynamic' : 'Forecast'}</Badge>
                    </td>
                    <td className="small">{figures.length > 0 ? figures.join(', ') : <span className="muted">computed</span>}</td>
                    <td>{d.scope === 'category' ? d.requiresApproval ? <Badge tone="warning">Admin approval</Badge> : <span className="muted">not needed</span> : <span className="muted">—</span>}</td>
                    <td className="muted small nowrap" style={{ textAlign: 'right' }}>
                      {formatRelative(d.updatedAt)}
                    </td>
                    {editable && (
                      <td style={{ textAlign: 'right' }}>
                        <button type="button" className="btn btn--ghost btn--sm" onClick={() => setEditing(d)} aria-label={`Edit the ${d.scope} default of ${d.key}`}>
                          Edit
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editing && <PolicyDefaultModal existing={editing === 'new' ? null : editing} defaults={items} admin={admin} onClose={() => setEditing(null)} onRecompute={onRecompute} />}
    </Card>
  );
}
