import { FormEvent, useState } from 'react';
import { ROLES, Role, User } from '../../api/types';
import { Column, DataTable } from '../../components/DataTable';
import { formatRelative } from '../../components/format';
import { Badge, EmptyState, ErrorBanner, Field, Modal, PageHeader, splitFieldErrors } from '../../components/ui';
import { useDebouncedUrlParam, useUrlState } from '../../components/url-state';
import { useMe } from '../auth/auth.queries';
import { fetchUsers, identityKeys, useCreateUser, useUpdateUser } from './identity.queries';

const ROLE_HINT: Record<Role, string> = {
  admin: 'Everything, including users, API keys and the audit log',
  planner: 'Reads and changes catalog, stock, alerts and promises',
  viewer: 'Reads only',
};

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const create = useCreateUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('planner');
  const [password, setPassword] = useState('');
  const { byField, formError } = splitFieldErrors(create.error, ['name', 'email', 'role', 'password']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: name.trim(), email: email.trim(), role, password }, { onSuccess: onClose });
  };
  return (
    <Modal
      title="New user"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>Cancel</button>
          <button type="submit" form="user-form" className="btn btn--primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create user'}
          </button>
        </>
      }
    >
      <form id="user-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={formError} title="The user was not created" />
        <Field label="Name" error={byField.name}>
          {(id, d) => <input id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Email" error={byField.email}>
          {(id, d) => <input id={id} aria-describedby={d} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label="Role" error={byField.role} hint={ROLE_HINT[role]}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => <option key={r} value={r}>{r[0]!.toUpperCase() + r.slice(1)}</option>)}
            </select>
          )}
        </Field>
        <Field label="Initial password" error={byField.password} hint="Share it securely; the user signs in with it.">
          {(id, d) => <input id={id} aria-describedby={d} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
      </form>
    </Modal>
  );
}

export function UsersPage() {
  const me = useMe();
  const update = useUpdateUser();
  const { get, set } = useUrlState();
  const [search, setSearch] = useDebouncedUrlParam('q');
  const [creating, setCreating] = useState(false);
  const role = get('role');
  const columns: Column<User>[] = [
    {
      key: 'name',
      header: 'Name',
      sortKey: 'name',
      render: (u) => (
        <div className="cell-stack">
          <span className="strong">{u.name}{u.id === me.data?.id && <span className="muted"> (you)</span>}</span>
          <span className="muted">{u.email}</span>
        </div>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      sortKey: 'role',
      width: 170,
      render: (u) => (
        <select
          aria-label={`Role of ${u.email}`}
          value={u.role}
          disabled={u.id === me.data?.id || update.isPending}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => update.mutate({ id: u.id, role: e.target.value as Role })}
        >
          {ROLES.map((r) => <option key={r} value={r}>{r[0]!.toUpperCase() + r.slice(1)}</option>)}
        </select>
      ),
    },
    { key: 'active', header: 'Status', render: (u) => (u.active ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Deactivated</Badge>) },
    { key: 'createdAt', header: 'Created', align: 'right', render: (u) => <span className="muted">{formatRelative(u.createdAt)}</span> },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      render: (u) =>
        u.id === me.data?.id ? null : (
          <button
            type="button"
            className={`btn btn--sm ${u.active ? 'btn--danger-ghost' : 'btn--ghost'}`}
            disabled={update.isPending}
            onClick={() => {
              if (!u.active || window.confirm(`Deactivate ${u.name}? They will be signed out and can no longer sign in.`)) update.mutate({ id: u.id, active: !u.active });
            }}
          >
            {u.active ? `Deactivate` : `Reactivate`}
            <span className="sr-only"> {u.email}</span>
          </button>
        ),
    },
  ];
  return (
    <div className="page">
      <PageHeader title="Users" subtitle="People who sign in to Stockpulse, and what their role lets them do." actions={<button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>New user</button>} />
      <ErrorBanner error={update.error} title="The change was not saved" />
      <div className="toolbar">
        <div className="search">
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden fill="none" stroke="currentColor" strokeWidth="2"><circle cx="11" cy="11" r="7" /><path d="M20 20l-3.5-3.5" /></svg>
          <input type="search" aria-label="Search users" placeholder="Search by name or email" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <label className="select-label">
          <span>Role</span>
          <select aria-label="Role filter" value={role} onChange={(e) => set({ role: e.target.value || null })}>
            <option value="">All roles</option>
            {ROLES.map((r) => <option key={r} value={r}>{r[0]!.toUpperCase() + r.slice(1)}</option>)}
          </select>
        </label>
      </div>
      <DataTable<User>
        label="Users"
        queryKey={identityKeys.userList}
        fetchPage={fetchUsers}
        filters={{ q: get('q') || undefined, role: role || undefined }}
        columns={columns}
        rowKey={(u) => u.id}
        empty={<EmptyState title="No users match">Try another search.</EmptyState>}
      />
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
    </div>
  );
}
