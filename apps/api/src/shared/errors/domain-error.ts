/**
 * Errors a use case throws. They carry no HTTP types; the problem+json filter maps `status` and `type` to the
 * response. Contexts subclass these (`UnknownSkuError extends NotFoundError`).
 */
export interface FieldError {
  /** JSON path of the bad field, e.g. `items.3.quantity` or `body.sku`. */
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** Stable, documented identifier of the kind of problem (the suffix of the problem `type` URI). */
  abstract readonly type: string;
  readonly errors?: FieldError[];

  constructor(message: string, errors?: FieldError[]) {
    super(message);
    this.name = new.target.name;
    this.errors = errors;
  }
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly type = 'validation-error';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly type = 'not-found';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly type = 'conflict';
}

export class UnprocessableError extends DomainError {
  readonly status = 422;
  readonly type = 'unprocessable';
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly type = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly type = 'forbidden';
}
