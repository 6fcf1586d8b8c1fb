import { ConflictError, NotFoundError } from '../../../shared/errors';

export class UnknownRecipientError extends NotFoundError {
  constructor(id: string) {
    super(`No notification recipient has id ${id}.`);
  }
}
export class UnknownRuleError extends NotFoundError {
  constructor(id: string) {
    super(`No notification rule has id ${id}.`);
  }
}
export class UnknownDeliveryError extends NotFoundError {
  constructor(id: string) {
    super(`No delivery has id ${id}.`);
  }
}
export class DeliveryNotRetryableError extends ConflictError {
  constructor(id: string, status: string) {
    super(`Delivery ${id} is ${status}: only dead, rejected, suppressed or unknown deliveries can be retried.`);
  }
}
export class RecipientInUseError extends ConflictError {
  constructor(id: string, rules: string[]) {
    super(`Recipient ${id} is named by rule(s) ${rules.join(', ')}; remove it from them first.`);
  }
}
