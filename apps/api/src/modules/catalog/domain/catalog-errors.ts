import { ConflictError, NotFoundError } from '../../../shared/errors';

export class UnknownSkuError extends NotFoundError {
  constructor(code: string) {
    super(`There is no SKU with code ${code}.`);
  }
}
export class UnknownLocationError extends NotFoundError {
  constructor(code: string) {
    super(`There is no location with code ${code}.`);
  }
}
export class UnknownSupplierError extends NotFoundError {
  constructor(code: string) {
    super(`There is no supplier with code ${code}.`);
  }
}
export class DuplicateCodeError extends ConflictError {
  constructor(kind: 'SKU' | 'location' | 'supplier', code: string) {
    super(`A ${kind} with code ${code} already exists.`, [{ path: 'code', message: 'is already taken' }]);
  }
}
