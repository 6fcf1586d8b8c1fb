import type { AuditLogEntry, User } from '@stockpulse/contracts';
import { BootstrapAdminService } from '../../src/modules/identity';
import { UsersRepository } from '../../src/modules/identity/infrastructure/users.repository';
import { PurgeExpiredSessionsJob } from '../../src/modules/identity/jobs/purge-expired-sessions.job';
import { AuditTrail } from '../../src/modules/identity';
import { TestSession, createApiKey, login, loginAs, loginAsAdmin } from '../../src/shared/testing/auth';
import { TEST_PASSWORD, TestApp, createTestApp } from '../../src/shared/testing/test-app';

const PROBLEM = 'application/problem+json';

describe('identity: sessions, users, API keys and the audit log', () => {
  let t: TestApp;
  let admin: TestSession;

  beforeAll(async () => {
    t = await createTestApp({ fresh: true }); // it counts rows: start from what no other suite of this worker left
    admin = await loginAsAdmin(t);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: number }>(sql, params))[0].n);

  describe('sessions', () => {
    it('the bootstrap admin exists and login sets an HTTP-only SameSite=Lax cookie that /me answers to', async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ email: 'ADMIN@test.local', password: 'admin-password-1' }).expect(200);
      expect(res.body).toMatchObject({ kind: 'user', email: 'admin@test.local', role: 'admin', scopes: ['admin'] });
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sp_session='))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/i);
      const token = cookie.split(';')[0].slice('sp_session='.length);
      expect(token.length).toBeGreaterThanOrEqual(40);
      // only the SHA-256 of the token is stored, with the configured lifetime
      const rows = await t.db.query<{ hex: string; hours: number }>(
        `SELECT encode(token_hash, 'hex') AS hex, extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM identity.sessions`,
      );
      expect(rows.some((r) => r.hex.includes(Buffer.from(token).toString('hex')))).toBe(false);
      expect(rows.every((r) => Math.round(Number(r.hours)) === t.config.session.ttlHours)).toBe(true);
      const me = await t.http().get('/api/v1/auth/me').set('Cookie', cookie.split(';')[0]).expect(200);
      expect(me.body).toMatchObject({ kind: 'user', email: 'admin@test.local', name: 'Administrator', role: 'admin' });
    });

    it('refuses a wrong password and an unknown email with the same 401', async () => {
      const wrong = await t.http().post('/api/v1/auth/login').send({ email: 'admin@test.local', password: 'not-the-password' }).expect(401);
      const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@test.local', password: 'not-the-password' }).expect(401);
      expect(wrong.headers['content-type']).toContain(PROBLEM);
      expect(wrong.body.detail).toBe(unknown.body.detail);
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('answers 401 without credentials and with a made-up cookie', async () => {
      await t.http().get('/api/v1/auth/me').expect(401);
      await t.http().get('/api/v1/auth/me').set('Cookie', 'sp_session=made-up').expect(401);
    });

    it('logout ends the session and clears the cookie', async () => {
      const s = await login(t, 'admin@test.local', 'admin-password-1');
      await s.agent.get('/api/v1/auth/me').expect(200);
      const out = await t.http().post('/api/v1/auth/logout').set('Cookie', s.cookie).expect(204);
      expect((out.headers['set-cookie'] as unknown as string[]).join()).toMatch(/sp_session=;.*Expires=Thu, 01 Jan 1970/);
      await t.http().get('/api/v1/auth/me').set('Cookie', s.cookie).expect(401);
    });

    it('refuses an expired session, and the job purges it', async () => {
      const s = await login(t, 'admin@test.local', 'admin-password-1');
      await t.db.query(`UPDATE identity.sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [admin.user.id]);
      await t.http().get('/api/v1/auth/me').set('Cookie', s.cookie).expect(401);
      await t.app.get(PurgeExpiredSessionsJob).handle();
      expect(await count(`SELECT count(*)::int AS n FROM identity.sessions WHERE expires_at <= now()`)).toBe(0);
      admin = await loginAsAdmin(t);
    });

    it('limits failed logins per email and address (429), without touching other emails', async () => {
      const email = 'throttled@test.local';
      for (let i = 0; i < 10; i++) {
        await t.http().post('/api/v1/auth/login').send({ email, password: 'wrong-password-x' }).expect(401);
      }
      const res = await t.http().post('/api/v1/auth/login').send({ email, password: 'wrong-password-x' }).expect(429);
      expect(res.headers['content-type']).toContain(PROBLEM);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await login(t, 'admin@test.local', 'admin-password-1');
    });
  });

  describe('users', () => {
    it('roles decide access: a viewer reads the catalog scope but not users (403)', async () => {
      const viewer = await loginAs(t, 'viewer');
      const me = await viewer.agent.get('/api/v1/auth/me').expect(200);
      expect(me.body).toMatchObject({ kind: 'user', role: 'viewer', email: viewer.email });
      expect(me.body.scopes).toEqual(expect.arrayContaining(['inventory:read', 'catalog:read']));
      expect(me.body.scopes).not.toContain('inventory:write');
      const res = await viewer.agent.get('/api/v1/users').expect(403);
      expect(res.headers['content-type']).toContain(PROBLEM);
    });

    it('creates, lists and updates users; email is unique whatever its case', async () => {
      const created = await admin.agent
        .post('/api/v1/users')
        .send({ email: 'Planner.One@Test.local', name: 'Pat Planner', role: 'planner', password: TEST_PASSWORD })
        .expect(201);
      expect(created.body).toMatchObject({ email: 'planner.one@test.local', name: 'Pat Planner', role: 'planner', active: true });
      expect(created.body).not.toHaveProperty('passwordHash');
      const hash = (await t.db.query<{ h: string }>(`SELECT password_hash AS h FROM identity.users WHERE id = $1`, [created.body.id]))[0].h;
      expect(hash).toMatch(/^\$2[aby]\$10\$/);

      const dup = await admin.agent
        .post('/api/v1/users')
        .send({ email: 'PLANNER.ONE@test.local', name: 'Again', role: 'viewer', password: TEST_PASSWORD })
        .expect(409);
      expect(dup.body.errors).toEqual([{ path: 'email', message: 'is already taken' }]);

      const list = await admin.agent.get('/api/v1/users?role=planner&q=planner.one').expect(200);
      expect(list.body.total).toBe(1);
      expect(list.body.items[0].id).toBe(created.body.id);
      const page1 = await admin.agent.get('/api/v1/users?limit=1').expect(200);
      expect(page1.body.items).toHaveLength(1);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await admin.agent.get(`/api/v1/users?limit=1&cursor=${page1.body.nextCursor}`).expect(200);
      expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);

      const patched = await admin.agent.patch(`/api/v1/users/${created.body.id}`).send({ role: 'viewer', name: 'Pat' }).expect(200);
      expect(patched.body).toMatchObject({ role: 'viewer', name: 'Pat' });
      await admin.agent.patch('/api/v1/users/00000000-0000-4000-8000-000000000000').send({ name: 'x' }).expect(404);
    });

    it('a new password works and the old one no longer does', async () => {
      const planner = await loginAs(t, 'planner');
      await admin.agent.patch(`/api/v1/users/${planner.user.id}`).send({ password: 'a-brand-new-password' }).expect(200);
      await planner.agent.get('/api/v1/auth/me').expect(401); // other sessions end with a new password
      await t.http().post('/api/v1/auth/login').send({ email: planner.email, password: TEST_PASSWORD }).expect(401);
      await login(t, planner.email, 'a-brand-new-password');
    });

    it('deactivating a user ends their sessions and refuses their login', async () => {
      const planner = await loginAs(t, 'planner');
      await planner.agent.get('/api/v1/auth/me').expect(200);
      await admin.agent.patch(`/api/v1/users/${planner.user.id}`).send({ active: false }).expect(200);
      await planner.agent.get('/api/v1/auth/me').expect(401);
      expect(await count(`SELECT count(*)::int AS n FROM identity.sessions WHERE user_id = $1`, [planner.user.id])).toBe(0);
      await t.http().post('/api/v1/auth/login').send({ email: planner.email, password: TEST_PASSWORD }).expect(401);
    });

    it('never leaves the organisation without an active admin (409)', async () => {
      const others = await count(`SELECT count(*)::int AS n FROM identity.users WHERE role = 'admin' AND active AND id <> $1`, [admin.user.id]);
      expect(others).toBe(0);
      const demote = await admin.agent.patch(`/api/v1/users/${admin.user.id}`).send({ role: 'planner' }).expect(409);
      expect(demote.body.errors[0].path).toBe('role');
      const off = await admin.agent.patch(`/api/v1/users/${admin.user.id}`).send({ active: false }).expect(409);
      expect(off.body.errors[0].path).toBe('active');
      await admin.agent.get('/api/v1/auth/me').expect(200);

      const second = await loginAs(t, 'admin', 'Second Admin');
      await second.agent.patch(`/api/v1/users/${second.user.id}`).send({ role: 'viewer' }).expect(200);
      await second.agent.get('/api/v1/users').expect(403); // the role change takes effect on the next request
    });

    it('refuses bad inputs with 400 naming the field, and writes nothing', async () => {
      const before = await count(`SELECT count(*)::int AS n FROM identity.users`);
      const audits = await count(`SELECT count(*)::int AS n FROM identity.audit_log`);
      const good = { email: 'new.user@test.local', name: 'New', role: 'viewer', password: TEST_PASSWORD };
      const cases: [object, string][] = [
        [{ ...good, nickname: 'x' }, 'nickname'],
        [{ ...good, email: 'not-an-email' }, 'email'],
        [{ ...good, password: 'short' }, 'password'],
        [{ ...good, role: 'owner' }, 'role'],
        [{ ...good, name: '' }, 'name'],
      ];
      for (const [body, path] of cases) {
        const res = await admin.agent.post('/api/v1/users').send(body).expect(400);
        expect(res.headers['content-type']).toContain(PROBLEM);
        expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      const patch = await admin.agent.patch(`/api/v1/users/${admin.user.id}`).send({ email: 'x@test.local' }).expect(400);
      expect(patch.body.errors[0].path).toBe('email');
      await admin.agent.patch('/api/v1/users/not-a-uuid').send({ name: 'x' }).expect(400);
      const badKey = await admin.agent.post('/api/v1/api-keys').send({ name: 'erp', scopes: ['inventory:read', 'everything'] }).expect(400);
      expect(badKey.body.errors[0].path).toBe('scopes.1');
      const noName = await admin.agent.post('/api/v1/api-keys').send({ scopes: [] }).expect(400);
      expect(noName.body.errors[0].path).toBe('name');
      const login400 = await t.http().post('/api/v1/auth/login').send({ email: 'nope', password: 'x' }).expect(400);
      expect(login400.body.errors[0].path).toBe('email');
      const badQuery = await admin.agent.get('/api/v1/audit-log?from=yesterday').expect(400);
      expect(badQuery.body.errors[0].path).toBe('query.from');
      expect(await count(`SELECT count(*)::int AS n FROM identity.users`)).toBe(before);
      expect(await count(`SELECT count(*)::int AS n FROM identity.api_keys`)).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM identity.audit_log`)).toBe(audits);
    });
  });

  describe('API keys', () => {
    it('shows a key once; it works with its scope, gets 403 without, and 401 once revoked', async () => {
      const res = await admin.agent.post('/api/v1/api-keys').send({ name: 'ERP reader', scopes: ['inventory:read'] }).expect(201);
      const key: string = res.body.key;
      expect(key).toMatch(/^sp_[A-Za-z0-9_-]{43}$/);
      expect(res.body).toMatchObject({ name: 'ERP reader', scopes: ['inventory:read'], prefix: key.slice(0, res.body.prefix.length) });
      expect(res.body.prefix.length).toBeLessThan(16);

      const list = await admin.agent.get('/api/v1/api-keys').expect(200);
      expect(JSON.stringify(list.body)).not.toContain(key);
      expect(list.body.items.find((k: { id: string }) => k.id === res.body.id)).not.toHaveProperty('key');
      const stored = await t.db.query<{ row: string }>(`SELECT row_to_json(k)::text AS row FROM identity.api_keys k`);
      expect(stored.map((r) => r.row).join()).not.toContain(key.slice(3));

      const bearer = `Bearer ${key}`;
      const me = await t.http().get('/api/v1/auth/me').set('Authorization', bearer).expect(200);
      expect(me.body).toEqual({ kind: 'api-key', id: res.body.id, name: 'ERP reader', scopes: ['inventory:read'] });
      await t.http().get('/api/v1/stock-levels').set('Authorization', bearer).expect(200);
      const forbidden = await t.http().get('/api/v1/users').set('Authorization', bearer).expect(403);
      expect(forbidden.headers['content-type']).toContain(PROBLEM);
      await t.http().get('/api/v1/auth/me').set('Authorization', 'Bearer sp_not-a-key').expect(401);

      const used = await admin.agent.get('/api/v1/api-keys').expect(200);
      await new Promise((r) => setTimeout(r, 100));
      const after = await admin.agent.get('/api/v1/api-keys').expect(200);
      expect(used.body.items.length).toBe(after.body.items.length);
      expect(after.body.items.find((k: { id: string }) => k.id === res.body.id).lastUsedAt).toEqual(expect.any(String));

      await admin.agent.delete(`/api/v1/api-keys/${res.body.id}`).expect(204);
      await t.http().get('/api/v1/auth/me').set('Authorization', bearer).expect(401);
      await admin.agent.delete(`/api/v1/api-keys/${res.body.id}`).expect(204); // already revoked: nothing changes
      await admin.agent.delete('/api/v1/api-keys/00000000-0000-4000-8000-000000000000').expect(404);
      const active = await admin.agent.get('/api/v1/api-keys').expect(200);
      expect(active.body.items.map((k: { id: string }) => k.id)).not.toContain(res.body.id);
      const all = await admin.agent.get('/api/v1/api-keys?includeRevoked=true').expect(200);
      expect(all.body.items.find((k: { id: string }) => k.id === res.body.id).revokedAt).toEqual(expect.any(String));
    });

    it('an admin-scoped key manages users, and its changes are audited under the key', async () => {
      const key = await createApiKey(t, ['admin'], 'provisioning');
      const res = await key.agent
        .post('/api/v1/users')
        .send({ email: 'by-key@test.local', name: 'By Key', role: 'viewer', password: TEST_PASSWORD })
        .expect(201);
      const log = await admin.agent.get(`/api/v1/audit-log?entityType=user&entityId=${res.body.id}`).expect(200);
      expect(log.body.items[0].actor).toEqual({ kind: 'api-key', id: key.id, name: 'provisioning' });
      const byActor = await admin.agent.get(`/api/v1/audit-log?actor=${key.id}`).expect(200);
      expect(byActor.body.total).toBe(1);
    });
  });

  describe('the audit log', () => {
    it('records who changed users and keys, with before and after, never a hash', async () => {
      const created = (
        await admin.agent
          .post('/api/v1/users')
          .send({ email: 'audited@test.local', name: 'Audited', role: 'viewer', password: TEST_PASSWORD })
          .expect(201)
      ).body as User;
      await admin.agent.patch(`/api/v1/users/${created.id}`).send({ role: 'planner', password: 'another-password-2' }).expect(200);
      const key = (await admin.agent.post('/api/v1/api-keys').send({ name: 'audited key', scopes: ['catalog:read'] }).expect(201)).body;
      await admin.agent.delete(`/api/v1/api-keys/${key.id}`).expect(204);

      const res = await admin.agent.get(`/api/v1/audit-log?entityType=user&entityId=${created.id}`).expect(200);
      const entries = res.body.items as AuditLogEntry[];
      expect(entries.map((e) => e.action)).toEqual(['user.updated', 'user.created']); // newest first
      expect(entries[0].actor).toEqual({ kind: 'user', id: admin.user.id, name: 'admin@test.local' });
      expect(entries[0].requestId).toEqual(expect.any(String));
      expect(entries[0].before).toMatchObject({ role: 'viewer', email: 'audited@test.local' });
      expect(entries[0].after).toMatchObject({ role: 'planner', passwordChanged: true });
      expect(entries[1].before).toBeNull();
      expect(entries[1].after).toMatchObject({ id: created.id, role: 'viewer' });

      const keys = await admin.agent.get(`/api/v1/audit-log?entityType=api-key&entityId=${key.id}`).expect(200);
      expect(keys.body.items.map((e: AuditLogEntry) => e.action)).toEqual(['api-key.revoked', 'api-key.created']);
      expect(keys.body.items[0].before.revokedAt).toBeNull();
      expect(keys.body.items[0].after.revokedAt).toEqual(expect.any(String));

      const everything = JSON.stringify((await admin.agent.get('/api/v1/audit-log?limit=1000').expect(200)).body);
      expect(everything).not.toMatch(/\$2[aby]\$/);
      expect(everything).not.toMatch(/passwordHash|keyHash|key_hash|password_hash/);
      expect(everything).not.toContain(key.key);
    });

    it('filters by action, actor and time, newest first', async () => {
      const all = await admin.agent.get('/api/v1/audit-log?action=user.created').expect(200);
      expect(all.body.total).toBeGreaterThan(1);
      expect(all.body.items.every((e: AuditLogEntry) => e.action === 'user.created')).toBe(true);
      const times = all.body.items.map((e: AuditLogEntry) => Date.parse(e.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const byEmail = await admin.agent.get('/api/v1/audit-log?actor=ADMIN@test.local').expect(200);
      expect(byEmail.body.total).toBeGreaterThan(0);
      expect(byEmail.body.items.every((e: AuditLogEntry) => e.actor.name === 'admin@test.local')).toBe(true);
      const future = await admin.agent.get('/api/v1/audit-log?from=2999-01-01T00:00:00Z').expect(200);
      expect(future.body.total).toBe(0);
      const bad = await admin.agent.get('/api/v1/audit-log?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z').expect(400);
      expect(bad.body.errors[0].path).toBe('query.to');
    });
  });

  describe('the first admin', () => {
    it('is created once, even when two processes start together, and a generated password is printed once', async () => {
      await t.db.query(`TRUNCATE identity.users CASCADE`);
      const make = () =>
        new BootstrapAdminService({ ...t.config, admin: {} }, t.db, t.app.get(UsersRepository), t.app.get(AuditTrail));
      const print = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        const results = await Promise.all([make().ensureAdmin(), make().ensureAdmin()]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await make().ensureAdmin()).toBe(false);
        expect(print).toHaveBeenCalledTimes(1);
        const printed = String(print.mock.calls[0][0]);
        expect(printed).toContain('admin@stockpulse.local');
        const password = /password: (\S+)/.exec(printed)![1];
        expect(password.length).toBeGreaterThanOrEqual(16);
        const users = await t.db.query<{ email: string; role: string }>(`SELECT email, role FROM identity.users`);
        expect(users).toEqual([{ email: 'admin@stockpulse.local', role: 'admin' }]);
        await login(t, 'admin@stockpulse.local', password);
      } finally {
        print.mockRestore();
        await t.db.query(`TRUNCATE identity.users CASCADE`);
      }
      // the configured admin comes back the same way (ADMIN_EMAIL / ADMIN_PASSWORD), as after resetDatabase
      admin = await loginAsAdmin(t);
      expect(admin.email).toBe('admin@test.local');
    });
  });
});
