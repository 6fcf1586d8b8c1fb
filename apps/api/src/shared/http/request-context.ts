import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role, Scope } from '@stockpulse/contracts';

/** Who is calling: a signed-in user (session cookie) or an integration (API key). */
export interface Principal {
  kind: 'user' | 'api-key';
  id: string;
  /** email for a user, key name for an API key */
  name: string;
  role?: Role;
  scopes: ReadonlySet<Scope>;
}

export interface RequestContext {
  requestId: string;
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  /** The actor to record in the audit log: the principal of the current request, or `system`. */
  actor(): { kind: 'user' | 'api-key' | 'system'; id: string | null; name: string } {
    const p = storage.getStore()?.principal;
    return p ? { kind: p.kind, id: p.id, name: p.name } : { kind: 'system', id: null, name: 'system' };
  },
};
