import { EntityManager } from 'typeorm';

/**
 * TypeORM's Postgres `query()` answers UPDATE and DELETE with `[rows, rowCount]` (even with RETURNING) and
 * everything else with the rows; this gives the rows either way.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** `em.query` for a statement with RETURNING: always the returned rows. */
export async function queryRows<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return rowsOf<T>(await em.query(sql, params));
}
