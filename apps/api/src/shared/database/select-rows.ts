export type ColumnType = 'uuid' | 'int' | 'boolean' | 'timestamptz' | 'text';

export type Column =
  /** one value per row; null is NULL */
  | { type: ColumnType; values: readonly (string | number | boolean | null)[] }
  /** the same value in every row */
  | { type: ColumnType; value: string | number | boolean | null };

/** A column with at most this share of distinct values travels as its distinct values and an index per row. */
const DICTIONARY_SHARE = 0.25;

/**
 * `SELECT <one expression per column> FROM unnest(...)`: the rows of a set-based statement on thousands of rows
 * (`INSERT INTO t (a, b, c) ${selectRows(columns, params)}`), with one parameter or two per column, appended to
 * `params`.
 *
 * Postgres array literals are costly at both ends: node-postgres quotes and escapes every element, Postgres parses
 * them back. So:
 * - a column of one value (the source, the leg, a zero delta of a movement batch) travels once;
 * - a column that repeats a few values (the SKUs, locations and types of a movement batch) travels as the array of
 *   its distinct values and one small integer per row;
 * - a uuid, an integer, a boolean or an ISO time never holds a comma nor reads `NULL`: such a column travels as one
 *   comma-separated text split in SQL, `NULL` standing for NULL;
 * - other text, which may hold anything, keeps the array literal.
 */
export function selectRows(columns: readonly Column[], params: unknown[]): string {
  const select: string[] = [];
  const unnest: string[] = [];
  const names: string[] = [];
  let rowCount = 1;
  const param = (value: unknown) => `$${params.push(value)}`;
  columns.forEach((column, n) => {
    const { type } = column;
    if (!('values' in column)) {
      select.push(`${param(column.value)}::${type}`);
      return;
    }
    const { values } = column;
    rowCount = values.length;
    const name = `c${n}`;
    const indexes = dictionaryIndexes(values);
    if (indexes?.distinct.length === 1) {
      select.push(`${param(indexes.distinct[0])}::${type}`);
      return;
    }
    names.push(name);
    if (indexes) {
      select.push(`(${param(indexes.distinct)}::${type}[])[${name}]`);
      unnest.push(`string_to_array(${param(indexes.rows.join(','))}, ',')::int[]`);
    } else if (type === 'text') {
      select.push(name);
      unnest.push(`${param(values)}::text[]`);
    } else {
      select.push(name);
      unnest.push(`string_to_array(${param(values.map((v) => v ?? 'NULL').join(','))}, ',', 'NULL')::${type}[]`);
    }
  });
  // a column of one value is a constant; when every column is one, a series makes the rows
  const from = unnest.length
    ? ` FROM unnest(${unnest.join(', ')}) AS t(${names.join(', ')})`
    : rowCount === 1
      ? ''
      : ` FROM generate_series(1, ${param(rowCount)}::int)`;
  return `SELECT ${select.join(', ')}${from}`;
}

/** The distinct values of a column and the (1-based) index of each row's value, unless too many are distinct. */
function dictionaryIndexes<V>(values: readonly V[]): { distinct: V[]; rows: number[] } | undefined {
  const distinct = new Map<V, number>();
  const limit = values.length * DICTIONARY_SHARE;
  const rows: number[] = [];
  for (const v of values) {
    let index = distinct.get(v);
    if (index === undefined) {
      if (distinct.size >= limit) return undefined;
      index = distinct.size + 1;
      distinct.set(v, index);
    }
    rows.push(index);
  }
  return { distinct: [...distinct.keys()], rows };
}
