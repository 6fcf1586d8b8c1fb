import { FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ErrorBanner, Field, splitFieldErrors } from '../../components/ui';
import { Logo } from '../../components/Logo';
import { useLogin, useMe } from './auth.queries';

export function LoginPage() {
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/skus';

  if (me.data) return <Navigate to={target} replace />;

  const { byField, formError } = splitFieldErrors(login.error, ['email', 'password']);
  const wrongCredentials = login.error instanceof ApiError && login.error.status === 401;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(target, { replace: true }) });
  };

  return (
    <div className="login">
      <div className="login__panel">
        <div className="login__brand">
          <Logo />
          <span>Stockpulse</span>
        </div>
        <h1>Sign in</h1>
        <p className="muted">One record of stock for every SKU and location.</p>
        <form onSubmit={submit} noValidate className="form">
          {wrongCredentials ? (
            <div className="banner banner--error" role="alert">
              <div className="banner__content">
                <strong>Email or password is incorrect.</strong>
              </div>
            </div>
          ) : (
            <ErrorBanner error={formError} title="Could not sign in" />
          )}
          <Field label="Email" error={byField.email}>
            {(id, d) => <input id={id} aria-describedby={d} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />}
          </Field>
          <Field label="Password" error={byField.password}>
            {(id, d) => (
              <input id={id} aria-describedby={d} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
            )}
          </Field>
          <button type="submit" className="btn btn--primary btn--block" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
      <div className="login__aside" aria-hidden>
        <div className="login__aside-inner">
          <div className="login__quote">Know what is where, what it was, and what to order next.</div>
          <div className="login__bars">
            {[38, 52, 44, 61, 57, 70, 64, 78, 72, 85, 80, 92].map((h, i) => (
              <span key={i} style={{ height: `${h}%` }} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
