import { NavLink } from 'react-router-dom';

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
