import { ConflictError, DomainError, NotFoundError, UnauthenticatedError } from '../../../shared/errors';

/** The same answer whether the email is unknown, the password wrong or the user deactivated. */
export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super('The email or password is incorrect.');
  }
}

export class TooManyLoginAttemptsError extends DomainError {
  readonly status = 429;
  readonly type = 'too-many-login-attempts';

  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins for this email from this address; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
  }
}

export class UnknownUserError extends NotFoundError {
  constructor(id: string) {
    super(`No user has the id ${id}.`);
  }
}

export class EmailTakenError extends ConflictError {
  constructor(email: string) {
    super(`A user with the email ${email} already exists.`, [{ path: 'email', message: 'is already taken' }]);
  }
}

export class LastActiveAdminError extends ConflictError {
  constructor(field: 'role' | 'active') {
    super('This would leave no active admin: promote or activate another admin first.', [
      { path: field, message: 'would leave no active admin' },
    ]);
  }
}

export class UnknownApiKeyError extends NotFoundError {
  constructor(id: string) {
    super(`No API key has the id ${id}.`);
  }
}
