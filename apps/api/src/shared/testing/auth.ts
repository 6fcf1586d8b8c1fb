import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { CreatedApiKey, Role, Scope, User } from '@stockpulse/contracts';
import { BootstrapAdminService } from '../../modules/identity';
import type { TestApp } from './test-app';
import { TEST_PASSWORD } from './test-app';

/** A signed-in browser session for tests. */
export interface TestSession {
  /** the user (for the bootstrap admin: the admin as GET /users shows it) */
  user: User;
  email: string;
  password: string;
  /** `sp_session=...`, for `.set('Cookie', session.cookie)` */
  cookie: string;
  /** a supertest agent that sends the cookie on every request: `session.agent.get('/api/v1/skus')` */
  agent: TestAgent;
}

/** An API key for tests. */
export interface TestApiKey extends CreatedApiKey {
  /** `Bearer sp_...`, for `.set('Authorization', key.authorization)` */
  authorization: string;
  /** a supertest agent that sends the key on every request */
  agent: TestAgent;
}

function sessionCookie(res: request.Response): string {
  const raw = res.headers['set-cookie'] as unknown as string[] | string | undefined;
  const cookies = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const found = cookies.find((c) => c.startsWith('sp_session='));
  if (!found) throw new Error(`POST /api/v1/auth/login set no sp_session cookie (status ${res.status})`);
  return found.split(';')[0];
}

function agentWith(t: TestApp, header: string, value: string): TestAgent {
  return request.agent(t.app.getHttpServer()).set(header, value);
}

/** Signs in with the real login route. */
export async function login(t: TestApp, email: string, password: string): Promise<{ cookie: string; agent: TestAgent }> {
  const res = await t.http().post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login as ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
  const cookie = sessionCookie(res);
  return { cookie, agent: agentWith(t, 'Cookie', cookie) };
}

/**
 * The bootstrap admin (ADMIN_EMAIL / ADMIN_PASSWORD of the test app), signed in. Re-creates it first when the
 * users were wiped (resetDatabase), exactly as a first start would.
 */
export async function loginAsAdmin(t: TestApp): Promise<TestSession> {
  await t.app.get(BootstrapAdminService).ensureAdmin();
  const email = t.config.admin.email ?? 'admin@stockpulse.local';
  const password = t.config.admin.password ?? '';
  const { cookie, agent } = await login(t, email, password);
  const me = await agent.get('/api/v1/auth/me').expect(200);
  const user = (await agent.get(`/api/v1/users/${me.body.id as string}`).expect(200)).body as User;
  return { user, email, password, cookie, agent };
}

/**
 * A new user with `role`, created through POST /api/v1/users by the bootstrap admin, then signed in through
 * POST /api/v1/auth/login. Each call makes a new user (`<role>-<random>@test.local`, password TEST_PASSWORD).
 */
export async function loginAs(t: TestApp, role: Role, name = `Test ${role}`): Promise<TestSession> {
  const admin = await loginAsAdmin(t);
  if (role === 'admin' && name === `Test ${role}`) return admin;
  const email = `${role}-${randomUUID().slice(0, 8)}@test.local`;
  const created = await admin.agent.post('/api/v1/users').send({ email, name, role, password: TEST_PASSWORD });
  if (created.status !== 201) throw new Error(`creating a ${role} answered ${created.status}: ${JSON.stringify(created.body)}`);
  const { cookie, agent } = await login(t, email, TEST_PASSWORD);
  return { user: created.body as User, email, password: TEST_PASSWORD, cookie, agent };
}

/** A new API key with `scopes`, created through POST /api/v1/api-keys by the bootstrap admin. */
export async function createApiKey(t: TestApp, scopes: Scope[], name = `test key ${scopes.join(' ') || 'no scope'}`): Promise<TestApiKey> {
  const admin = await loginAsAdmin(t);
  const res = await admin.agent.post('/api/v1/api-keys').send({ name, scopes });
  if (res.status !== 201) throw new Error(`creating an API key answered ${res.status}: ${JSON.stringify(res.body)}`);
  const created = res.body as CreatedApiKey;
  const authorization = `Bearer ${created.key}`;
  return { ...created, authorization, agent: agentWith(t, 'Authorization', authorization) };
}
