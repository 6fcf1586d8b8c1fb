import { Client } from 'pg';
import { workerDatabaseUrl } from '../testing/test-env';
import { Column, unnestColumns } from './unnest-columns';

/** The rows that come out of unnestColumns are the rows that went in, NULLs and awkward text included. */
describe('unnestColumns', () => {
  const client = new Client({ connectionString: workerDatabaseUrl() });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  const select = async (columns: Column[]) => {
    const params: unknown[] = [];
    const from = unnestColumns(columns, params);
    const { rows } = await client.query({ text: `SELECT * FROM ${from} AS t(a, b, c, d, e)`, values: params, rowMode: 'array' });
    return rows.map((r: unknown[]) => r.map((v) => (v instanceof Date ? v.toISOString() : v)));
  };

  it('gives back every type, in order, with NULLs', async () => {
    const rows = [
      ['7d9c0a36-3f7e-4c52-9a55-0b6f1b1f4a01', -5, true, '2026-01-10T10:00:00.000Z', 'a, "quoted" \\ text'],
      [null, null, null, null, null],
      ['00000000-0000-0000-0000-000000000000', 2147483647, false, '1999-12-31T23:59:59.123Z', ''],
    ];
    const out = await select([
      { type: 'uuid', values: rows.map((r) => r[0] as string | null) },
      { type: 'int', values: rows.map((r) => r[1] as number | null) },
      { type: 'boolean', values: rows.map((r) => r[2] as boolean | null) },
      { type: 'timestamptz', values: rows.map((r) => r[3] as string | null) },
      { type: 'text', values: rows.map((r) => r[4] as string | null) },
    ]);
    expect(out).toEqual(rows);
  });

  it('keeps a single row whose values are all NULL', async () => {
    const nulls: Column['values'] = [null];
    const params: unknown[] = [];
    const from = unnestColumns(
      (['uuid', 'int', 'boolean', 'timestamptz'] as const).map((type) => ({ type, values: nulls })),
      params,
    );
    const { rows } = await client.query({ text: `SELECT * FROM ${from} AS t(a, b, c, d)`, values: params, rowMode: 'array' });
    expect(rows).toEqual([[null, null, null, null]]);
  });
});
