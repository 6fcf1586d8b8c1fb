import type { AlertSettings } from '@stockpulse/contracts';
import { FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Banner, Card, ErrorBanner, Field, PageHeader, Skeleton, splitFieldErrors } from '../../components/ui';
import { useAlertSettings, useSaveAlertSettings } from './alerts.queries';

const FIELDS = ['approachDays', 'reArmDays', 'escalateAfterMinutes'] as const;

/** A non-number goes to the API as typed, so its answer names the field. */
function numberOrText(s: string): number {
  const t = s.trim();
  return (t === '' || !Number.isFinite(Number(t)) ? t : Number(t)) as number;
}

export function AlertSettingsForm() {
  const settings = useAlertSettings();
  const save = useSaveAlertSettings();
  const [form, setForm] = useState<Record<(typeof FIELDS)[number], string> | null>(null);
  const [saved, setSaved] = useState(false);
  const { byField, formError } = splitFieldErrors(save.error, [...FIELDS]);

  useEffect(() => {
    if (settings.data && !form) {
      setForm({
        approachDays: String(settings.data.approachDays),
        reArmDays: String(settings.data.reArmDays),
        escalateAfterMinutes: String(settings.data.escalateAfterMinutes),
      });
    }
  }, [settings.data, form]);

  if (settings.isError) return <ErrorBanner error={settings.error} title="Could not load the alert settings" onRetry={() => settings.refetch()} />;
  if (!form) return <Skeleton height={160} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body: AlertSettings = {
      approachDays: numberOrText(form.approachDays),
      reArmDays: numberOrText(form.reArmDays),
      escalateAfterMinutes: numberOrText(form.escalateAfterMinutes),
    };
    save.mutate(body, { onSuccess: () => setSaved(true) });
  };
  const bind = (k: (typeof FIELDS)[number]) => ({
    value: form[k],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
    inputMode: 'decimal' as const,
    className: 'num',
  });

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Alert settings">
      <ErrorBanner error={formError} title="The settings were not saved" />
      {saved && <Banner tone="success">Saved. Every SKU × location is being evaluated again with them.</Banner>}
      <div className="form-grid form-grid--3">
        <Field label="Approach margin (days of demand)" error={byField.approachDays} hint="“Approaching” opens when the position is within this many days of demand above the reorder point.">
          {(id, d) => <input id={id} aria-describedby={d} {...bind('approachDays')} />}
        </Field>
        <Field label="Re-arm margin (days of demand)" error={byField.reArmDays} hint="After an alert resolves, a new one opens only once the position recovered this far above the reorder point.">
          {(id, d) => <input id={id} aria-describedby={d} {...bind('reArmDays')} />}
        </Field>
        <Field label="Escalate after (minutes)" error={byField.escalateAfterMinutes} hint="A critical or stockout alert nobody acknowledged in this time is escalated.">
          {(id, d) => <input id={id} aria-describedby={d} {...bind('escalateAfterMinutes')} />}
        </Field>
      </div>
      <div>
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}

export function AlertSettingsPage() {
  return (
    <div className="page">
      <PageHeader
        breadcrumb={
          <>
            <Link to="/alerts">Alerts</Link>
            <span aria-hidden>/</span>
            <span>Settings</span>
          </>
        }
        title="Alert settings"
        subtitle="When alerts open, when they may open again, and when an unanswered one is escalated. For every SKU × location."
      />
      <Card title="Thresholds and escalation">
        <AlertSettingsForm />
      </Card>
    </div>
  );
}
