export type ColumnType = 'uuid' | 'int' | 'boolean' | 'timestamptz' | 'text';

export interface Column {
  type: ColumnType;
  /** one value per row; null is NULL */
  values: readonly (string | number | boolean | null)[];
}

/**
 * `unnest(...)` over one parameter per column, for set-based statements on thousands of rows
 * (`INSERT ... SELECT * FROM ${unnestColumns(columns, params)} AS t`); the parameters are appended to `params`.
 *
 * Postgres array literals are costly at both ends: node-postgres quotes and escapes every element, Postgres parses
 * them back. A uuid, an integer, a boolean or an ISO time never holds a comma nor reads `NULL`, so such a column
 * travels as one comma-separated text split in SQL, `NULL` standing for NULL. Text, which may hold anything, keeps
 * the array literal.
 */
export function unnestColumns(columns: readonly Column[], params: unknown[]): string {
  const args = columns.map(({ type, values }) => {
    if (type === 'text') {
      params.push(values);
      return `$${params.length}::text[]`;
    }
    params.push(values.map((v) => v ?? 'NULL').join(','));
    return `string_to_array($${params.length}, ',', 'NULL')::${type}[]`;
  });
  return `unnest(${args.join(', ')})`;
}
