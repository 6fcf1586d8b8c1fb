import { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { PageHeader } from '../../components/ui';

export function NotificationsTabs() {
  const tab = (to: string, label: string) => (
    <NavLink to={`/notifications/${to}`} className={({ isActive }) => `btn btn--sm ${isActive ? 'btn--primary' : 'btn--ghost'}`}>
      {label}
    </NavLink>
  );
  return (
    <nav className="toolbar" aria-label="Notifications">
      {tab('deliveries', 'Delivery log')}
      {tab('rules', 'Rules')}
      {tab('recipients', 'Recipients')}
      {tab('messages', 'Message log')}
    </nav>
  );
}

/** A page of the notifications section: its header, the tabs, then the page's own content. */
export function NotificationsPage({ subtitle, actions, children }: { subtitle: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <div className="page">
      <PageHeader title="Notifications" subtitle={subtitle} actions={actions} />
      <NotificationsTabs />
      {children}
    </div>
  );
}
