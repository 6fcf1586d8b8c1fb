import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { LoginRequest, Me, loginSchema } from '@stockpulse/contracts';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { UnauthenticatedError } from '../../../shared/errors';
import { Public } from '../../../shared/http/auth';
import { Principal } from '../../../shared/http/request-context';
import { ApiZodBody, ZodPipe } from '../../../shared/http/zod';
import { LogInUseCase } from '../application/log-in/log-in.use-case';
import { LogOutUseCase } from '../application/log-out/log-out.use-case';
import { WhoAmIUseCase } from '../application/who-am-i/who-am-i.use-case';
import { TooManyLoginAttemptsError } from '../domain/identity-errors';
import { SESSION_COOKIE } from '../infrastructure/secrets';

type AuthenticatedRequest = Request & { principal?: Principal };

@ApiTags('identity')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logIn: LogInUseCase,
    private readonly logOut: LogOutUseCase,
    private readonly whoAmI: WhoAmIUseCase,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password: sets the HTTP-only `sp_session` cookie and answers who you are',
  })
  @ApiZodBody(loginSchema)
  async login(
    @Body(new ZodPipe(loginSchema)) body: LoginRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Me> {
    try {
      const session = await this.logIn.execute(body, req.ip ?? req.socket.remoteAddress ?? 'unknown');
      res.cookie(SESSION_COOKIE, session.token, { ...this.cookieOptions(), expires: session.expiresAt });
      return session.me;
    } catch (e) {
      if (e instanceof TooManyLoginAttemptsError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears the cookie' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    await this.logOut.execute(typeof token === 'string' ? token : undefined);
    res.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  @Get('me')
  @ApiOperation({ summary: 'Who is calling: the signed-in user (with role) or the API key, and its scopes' })
  me(@Req() req: AuthenticatedRequest): Promise<Me> {
    if (!req.principal) throw new UnauthenticatedError('Sign in, or send an API key as `Authorization: Bearer <key>`.');
    return this.whoAmI.execute(req.principal);
  }

  private cookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.config.session.cookieSecure, path: '/' };
  }
}
