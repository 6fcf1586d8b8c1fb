import { FormEvent, useState } from 'react';
import { ApiKey, CreatedApiKey, Scope, SCOPES } from '../../api/types';
import { Column, DataTable } from '../../components/DataTable';
import { formatDate, formatRelative } from '../../components/format';
import { Badge, CopyButton, EmptyState, ErrorBanner, Field, Modal, PageHeader, splitFieldErrors } from '../../components/ui';
import { fetchApiKeys, identityKeys, useCreateApiKey, useRevokeApiKey } from './identity.queries';

const SCOPE_HINT: Record<Scope, string> = {
  'inventory:read': 'Read stock levels, history and movements',
  'inventory:write': 'Send stock movements',
  'catalog:read': 'Read SKUs, locations and suppliers',
  'catalog:write': 'Create and change SKUs, locations, suppliers; imports',
  'alerts:read': 'Read alerts',
  'alerts:write': 'Acknowledge, snooze and resolve alerts',
  'atp:read': 'Ask what can be promised',
  'atp:write': 'Reserve stock and send orders',
  admin: 'Everything, including users and keys',
};

function CreateKeyModal({ onClose }: { onClose: () => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['inventory:read', 'inventory:write']);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const { byField, formError } = splitFieldErrors(create.error, ['name', 'scopes']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: name.trim(), scopes }, { onSuccess: setCreated });
  };
  if (created) {
    return (
      <Modal title="API key created" onClose={onClose} footer={<button type="button" className="btn btn--primary" onClick={onClose}>Done</button>}>
        <div className="banner banner--warning" role="status">
          <div className="banner__content">
            <strong>Copy this key now.</strong> It is shown only once; Stockpulse stores only a hash of it.
          </div>
        </div>
        <div className="secret">
          <code aria-label="API key value">{created.key}</code>
          <CopyButton text={created.key} label="Copy key" />
        </div>
        <p className="muted">Send it as <code>Authorization: Bearer &lt;key&gt;</code>.</p>
      </Modal>
    );
  }
  return (
    <Modal
      title="New API key"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>Cancel</button>
          <button type="submit" form="key-form" className="btn btn--primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create key'}
          </button>
        </>
      }
    >
      <form id="key-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The key was not created" />
        <Field label="Name" error={byField.name} hint="Who uses it, e.g. “ERP nightly sync”.">
          {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset className="fieldset">
          <legend>Scopes</legend>
          <div className="scope-grid">
            {SCOPES.map((s) => (
              <label key={s} className="checkbox checkbox--card">
                <input type="checkbox" checked={scopes.includes(s)} onChange={(e) => setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))} />
                <span>
                  <code>{s}</code>
                  <span className="muted">{SCOPE_HINT[s]}</span>
                </span>
              </label>
            ))}
          </div>
          {byField.scopes && <div className="field__error" role="alert">{byField.scopes}</div>}
        </fieldset>
      </form>
    </Modal>
  );
}

export function ApiKeysPage() {
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const columns: Column<ApiKey>[] = [
    { key: 'name', header: 'Name', sortKey: 'name', render: (k) => <div className="cell-stack"><span className="strong">{k.name}</span>{k.prefix && <span className="muted mono">{k.prefix}…</span>}</div> },
    { key: 'scopes', header: 'Scopes', render: (k) => <div className="chips">{k.scopes.map((s) => <Badge key={s} tone={s === 'admin' ? 'danger' : 'neutral'}>{s}</Badge>)}</div> },
    { key: 'createdAt', header: 'Created', sortKey: 'createdAt', render: (k) => <span className="muted">{formatDate(k.createdAt)}</span> },
    { key: 'lastUsedAt', header: 'Last used', render: (k) => <span className="muted">{k.lastUsedAt ? formatRelative(k.lastUsedAt) : 'Never'}</span> },
    { key: 'status', header: 'Status', render: (k) => (k.revokedAt ? <Badge tone="danger">Revoked</Badge> : <Badge tone="success">Active</Badge>) },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      render: (k) =>
        !k.revokedAt && (
          <button
            type="button"
            className="btn btn--danger-ghost btn--sm"
            aria-label={`Revoke ${k.name}`}
            disabled={revoke.isPending}
            onClick={() => window.confirm(`Revoke “${k.name}”? Integrations using it will get 401 at once.`) && revoke.mutate(k.id)}
          >
            Revoke
          </button>
        ),
    },
  ];
  return (
    <div className="page">
      <PageHeader title="API keys" subtitle="Keys that ERPs, WMSs, sales channels and scripts use, each with only the scopes it needs." actions={<button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>New API key</button>} />
      <ErrorBanner error={revoke.error} title="The key was not revoked" />
      <DataTable<ApiKey>
        label="API keys"
        queryKey={identityKeys.apiKeyList}
        fetchPage={fetchApiKeys}
        columns={columns}
        rowKey={(k) => k.id}
        empty={<EmptyState title="No API keys">Create a key for each integration, with only the scopes it needs.</EmptyState>}
      />
      {creating && <CreateKeyModal onClose={() => setCreating(false)} />}
    </div>
  );
}
