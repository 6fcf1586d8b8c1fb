import { ReactNode, useEffect } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { onUnauthenticated } from '../api/client';
import { useOpenAlertCount } from '../features/alerts/alerts.queries';
import { AlertStreamProvider } from '../features/alerts/AlertStream';
import { authKeys, isAdmin, useLogout, useMe } from '../features/auth/auth.queries';
import { NotificationBell } from '../features/notifications/NotificationBell';
import type { Me } from '../api/types';
import { formatCompact } from './format';
import { Logo } from './Logo';
import { ErrorBanner, Spinner } from './ui';

const icons: Record<string, ReactNode> = {
  skus: <path d="M4 7l8-4 8 4-8 4-8-4zm0 0v10l8 4 8-4V7M12 11v10" />,
  locations: <path d="M12 21s-7-6.2-7-11a7 7 0 1114 0c0 4.8-7 11-7 11zm0-8.5a2.5 2.5 0 100-5 2.5 2.5 0 000 5z" />,
  suppliers: <path d="M3 16V6h11v10M14 10h4l3 3v3h-7M7 19a2 2 0 100-4 2 2 0 000 4zm10 0a2 2 0 100-4 2 2 0 000 4z" />,
  imports: <path d="M12 3v12m0 0l-4-4m4 4l4-4M4 17v3h16v-3" />,
  users: <path d="M16 20v-1a4 4 0 00-4-4H7a4 4 0 00-4 4v1M9.5 11a3.5 3.5 0 100-7 3.5 3.5 0 000 7zM21 20v-1a4 4 0 00-3-3.9M15.5 4.1a3.5 3.5 0 010 6.8" />,
  keys: <path d="M14.5 9.5a4.5 4.5 0 11-9 0 4.5 4.5 0 019 0zM13 13l8 8m-3-3l2-2m-4 0l2-2" />,
  audit: <path d="M9 5h10M9 12h10M9 19h10M4 5h.01M4 12h.01M4 19h.01" />,
  alerts: <path d="M6 8a6 6 0 1112 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 003.4 0" />,
  policies: <path d="M4 21v-7M4 10V3M12 21v-9M12 8V3M20 21v-5M20 12V3M1 14h6M9 8h6M17 16h6" />,
  notifications: <path d="M18 8a6 6 0 10-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 01-3.4 0" />,
};

function NavItem({ to, icon, children, badge }: { to: string; icon: string; children: ReactNode; badge?: ReactNode }) {
  return (
    <NavLink to={to} className={({ isActive }) => `nav__item ${isActive ? 'is-active' : ''}`}>
      <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
        {icons[icon]}
      </svg>
      <span>{children}</span>
      {badge}
    </NavLink>
  );
}

export function canReadAlerts(me: Me | null | undefined): boolean {
  return isAdmin(me) || !!me?.scopes.includes('alerts:read');
}

/** The number of open (unacknowledged) alerts beside "Alerts"; the stream keeps it fresh. */
function OpenAlertsBadge() {
  const count = useOpenAlertCount(true);
  const n = count.data ?? 0;
  if (n === 0) return null;
  return (
    <span className="nav__badge" aria-label={`${n} open`}>
      {formatCompact(n)}
    </span>
  );
}

function initials(name: string): string {
  return name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((s) => s[0]!.toUpperCase())
    .join('');
}

/** The signed-in shell: sidebar navigation, the user and sign out, and the page in the main area. */
export function Layout() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();

  useEffect(() => onUnauthenticated(() => qc.setQueryData(authKeys.me, null)), [qc]);

  if (me.isLoading) {
    return (
      <div className="splash">
        <Spinner label="Loading Stockpulse" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="splash">
        <ErrorBanner error={me.error} title="Stockpulse is not reachable" onRetry={() => me.refetch()} />
      </div>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }

  const user = me.data;
  const admin = isAdmin(user);
  const alerts = canReadAlerts(user);
  const shell = (
    <div className="shell">
      <aside className="sidebar">
        <div className="sidebar__brand">
          <Logo size={26} />
          <span>Stockpulse</span>
          {alerts && user.role && <NotificationBell />}
        </div>
        <nav className="nav" aria-label="Main">
          <div className="nav__section">Catalog</div>
          <NavItem to="/skus" icon="skus">SKUs</NavItem>
          <NavItem to="/locations" icon="locations">Locations</NavItem>
          <NavItem to="/suppliers" icon="suppliers">Suppliers</NavItem>
          {alerts && (
            <>
              <div className="nav__section">Replenishment</div>
              <NavItem to="/alerts" icon="alerts" badge={<OpenAlertsBadge />}>Alerts</NavItem>
              <NavItem to="/policies" icon="policies">Policies</NavItem>
            </>
          )}
          <div className="nav__section">Data</div>
          <NavItem to="/imports" icon="imports">Imports</NavItem>
          <NavItem to="/notifications" icon="notifications">Notifications</NavItem>
          {admin && (
            <>
              <div className="nav__section">Administration</div>
              <NavItem to="/admin/users" icon="users">Users</NavItem>
              <NavItem to="/admin/api-keys" icon="keys">API keys</NavItem>
              <NavItem to="/admin/audit-log" icon="audit">Audit log</NavItem>
            </>
          )}
        </nav>
        <div className="sidebar__user">
          <div className="avatar" aria-hidden>
            {initials(user.name || user.email || '?')}
          </div>
          <div className="sidebar__user-text">
            <div className="sidebar__user-name" title={user.name}>
              {user.name}
            </div>
            <div className="sidebar__user-meta" title={user.email}>
              {user.role ? `${user.role[0]!.toUpperCase()}${user.role.slice(1)}` : 'API key'}
              {user.email ? ` · ${user.email}` : ''}
            </div>
          </div>
          <button
            type="button"
            className="icon-btn"
            aria-label="Sign out"
            title="Sign out"
            disabled={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
          >
            <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
              <path d="M15 4h3a2 2 0 012 2v12a2 2 0 01-2 2h-3M10 17l5-5-5-5M15 12H4" />
            </svg>
          </button>
        </div>
      </aside>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
  return alerts ? <AlertStreamProvider>{shell}</AlertStreamProvider> : shell;
}

export function RequireAdmin({ children }: { children: ReactNode }) {
  const me = useMe();
  if (!isAdmin(me.data)) {
    return (
      <div className="page">
        <div className="banner banner--warning" role="alert">
          <div className="banner__content">
            <strong>Administrators only.</strong> Ask an administrator for access to this page.
          </div>
        </div>
      </div>
    );
  }
  return <>{children}</>;
}
