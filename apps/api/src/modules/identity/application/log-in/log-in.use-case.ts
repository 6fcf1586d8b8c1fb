import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { compare, hash } from 'bcryptjs';
import { LoginRequest, Me, ROLE_SCOPES } from '@stockpulse/contracts';
import { APP_CONFIG, AppConfig } from '../../../../config/app-config';
import { Database } from '../../../../shared/database';
import { InvalidCredentialsError, TooManyLoginAttemptsError } from '../../domain/identity-errors';
import { LoginThrottle, throttleKey } from '../../domain/login-throttle';
import { BCRYPT_COST, newSessionToken, sha256 } from '../../infrastructure/secrets';
import { SessionsRepository } from '../../infrastructure/sessions.repository';
import { UsersRepository } from '../../infrastructure/users.repository';

export interface LoggedIn {
  /** the session token for the cookie; only its SHA-256 is stored */
  token: string;
  expiresAt: Date;
  me: Me;
}

/**
 * Email and password to a browser session. Every failure answers the same (unknown email, wrong password,
 * deactivated user) and costs one bcrypt comparison, so neither the message nor the timing tells which.
 * Failures are limited per email and client address.
 */
@Injectable()
export class LogInUseCase {
  readonly throttle = new LoginThrottle(10, 15 * 60 * 1000);
  private dummyHash?: Promise<string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  async execute(credentials: LoginRequest, clientIp: string): Promise<LoggedIn> {
    const key = throttleKey(credentials.email, clientIp);
    const retryAfterMs = this.throttle.retryAfterMs(key, Date.now());
    if (retryAfterMs > 0) throw new TooManyLoginAttemptsError(Math.ceil(retryAfterMs / 1000));

    const user = await this.db.read((em) => this.users.findByEmail(em, credentials.email));
    const matches = await compare(credentials.password, user?.passwordHash ?? (await this.dummy()));
    if (!user || !user.active || !matches) {
      this.throttle.recordFailure(key, Date.now());
      throw new InvalidCredentialsError();
    }
    this.throttle.recordSuccess(key);

    const token = newSessionToken();
    const expiresAt = await this.db.transaction((em) =>
      this.sessions.create(em, sha256(token), user.id, this.config.session.ttlHours),
    );
    return {
      token,
      expiresAt,
      me: { kind: 'user', id: user.id, name: user.name, email: user.email, role: user.role, scopes: [...ROLE_SCOPES[user.role]] },
    };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hash(randomBytes(18).toString('base64'), BCRYPT_COST);
    return this.dummyHash;
  }
}
