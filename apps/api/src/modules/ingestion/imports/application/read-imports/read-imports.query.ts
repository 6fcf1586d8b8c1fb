import { Injectable } from '@nestjs/common';
import {
  IMPORT_ERRORS_INLINE,
  ImportDetail,
  ImportErrorsQuery,
  ImportListQuery,
  ImportRowErrorWithRaw,
  ImportSummary,
  Page,
} from '@stockpulse/contracts';
import { NotFoundError } from '../../../../../shared/errors';
import { decodeCursor, page } from '../../../../../shared/http/pagination';
import { ImportRepository } from '../../infrastructure/import.repository';

export class UnknownImportError extends NotFoundError {
  constructor(id: string) {
    super(`No import ${id}.`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Progress and errors of imports, for the API and the UI's polling. */
@Injectable()
export class ReadImportsQuery {
  constructor(private readonly imports: ImportRepository) {}

  async get(id: string): Promise<ImportDetail> {
    const summary = UUID.test(id) ? await this.imports.summary(id) : undefined;
    if (!summary) throw new UnknownImportError(id);
    const errors = summary.errorRows ? await this.imports.firstErrors(id, IMPORT_ERRORS_INLINE) : [];
    return { ...summary, errors };
  }

  async errors(id: string, query: ImportErrorsQuery): Promise<Page<ImportRowErrorWithRaw>> {
    if (!UUID.test(id) || !(await this.imports.summary(id))) throw new UnknownImportError(id);
    const offset = decodeCursor(query.cursor, query.offset);
    const { items, total } = await this.imports.errors(id, query.limit, offset);
    return page(items, total, offset, query.limit);
  }

  async list(query: ImportListQuery): Promise<Page<ImportSummary>> {
    const offset = decodeCursor(query.cursor, query.offset);
    const { items, total } = await this.imports.list(query, offset);
    return page(items, total, offset, query.limit);
  }
}
