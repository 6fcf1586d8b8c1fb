import { ConflictError, NotFoundError } from '../../../shared/errors';

export class UnknownAlertError extends NotFoundError {
  constructor(id: string) {
    super(`There is no alert with id ${id}.`);
  }
}

export class AlertResolvedError extends ConflictError {
  constructor(id: string, action: string) {
    super(`Alert ${id} is resolved: it cannot be ${action}.`, [{ path: 'id', message: 'is resolved' }]);
  }
}
