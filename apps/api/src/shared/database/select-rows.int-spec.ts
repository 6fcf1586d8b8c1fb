import { Client } from 'pg';
import { workerDatabaseUrl } from '../testing/test-env';
import { Column, ColumnType, selectRows } from './select-rows';

type Value = string | number | boolean | null;

/** The rows that come out of selectRows are the rows that went in, whichever way each column travels. */
describe('selectRows', () => {
  const client = new Client({ connectionString: workerDatabaseUrl() });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  const select = async (columns: Column[]): Promise<Value[][]> => {
    const params: unknown[] = [];
    const { rows } = await client.query({ text: selectRows(columns, params), values: params, rowMode: 'array' });
    return rows.map((r: unknown[]) => r.map((v) => (v instanceof Date ? v.toISOString() : (v as Value))));
  };
  const types: ColumnType[] = ['uuid', 'int', 'boolean', 'timestamptz', 'text'];
  const columnsOf = (rows: Value[][]): Column[] => types.map((type, c) => ({ type, values: rows.map((r) => r[c]) }));

  const odd: Value[][] = [
    ['7d9c0a36-3f7e-4c52-9a55-0b6f1b1f4a01', -5, true, '2026-01-10T10:00:00.000Z', 'a, "quoted" \\ {text}'],
    [null, null, null, null, null],
    ['00000000-0000-0000-0000-000000000000', 2147483647, false, '1999-12-31T23:59:59.123Z', ''],
    ['7d9c0a36-3f7e-4c52-9a55-0b6f1b1f4a02', 0, false, '2026-01-10T10:00:00.000Z', 'NULL'],
  ];

  it('gives back every type, in order, with NULLs, as lists (few repeated values)', async () => {
    expect(await select(columnsOf(odd))).toEqual(odd);
  });

  it('gives back the same rows when columns repeat a few values (sent as distinct values and indexes)', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => odd[i % odd.length]);
    expect(await select(columnsOf(rows))).toEqual(rows);
  });

  it('mixes per-row columns, repeated ones and constants', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => [`id-${i}, "${i}"`, i % 2 === 0 ? 'even' : null]);
    const out = await select([
      { type: 'text', values: rows.map((r) => r[0]) },
      { type: 'text', values: rows.map((r) => r[1]) },
      { type: 'int', value: 7 },
      { type: 'text', value: null },
    ]);
    expect(out).toEqual(rows.map((r) => [...r, 7, null]));
  });

  it('sends a column of one value once, and keeps the number of rows when every column is one', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ['7d9c0a36-3f7e-4c52-9a55-0b6f1b1f4a01', i, true, null, 'same']);
    expect(await select(columnsOf(rows))).toEqual(rows);
    const same = Array.from({ length: 3 }, () => odd[0]);
    const params: unknown[] = [];
    expect(selectRows(columnsOf(same), params)).toContain('generate_series');
    expect(await select(columnsOf(same))).toEqual(same);
  });

  it('keeps a single row whose values are all NULL, and gives no row for no values', async () => {
    expect(await select(columnsOf([[null, null, null, null, null]]))).toEqual([[null, null, null, null, null]]);
    expect(await select(columnsOf([]))).toEqual([]);
  });
});
