import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { ROLE_SCOPES, type Scope } from '@stockpulse/contracts';
import { requiredScope } from '../../src/shared/http/auth';
import { createApiKey, login, loginAs } from '../../src/shared/testing/auth';
import { TestApp, createTestApp } from '../../src/shared/testing/test-app';

interface Route {
  method: string;
  /** Nest's path, e.g. /api/v1/users/:id */
  path: string;
  scope: Scope | 'public' | 'signed-in';
}

/** Every route of the running app, from Nest's controllers and their metadata: nothing hard-coded. */
function discoverRoutes(t: TestApp): Route[] {
  const reflector = t.app.get(Reflector);
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const cls = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!cls?.prototype) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = (cls.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (sub === undefined) continue;
        const method = RequestMethod[(Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod) ?? RequestMethod.GET];
        for (const b of base) {
          for (const s of ([] as string[]).concat(sub)) {
            const path = `/${[b, s].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
            routes.push({ method: method === 'ALL' ? 'GET' : method, path, scope: requiredScope(reflector, handler, cls) });
          }
        }
      }
    }
  }
  return routes;
}

/** Path parameters get placeholders: a 404 or 400 is fine, only 401 and 403 matter here. */
function concrete(path: string): string {
  return path.replace(/:(\w+)\??/g, (_m, name: string) =>
    /id$/i.test(name) ? '00000000-0000-4000-8000-00000000abcd' : `placeholder-${name.toLowerCase()}`,
  );
}

interface Caller {
  name: string;
  scopes: ReadonlySet<Scope>;
  agent: () => TestAgent;
  /** sign in again, when a route (logout) ended the session */
  renew?: () => Promise<void>;
}

const has = (scopes: ReadonlySet<Scope>, scope: Scope) => scopes.has('admin') || scopes.has(scope);

function call(agent: TestAgent, route: Route): Promise<Response> {
  const url = concrete(route.path);
  const m = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
  const req = agent[m](url);
  // a server-sent event stream never ends: take the status from the headers, then hang up
  if (route.path.endsWith('/stream')) {
    return req.buffer(false).parse((res, done) => {
      done(null, {});
      (res as unknown as { destroy(): void }).destroy();
    }) as unknown as Promise<Response>;
  }
  return ['post', 'put', 'patch'].includes(m) ? req.send({}) : req;
}

const endedSession = (res: Response) =>
  ([] as string[]).concat((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).some((c) => /^sp_session=;/.test(c));

describe('route access: every route, every kind of caller', () => {
  let t: TestApp;
  let routes: Route[];
  const callers: Caller[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    routes = discoverRoutes(t);
    for (const role of ['admin', 'planner', 'viewer'] as const) {
      const session = await loginAs(t, role, `Walker ${role}`);
      const caller: Caller = {
        name: role,
        scopes: new Set(ROLE_SCOPES[role]),
        agent: () => session.agent,
        renew: async () => {
          session.agent = (await login(t, session.email, session.password)).agent;
        },
      };
      callers.push(caller);
    }
    const key = await createApiKey(t, [], 'no scopes');
    callers.push({ name: 'API key without scopes', scopes: new Set(), agent: () => key.agent });
  });
  afterAll(() => t.close());

  it('discovers the routes generically, identity routes and the OpenAPI document included', async () => {
    const seen = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const expected of [
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'GET /api/v1/auth/me',
      'GET /api/v1/users',
      'POST /api/v1/users',
      'PATCH /api/v1/users/:id',
      'GET /api/v1/api-keys',
      'POST /api/v1/api-keys',
      'DELETE /api/v1/api-keys/:id',
      'GET /api/v1/audit-log',
    ]) {
      expect(seen).toContain(expected);
    }
    expect(routes.find((r) => r.path === '/api/v1/auth/login')!.scope).toBe('public');
    expect(routes.find((r) => r.path === '/api/v1/users' && r.method === 'GET')!.scope).toBe('admin');
    // every operation of the OpenAPI document is in the walk (so the walk misses no documented route)
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        expect(seen).toContain(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it('answers 401 to no one on every route but the public ones', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.scope !== 'public')) {
      const res = await call(t.http() as unknown as TestAgent, route);
      if (res.status !== 401) failures.push(`${route.method} ${route.path}: ${res.status}`);
      else expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to callers without the route scope, and never 401/403 to callers with it', async () => {
    const failures: string[] = [];
    let checked = 0;
    let granted = 0;
    let refused = 0;
    for (const caller of callers) {
      for (const route of routes.filter((r) => r.scope !== 'public')) {
        const res = await call(caller.agent(), route);
        checked++;
        const allowed = route.scope === 'signed-in' || has(caller.scopes, route.scope as Scope);
        if (allowed) granted++;
        else refused++;
        const ok = allowed ? res.status !== 401 && res.status !== 403 : res.status === 403;
        if (!ok) {
          failures.push(`${caller.name} ${route.method} ${route.path} (needs ${route.scope}): ${res.status} ${res.body?.detail ?? ''}`);
        }
        if (endedSession(res)) await caller.renew?.();
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(callers.length * routes.filter((r) => r.scope !== 'public').length);
    // the walk really exercised both outcomes
    expect(granted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
