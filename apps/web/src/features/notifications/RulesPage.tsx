import type { NotificationRule } from '@stockpulse/contracts';
import { FormEvent, useCallback, useState } from 'react';
import { Column, DataTable } from '../../components/DataTable';
import { Badge, EmptyState, ErrorBanner, Modal, ModalFormFooter, QueryFallback, splitFieldErrors } from '../../components/ui';
import { useOpenRow } from '../../components/url-state';
import { useMe } from '../auth/auth.queries';
import { canManageNotifications, fetchRules, notificationKeys, useDeleteRule, useRule, useSaveRule, useToggleRule } from './notifications.queries';
import { NotificationsPage } from './NotificationsPage';
import { RuleDraft, RuleFields, ruleFields, toRuleBody, toRuleDraft } from './RuleForm';

const tierKeys = (d: RuleDraft) => d.escalation.map((t) => t.key).join();

/** The form of a new rule (no `rule`) or of an existing one, which can also be deleted from here. */
function RuleModal({ rule, onClose }: { rule?: NotificationRule; onClose: () => void }) {
  const save = useSaveRule(rule?.id);
  const remove = useDeleteRule();
  const [draft, setDraft] = useState(() => toRuleDraft(rule));
  const { byField, formError } = splitFieldErrors(save.error, ruleFields(draft));
  const change = (next: RuleDraft) => {
    // the API names a tier by its index: once tiers move, its errors would point at the wrong one
    if (tierKeys(next) !== tierKeys(draft)) save.reset();
    setDraft(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(toRuleBody(draft), { onSuccess: onClose });
  };
  const onDelete = () => {
    if (rule && window.confirm(`Delete the rule “${rule.name}”? The alerts it routes will no longer reach its recipients.`)) remove.mutate(rule.id, { onSuccess: onClose });
  };
  return (
    <Modal
      title={rule ? `Rule: ${rule.name}` : 'New rule'}
      onClose={onClose}
      wide
      footer={
        <>
          {rule && (
            <button type="button" className="btn btn--danger-ghost footer-start" onClick={onDelete} disabled={remove.isPending}>
              Delete rule
            </button>
          )}
          <ModalFormFooter form="rule-form" onCancel={onClose} pending={save.isPending} label={rule ? 'Save rule' : 'Create rule'} pendingLabel="Saving…" />
        </>
      }
    >
      <form id="rule-form" className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={remove.error} title="The rule was not deleted" />
        <ErrorBanner error={formError} title={rule ? 'The rule was not saved' : 'The rule was not created'} />
        <RuleFields draft={draft} onChange={change} errors={byField} />
      </form>
    </Modal>
  );
}

function EditRuleModal({ id, onClose }: { id: string; onClose: () => void }) {
  const rule = useRule(id);
  if (rule.data) return <RuleModal key={rule.data.id} rule={rule.data} onClose={onClose} />;
  return (
    <Modal title="Rule" onClose={onClose}>
      <QueryFallback query={rule} what="rule" />
    </Modal>
  );
}

const any = (l: string[]) => (l.length ? l.join(', ') : 'any');

/** Routing rules; `?edit=<id>` opens one in the form. */
export function RulesPage() {
  const me = useMe();
  const canManage = canManageNotifications(me.data);
  const { openId: editing, open, close } = useOpenRow();
  const [creating, setCreating] = useState(false);
  const stopCreating = useCallback(() => setCreating(false), []);
  const toggle = useToggleRule();
  const columns: Column<NotificationRule>[] = [
    { key: 'name', header: 'Name', render: (r) => <span className="strong">{r.name}</span> },
    { key: 'filters', header: 'When', render: (r) => <span className="muted">severity {any(r.severities)}; kind {any(r.kinds)}; location {any(r.locations)}; category {any(r.categories)}; supplier {any(r.suppliers)}</span> },
    { key: 'channels', header: 'Channels', render: (r) => <div className="chips">{r.channels.map((c) => <Badge key={c}>{c}</Badge>)}</div> },
    { key: 'who', header: 'Recipients', render: (r) => `${r.recipients.length}${r.escalation.length ? ` + ${r.escalation.length} escalation tier${r.escalation.length > 1 ? 's' : ''}` : ''}` },
    {
      key: 'active',
      header: 'Active',
      render: (r) => (
        <button
          type="button"
          className="btn btn--ghost btn--sm"
          aria-label={`${r.active ? 'Pause' : 'Resume'} ${r.name}`}
          disabled={!canManage}
          onClick={(e) => {
            e.stopPropagation();
            toggle.mutate({ id: r.id, active: !r.active });
          }}
        >
          {r.active ? <Badge tone="success">Active</Badge> : <Badge>Paused</Badge>}
        </button>
      ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      render: (r) =>
        canManage && (
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            aria-label={`Edit ${r.name}`}
            onClick={(e) => {
              e.stopPropagation();
              open(r.id);
            }}
          >
            Edit
          </button>
        ),
    },
  ];
  return (
    <NotificationsPage
      subtitle="Routing rules: which alerts reach whom, on which channels, and who is told when nobody acknowledges."
      actions={canManage && <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>New rule</button>}
    >
      <ErrorBanner error={toggle.error} title="The rule was not changed" />
      <DataTable<NotificationRule>
        label="Rules"
        queryKey={notificationKeys.rules}
        fetchPage={fetchRules}
        columns={columns}
        rowKey={(r) => r.id}
        onRowClick={canManage ? (r) => open(r.id) : undefined}
        empty={<EmptyState title="No rules">Without a rule, alerts show on the dashboard only.</EmptyState>}
      />
      {creating && <RuleModal onClose={stopCreating} />}
      {editing && <EditRuleModal id={editing} onClose={close} />}
    </NotificationsPage>
  );
}
