import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { ROLE_SCOPES, Role, Scope } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { Authenticator } from '../../../../shared/http/auth';
import { Principal } from '../../../../shared/http/request-context';
import { ApiKeysRepository } from '../../infrastructure/api-keys.repository';
import { SESSION_COOKIE, sha256 } from '../../infrastructure/secrets';
import { SessionsRepository } from '../../infrastructure/sessions.repository';

const KEY_CACHE_MS = 30_000;
const KEY_CACHE_MAX = 10_000;
const TOUCH_EVERY_MS = 60_000;

const ROLE_SCOPE_SETS: Record<Role, ReadonlySet<Scope>> = {
  admin: new Set(ROLE_SCOPES.admin),
  planner: new Set(ROLE_SCOPES.planner),
  viewer: new Set(ROLE_SCOPES.viewer),
};

/**
 * Who is calling, on every request: `Authorization: Bearer <api key>` or the `sp_session` cookie.
 *
 * API keys are looked up by their SHA-256 and kept ~30 s in memory (a revoke in this process forgets the key at
 * once; other processes within 30 s). Sessions are read from the database each time, so logging out, deactivating
 * a user or changing a role takes effect on the next request everywhere. `last_used_at` / `last_seen_at` are
 * written at most once a minute per key or session, off the request's path.
 */
@Injectable()
export class SessionOrKeyAuthenticator implements Authenticator {
  private readonly logger = new Logger('Authenticator');
  private readonly keys = new Map<string, { principal: Principal; until: number }>();
  private readonly keyTouchedAt = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly apiKeys: ApiKeysRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  async authenticate(req: Request): Promise<Principal | null> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      return match ? this.byApiKey(match[1]) : null;
    }
    const token = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    return typeof token === 'string' && token.length > 0 && token.length <= 200 ? this.bySession(token) : null;
  }

  /** Forget a key's cached principal (after it is revoked). */
  forgetKey(keyHash: Buffer): void {
    this.keys.delete(keyHash.toString('hex'));
  }

  private async byApiKey(key: string): Promise<Principal | null> {
    if (!key.startsWith('sp_') || key.length > 200) return null;
    const hash = sha256(key);
    const cacheKey = hash.toString('hex');
    const now = Date.now();
    let principal = this.cached(cacheKey, now);
    if (!principal) {
      const found = await this.db.read((em) => this.apiKeys.findLiveByHash(em, hash));
      if (!found) return null;
      principal = { kind: 'api-key', id: found.id, name: found.name, scopes: new Set(found.scopes) };
      if (this.keys.size >= KEY_CACHE_MAX) this.keys.delete(this.keys.keys().next().value as string);
      this.keys.set(cacheKey, { principal, until: now + KEY_CACHE_MS });
    }
    const id = principal.id;
    if (now - (this.keyTouchedAt.get(id) ?? 0) >= TOUCH_EVERY_MS) {
      this.keyTouchedAt.set(id, now);
      if (this.keyTouchedAt.size > KEY_CACHE_MAX) this.keyTouchedAt.delete(this.keyTouchedAt.keys().next().value as string);
      this.db
        .read((em) => this.apiKeys.touch(em, id))
        .catch((err: unknown) => this.logger.warn({ err }, 'could not record an API key use'));
    }
    return principal;
  }

  private cached(cacheKey: string, now: number): Principal | null {
    const hit = this.keys.get(cacheKey);
    if (!hit) return null;
    if (hit.until > now) return hit.principal;
    this.keys.delete(cacheKey);
    return null;
  }

  private async bySession(token: string): Promise<Principal | null> {
    const hash = sha256(token);
    const owner = await this.db.read((em) => this.sessions.findLive(em, hash));
    if (!owner) return null;
    if (Date.now() - owner.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      this.db
        .read((em) => this.sessions.touch(em, hash))
        .catch((err: unknown) => this.logger.warn({ err }, 'could not record a session use'));
    }
    return { kind: 'user', id: owner.userId, name: owner.email, role: owner.role, scopes: ROLE_SCOPE_SETS[owner.role] };
  }
}
