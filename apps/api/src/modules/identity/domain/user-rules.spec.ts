import { leavesNoActiveAdmin } from './user-rules';

describe('leavesNoActiveAdmin', () => {
  const admin = { role: 'admin' as const, active: true };
  it('refuses demoting or deactivating the last active admin', () => {
    expect(leavesNoActiveAdmin(admin, { role: 'planner', active: true }, 0)).toBe(true);
    expect(leavesNoActiveAdmin(admin, { role: 'admin', active: false }, 0)).toBe(true);
  });
  it('allows it when another active admin remains', () => {
    expect(leavesNoActiveAdmin(admin, { role: 'viewer', active: true }, 1)).toBe(false);
  });
  it('ignores changes that keep an active admin or concern other roles', () => {
    expect(leavesNoActiveAdmin(admin, admin, 0)).toBe(false);
    expect(leavesNoActiveAdmin({ role: 'planner', active: true }, { role: 'viewer', active: false }, 0)).toBe(false);
    expect(leavesNoActiveAdmin({ role: 'admin', active: false }, { role: 'planner', active: false }, 0)).toBe(false);
  });
});
