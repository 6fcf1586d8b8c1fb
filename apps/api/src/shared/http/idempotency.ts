import { createHash } from 'node:crypto';
import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Observable, catchError, from, mergeMap, of } from 'rxjs';
import { Database } from '../database';
import { ConflictError, UnprocessableError, ValidationError } from '../errors';
import { Principal } from './request-context';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** A key still "in flight" after this long belongs to a request that died: a retry may take it over. */
export const IDEMPOTENCY_ABANDONED_MINUTES = 10;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export class IdempotencyKeyReusedError extends UnprocessableError {}
export class IdempotencyKeyInFlightError extends ConflictError {}

/** JSON with object keys sorted, so that `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' };

/** The rows of platform.idempotency_keys: claim a key, store the response, release it after an error. */
export class IdempotencyStore {
  constructor(private readonly db: Database) {}

  async claim(scope: string, key: string, hash: string): Promise<Claim> {
    await this.db.query(
      `DELETE FROM platform.idempotency_keys WHERE scope = $1 AND key = $2
         AND (created_at < now() - make_interval(hours => $3)
              OR (status_code IS NULL AND created_at < now() - make_interval(mins => $4)))`,
      [scope, key, IDEMPOTENCY_TTL_HOURS, IDEMPOTENCY_ABANDONED_MINUTES],
    );
    const inserted = await this.db.query(
      `INSERT INTO platform.idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [scope, key, hash],
    );
    if (inserted.length) return { kind: 'claimed' };
    const [row] = await this.db.query<{ request_hash: string; status_code: number | null; response: unknown }>(
      `SELECT request_hash, status_code, response FROM platform.idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    // deleted in between (its request failed): this one may go ahead
    if (!row) return this.claim(scope, key, hash);
    if (row.request_hash !== hash) return { kind: 'mismatch' };
    if (row.status_code === null) return { kind: 'in-flight' };
    return { kind: 'replay', status: row.status_code, body: row.response };
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE platform.idempotency_keys SET status_code = $3, response = $4::jsonb WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null)],
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM platform.idempotency_keys WHERE scope = $1 AND key = $2 AND status_code IS NULL`, [
      scope,
      key,
    ]);
  }

  /** Deletes keys older than the TTL; returns how many. */
  async purgeExpired(): Promise<number> {
    const [row] = await this.db.query<{ n: string }>(
      `WITH gone AS (DELETE FROM platform.idempotency_keys WHERE created_at < now() - make_interval(hours => $1) RETURNING 1)
       SELECT count(*) AS n FROM gone`,
      [IDEMPOTENCY_TTL_HOURS],
    );
    return Number(row.n);
  }
}

/**
 * With an `Idempotency-Key` header, the first successful response (status and body) is stored for 24 h, scoped to
 * the caller and the route. The same key with the same body gets that response again, with
 * `Idempotent-Replayed: true`, and the route does not run; with another body, 422; while the first request is
 * still running, 409. A request that fails stores nothing, so it may be retried with the same key. Without the
 * header nothing changes.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly store: IdempotencyStore;

  constructor(db: Database) {
    this.store = new IdempotencyStore(db);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { principal?: Principal }>();
    const res = http.getResponse<Response>();
    const key = req.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw new ValidationError(`The ${IDEMPOTENCY_HEADER} header must be 1 to 255 visible ASCII characters.`, [
        { path: `headers.${IDEMPOTENCY_HEADER.toLowerCase()}`, message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const who = req.principal ? `${req.principal.kind}:${req.principal.id}` : 'anonymous';
    const scope = `${who} ${req.method} ${req.originalUrl.split('?')[0]}`;
    const hash = requestHash(req.body);
    return from(this.store.claim(scope, key, hash)).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'mismatch') {
          throw new IdempotencyKeyReusedError(
            `This ${IDEMPOTENCY_HEADER} was already used with a different request body; use a new key for a new request.`,
          );
        }
        if (claim.kind === 'in-flight') {
          throw new IdempotencyKeyInFlightError(
            `A request with this ${IDEMPOTENCY_HEADER} is still being processed; retry once it has finished.`,
          );
        }
        if (claim.kind === 'replay') {
          res.status(claim.status);
          res.setHeader(REPLAYED_HEADER, 'true');
          return of(claim.body);
        }
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await this.store.complete(scope, key, res.statusCode, body);
            return body;
          }),
          catchError(async (e: unknown) => {
            await this.store.release(scope, key).catch(() => undefined);
            throw e;
          }),
        );
      }),
    );
  }
}

/** Makes a write route idempotent under the `Idempotency-Key` header (see IdempotencyInterceptor). */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description: `Retry safely: the same key with the same body returns the first response again (header ${REPLAYED_HEADER}: true) for ${IDEMPOTENCY_TTL_HOURS} h; with another body, 422.`,
    }),
    ApiUnprocessableEntityResponse({ description: 'the Idempotency-Key was used with another body' }),
    ApiConflictResponse({ description: 'a request with this Idempotency-Key is still in flight' }),
  );
