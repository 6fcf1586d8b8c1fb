import type { AuditEntry } from '../../api/types';
import { Column, DataTable } from '../../components/DataTable';
import { formatDateTime, formatRelative } from '../../components/format';
import { Badge, EmptyState, PageHeader } from '../../components/ui';
import { useDebouncedUrlParam, useUrlState } from '../../components/url-state';
import { fetchAuditLog, identityKeys } from './identity.queries';

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Before and after side by side, field by field; changed fields first and highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  if (!isPlainObject(before) && !isPlainObject(after)) {
    return (
      <div className="diff diff--raw">
        <pre>{show(before) || '—'}</pre>
        <pre>{show(after) || '—'}</pre>
      </div>
    );
  }
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)]));
  const rows = keys
    .map((k) => ({ k, before: b[k], after: a[k], changed: JSON.stringify(b[k]) !== JSON.stringify(a[k]) }))
    .sort((x, y) => Number(y.changed) - Number(x.changed));
  return (
    <table className="diff" aria-label="Changes">
      <thead>
        <tr>
          <th>Field</th>
          <th>Before</th>
          <th>After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.k} className={r.changed ? 'is-changed' : ''}>
            <td><code>{r.k}</code></td>
            <td className={r.changed && before != null ? 'diff__before' : ''}>{before == null ? <span className="muted">—</span> : show(r.before)}</td>
            <td className={r.changed && after != null ? 'diff__after' : ''}>{after == null ? <span className="muted">—</span> : show(r.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function actionTone(action: string): 'success' | 'danger' | 'info' | 'neutral' {
  if (/created|recorded|imported/.test(action)) return 'success';
  if (/deleted|revoked|deactivated/.test(action)) return 'danger';
  if (/updated|changed/.test(action)) return 'info';
  return 'neutral';
}

const columns: Column<AuditEntry>[] = [
  { key: 'at', header: 'When', sortKey: 'at', width: 220, render: (e) => <div className="cell-stack nowrap"><span>{formatDateTime(e.at)}</span><span className="muted">{formatRelative(e.at)}</span></div> },
  { key: 'actor', header: 'Who', render: (e) => <div className="cell-stack"><span className="strong">{e.actor.name}</span><span className="muted">{e.actor.kind === 'api-key' ? 'API key' : e.actor.kind}</span></div> },
  { key: 'action', header: 'Action', render: (e) => <Badge tone={actionTone(e.action)}>{e.action}</Badge> },
  { key: 'entity', header: 'Entity', render: (e) => <span><span className="muted">{e.entityType}</span> <span className="mono strong">{e.entityId}</span></span> },
];

export function AuditLogPage() {
  const { get, set } = useUrlState();
  const [entityId, setEntityId] = useDebouncedUrlParam('entityId');
  const entityType = get('entityType');
  return (
    <div className="page">
      <PageHeader title="Audit log" subtitle="Every change made through Stockpulse: who, when, and the values before and after." />
      <div className="toolbar">
        <label className="select-label">
          <span>Entity</span>
          <select aria-label="Entity type" value={entityType} onChange={(e) => set({ entityType: e.target.value || null })}>
            <option value="">All entities</option>
            {['sku', 'location', 'supplier', 'supplier-terms', 'movement', 'import', 'user', 'api-key'].map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <div className="search">
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden fill="none" stroke="currentColor" strokeWidth="2"><circle cx="11" cy="11" r="7" /><path d="M20 20l-3.5-3.5" /></svg>
          <input type="search" aria-label="Entity id" placeholder="Entity id or code" value={entityId} onChange={(e) => setEntityId(e.target.value)} />
        </div>
      </div>
      <DataTable<AuditEntry>
        label="Audit log"
        queryKey={identityKeys.auditLog}
        fetchPage={fetchAuditLog}
        filters={{ entityType: entityType || undefined, entityId: get('entityId') || undefined }}
        columns={columns}
        rowKey={(e) => e.id}
        renderExpanded={(e) => <AuditDiff before={e.before} after={e.after} />}
        empty={<EmptyState title="No entries">Changes made through the dashboard or the API appear here.</EmptyState>}
      />
    </div>
  );
}
