import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Scope } from '@stockpulse/contracts';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { Principal, requestContext } from './request-context';

const PUBLIC = 'stockpulse:public';
const SCOPE = 'stockpulse:scope';

/** Resolves the caller of a request (session cookie or API key). Implemented by the identity context. */
export interface Authenticator {
  authenticate(req: Request): Promise<Principal | null>;
}
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/** A route anyone may call: login, health, the docs. */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * The scope a route requires (shared/API.md). Users get scopes from their role (ROLE_SCOPES in contracts),
 * API keys carry theirs; the `admin` scope grants every other one. A route without `@Public()` and without
 * `@RequireScope` still requires a signed-in caller.
 */
export const RequireScope = (scope: Scope) =>
  applyDecorators(
    SetMetadata(SCOPE, scope),
    ApiCookieAuth('session'),
    ApiBearerAuth('api-key'),
    ApiUnauthorizedResponse({ description: 'no session and no API key' }),
    ApiForbiddenResponse({ description: `the caller lacks the \`${scope}\` scope` }),
  );

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has('admin') || principal.scopes.has(scope);
}

/** The global guard: 401 without credentials, 403 without the scope. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = await this.authenticator.authenticate(req);
    if (!principal) throw new UnauthenticatedError('Sign in, or send an API key as `Authorization: Bearer <key>`.');
    req.principal = principal;
    const ctx = requestContext.get();
    if (ctx) ctx.principal = principal;
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(SCOPE, targets);
    if (scope && !hasScope(principal, scope)) {
      throw new ForbiddenError(`This needs the \`${scope}\` scope, which ${principal.name} does not have.`);
    }
    return true;
  }
}

/** The scope a handler declared, for the route-walking test and the docs. */
export function requiredScope(reflector: Reflector, handler: object, cls: object): Scope | 'public' | 'signed-in' {
  if (reflector.getAllAndOverride<boolean>(PUBLIC, [handler as never, cls as never])) return 'public';
  return reflector.getAllAndOverride<Scope | undefined>(SCOPE, [handler as never, cls as never]) ?? 'signed-in';
}
