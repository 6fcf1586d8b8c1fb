import type { Role } from '@stockpulse/contracts';

export interface AdminStanding {
  role: Role;
  active: boolean;
}

/**
 * Whether a change to one user leaves the organisation without an active admin (nobody could manage users any
 * more). `otherActiveAdmins` counts the active admins other than this user.
 */
export function leavesNoActiveAdmin(before: AdminStanding, after: AdminStanding, otherActiveAdmins: number): boolean {
  const wasActiveAdmin = before.role === 'admin' && before.active;
  const isActiveAdmin = after.role === 'admin' && after.active;
  return wasActiveAdmin && !isActiveAdmin && otherActiveAdmins === 0;
}
