import { readCsv } from './csv-file';
import { headerProblem, parseUnits, pathToCellError, recordToInput } from './csv-rows';

describe('readCsv', () => {
  it('gives each data row with its line (header = line 1), skipping empty lines, counting quoted line breaks', () => {
    const file = readCsv('skus', 'code,name,unit_cost\nA,Apple,1\nB,"Ba\nnana",2\n\nE,e,-1\n');
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.rows.map((r) => r.line)).toEqual([2, 3, 6]);
    expect(file.rows[1]).toMatchObject({ record: { code: 'B', name: 'Ba\nnana', unit_cost: '2' } });
  });

  it('makes a row with the wrong number of cells a row error, not a failure of the file', () => {
    const file = readCsv('skus', 'code,name\nA,Apple\nB,Banana,extra\nC,Cherry\n');
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.rows).toHaveLength(3);
    expect(file.rows[1]).toEqual({ line: 3, raw: 'B,Banana,extra', error: 'the row has 3 cells but the header has 2 columns' });
  });

  it('fails the whole file on a bad header, naming the columns', () => {
    const file = readCsv('skus', 'code,nme,colour\nA,b,c\n');
    expect(file.ok).toBe(false);
    if (file.ok) return;
    expect(file.failure).toContain('unknown columns: nme, colour');
    expect(file.failure).toContain('missing required column: name');
  });

  it('accepts header names in any case and order, and a BOM', () => {
    const file = readCsv('locations', '\uFEFFType, NAME ,Code\nstore,Main,S1\n');
    expect(file).toEqual({ ok: true, rows: [{ line: 2, raw: 'store,Main,S1', record: { type: 'store', name: 'Main', code: 'S1' } }] });
  });

  it('fails an empty file', () => {
    expect(readCsv('skus', '').ok).toBe(false);
  });
});

describe('csv rows', () => {
  it('reports repeated columns', () => {
    expect(headerProblem('suppliers', ['code', 'name', 'code'])).toContain('repeated column: code');
    expect(headerProblem('suppliers', ['code', 'name'])).toBeNull();
  });

  it('converts cells to the API shape, leaving non-numbers as strings for the schema to refuse', () => {
    const { input, errors } = recordToInput('skus', {
      code: 'A',
      name: 'Apple',
      unit_cost: 'abc',
      unit_price: '2.50',
      active: 'No',
      units: 'case=12; pallet=480',
      category: '',
    });
    expect(errors).toEqual([]);
    expect(input).toEqual({
      code: 'A',
      name: 'Apple',
      unitCost: 'abc',
      unitPrice: 2.5,
      active: false,
      units: [
        { name: 'case', factor: 12 },
        { name: 'pallet', factor: 480 },
      ],
    });
  });

  it('refuses malformed units', () => {
    expect(parseUnits('case')).toHaveProperty('error');
    expect(recordToInput('skus', { code: 'A', name: 'n', units: 'case=' }).errors[0].field).toBe('units');
  });

  it('names schema errors by CSV column', () => {
    expect(pathToCellError('supplier-terms', ['leadTimeDays'], 'must be greater than 0')).toEqual({
      field: 'lead_time_days',
      message: 'must be greater than 0',
    });
    expect(pathToCellError('skus', ['units', 1, 'factor'], 'must be at least 2')).toEqual({
      field: 'units',
      message: '#2 factor: must be at least 2',
    });
  });
});
