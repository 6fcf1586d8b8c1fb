import { createBrowserRouter, Link, Navigate } from 'react-router-dom';
import { Layout, RequireAdmin } from '../components/Layout';
import { EmptyState } from '../components/ui';
import { LoginPage } from '../features/auth/LoginPage';
import { LocationsPage } from '../features/catalog/LocationsPage';
import { SkuDetailPage } from '../features/catalog/SkuDetailPage';
import { SkuListPage } from '../features/catalog/SkuListPage';
import { SupplierDetailPage, SuppliersPage } from '../features/catalog/SuppliersPage';
import { ApiKeysPage } from '../features/identity/ApiKeysPage';
import { AuditLogPage } from '../features/identity/AuditLogPage';
import { UsersPage } from '../features/identity/UsersPage';
import { ImportsPage } from '../features/imports/ImportsPage';
import { DeliveriesPage, MessagesPage } from '../features/notifications/NotificationsPages';
import { RecipientsPage } from '../features/notifications/RecipientsPage';
import { RulesPage } from '../features/notifications/RulesPage';

function NotFound() {
  return (
    <div className="page">
      <EmptyState title="Page not found" action={<Link className="btn btn--secondary" to="/skus">Go to SKUs</Link>}>
        The address does not match any page.
      </EmptyState>
    </div>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/skus" replace /> },
      { path: 'skus', element: <SkuListPage /> },
      { path: 'skus/:code', element: <SkuDetailPage /> },
      { path: 'locations', element: <LocationsPage /> },
      { path: 'suppliers', element: <SuppliersPage /> },
      { path: 'suppliers/:code', element: <SupplierDetailPage /> },
      { path: 'imports', element: <ImportsPage /> },
      // the detail is a drawer over the inbox: one page, so the table and its selection stay while it is open
      {
        path: 'alerts',
        lazy: () => import('../features/alerts/AlertsPage').then((m) => ({ Component: m.AlertsPage })),
        children: [{ path: ':id', element: null }],
      },
      {
        path: 'alerts/settings',
        lazy: () => import('../features/alerts/AlertSettingsPage').then((m) => ({ element: <RequireAdmin><m.AlertSettingsPage /></RequireAdmin> })),
      },
      { path: 'policies', lazy: () => import('../features/thresholds/PoliciesPage').then((m) => ({ Component: m.PoliciesPage })) },
      { path: 'notifications', element: <Navigate to="/notifications/deliveries" replace /> },
      { path: 'notifications/deliveries', element: <DeliveriesPage /> },
      { path: 'notifications/rules', element: <RulesPage /> },
      { path: 'notifications/recipients', element: <RecipientsPage /> },
      { path: 'notifications/messages', element: <MessagesPage /> },
      { path: 'admin/users', element: <RequireAdmin><UsersPage /></RequireAdmin> },
      { path: 'admin/api-keys', element: <RequireAdmin><ApiKeysPage /></RequireAdmin> },
      { path: 'admin/audit-log', element: <RequireAdmin><AuditLogPage /></RequireAdmin> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
