import { ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';

export function PageHeader(props: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; breadcrumb?: ReactNode }) {
  return (
    <header className="page-header">
      <div className="page-header__text">
        {props.breadcrumb && <nav className="breadcrumb" aria-label="Breadcrumb">{props.breadcrumb}</nav>}
        <h1>{props.title}</h1>
        {props.subtitle && <p className="page-header__subtitle">{props.subtitle}</p>}
      </div>
      {props.actions && <div className="page-header__actions">{props.actions}</div>}
    </header>
  );
}

export function Card(props: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; flush?: boolean }) {
  return (
    <section className={`card ${props.flush ? 'card--flush' : ''} ${props.className ?? ''}`}>
      {(props.title || props.actions) && (
        <div className="card__header">
          {props.title && <h2 className="card__title">{props.title}</h2>}
          {props.actions && <div className="card__actions">{props.actions}</div>}
        </div>
      )}
      <div className="card__body">{props.children}</div>
    </section>
  );
}

export function ErrorBanner({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const fieldErrors = problem?.errors ?? [];
  return (
    <div className="banner banner--error" role="alert">
      <div className="banner__icon" aria-hidden>!</div>
      <div className="banner__content">
        <strong>{title ?? problem?.title ?? 'Something went wrong'}</strong>
        <div>{errorMessage(error)}</div>
        {fieldErrors.length > 0 && (
          <ul className="banner__list">
            {fieldErrors.map((e, i) => (
              <li key={i}>
                {e.path && <code>{e.path}</code>} {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {onRetry && (
        <button type="button" className="btn btn--ghost btn--sm" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function Banner({ tone = 'info', children }: { tone?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`banner banner--${tone}`} role="status">
      <div className="banner__content">{children}</div>
    </div>
  );
}

export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="empty-state">
      <div className="empty-state__icon" aria-hidden>
        {props.icon ?? '∅'}
      </div>
      <h3>{props.title}</h3>
      {props.children && <p>{props.children}</p>}
      {props.action}
    </div>
  );
}

/** What a detail view shows until its query has data: a skeleton, "not found" for a 404, or the error with a retry. */
export function QueryFallback({ query, what }: { query: { isLoading: boolean; isError: boolean; error: unknown; refetch: () => unknown }; what: string }) {
  if (query.isLoading) return <Skeleton height={160} />;
  if (!query.isError) return null;
  if (query.error instanceof ApiError && query.error.status === 404) {
    return <EmptyState title={`${what[0]!.toUpperCase()}${what.slice(1)} not found`}>It may have been deleted, or the link is wrong.</EmptyState>;
  }
  return <ErrorBanner error={query.error} title={`Could not load the ${what}`} onRetry={() => query.refetch()} />;
}

export function Skeleton({ width = '100%', height = 14 }: { width?: number | string; height?: number }) {
  return <span className="skeleton" style={{ width, height }} aria-hidden />;
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'accent'; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

/** A labelled form control with its server-side error shown under it. */
export function Field(props: { label: string; error?: string; hint?: ReactNode; children: (id: string, describedBy?: string) => ReactNode; className?: string }) {
  const id = useId();
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [props.error ? errId : '', props.hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${props.error ? 'field--invalid' : ''} ${props.className ?? ''}`}>
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      {props.children(id, describedBy)}
      {props.hint && !props.error && (
        <div id={hintId} className="field__hint">
          {props.hint}
        </div>
      )}
      {props.error && (
        <div id={errId} className="field__error" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}

/** Field errors of a failed mutation, keyed by path; `formError` is what no field claims. */
export function splitFieldErrors(error: unknown, fields: string[]) {
  const byField: Record<string, string | undefined> = {};
  let unclaimed = false;
  if (error instanceof ApiError) {
    for (const f of fields) byField[f] = error.fieldError(f);
    const errs = error.problem.errors ?? [];
    unclaimed = errs.length === 0 || errs.some((e) => !fields.some((f) => e.path === f || e.path.startsWith(`${f}.`) || e.path.startsWith(`${f}[`)));
  } else if (error) {
    unclaimed = true;
  }
  return { byField, formError: unclaimed ? error : undefined };
}

export function Modal(props: { title: string; onClose: () => void; children: ReactNode; footer?: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const { onClose } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.modal__close)');
    first?.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`modal ${props.wide ? 'modal--wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref}>
        <div className="modal__header">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" className="modal__close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="modal__body">{props.children}</div>
        {props.footer && <div className="modal__footer">{props.footer}</div>}
      </div>
    </div>
  );
}

/** Cancel and submit for a modal whose form has the id `form`. */
export function ModalFormFooter(props: { form: string; onCancel: () => void; pending: boolean; label: string; pendingLabel: string }) {
  return (
    <>
      <button type="button" className="btn btn--ghost" onClick={props.onCancel}>
        Cancel
      </button>
      <button type="submit" form={props.form} className="btn btn--primary" disabled={props.pending}>
        {props.pending ? props.pendingLabel : props.label}
      </button>
    </>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn btn--secondary btn--sm"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          const ta = document.createElement('textarea');
          ta.value = text;
          document.body.appendChild(ta);
          ta.select();
          document.execCommand('copy');
          ta.remove();
        }
        setCopied(true);
        window.setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

export function StatCard(props: { label: string; value: ReactNode; hint?: ReactNode; tone?: 'default' | 'accent' | 'danger' }) {
  return (
    <div className={`stat stat--${props.tone ?? 'default'}`}>
      <div className="stat__label">{props.label}</div>
      <div className="stat__value">{props.value}</div>
      {props.hint && <div className="stat__hint">{props.hint}</div>}
    </div>
  );
}

export function ProgressBar({ percent, label, tone = 'accent' }: { percent: number; label: string; tone?: 'accent' | 'success' | 'danger' }) {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className={`progress progress--${tone}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={p}>
      <div className="progress__fill" style={{ width: `${p}%` }} />
    </div>
  );
}
