import { IMPORT_COLUMNS, ImportKind } from '@stockpulse/contracts';

/** A problem with one cell, named by its CSV column. */
export interface CellError {
  field: string;
  message: string;
}

/** The API field (camelCase) each CSV column (snake_case) becomes, per kind. */
const FIELD_OF_COLUMN: Record<ImportKind, Record<string, string>> = {
  skus: {
    code: 'code',
    name: 'name',
    category: 'category',
    base_unit: 'baseUnit',
    unit_cost: 'unitCost',
    unit_price: 'unitPrice',
    active: 'active',
    units: 'units',
  },
  locations: { code: 'code', name: 'name', type: 'type', time_zone: 'timeZone', active: 'active' },
  suppliers: { code: 'code', name: 'name', contact_email: 'contactEmail', active: 'active' },
  'supplier-terms': {
    supplier: 'supplier',
    sku: 'sku',
    lead_time_days: 'leadTimeDays',
    lead_time_std_days: 'leadTimeStdDays',
    moq: 'moq',
    pack_size: 'packSize',
    unit_cost: 'unitCost',
  },
  movements: {
    source: 'source',
    external_id: 'externalId',
    sku: 'sku',
    location: 'location',
    type: 'type',
    quantity: 'quantity',
    unit: 'unit',
    occurred_at: 'occurredAt',
    reason: 'reason',
    to_location: 'toLocation',
    from_location: 'fromLocation',
  },
};

const NUMERIC_COLUMNS = new Set([
  'unit_cost',
  'unit_price',
  'lead_time_days',
  'lead_time_std_days',
  'moq',
  'pack_size',
  'quantity',
]);
const BOOLEAN_COLUMNS = new Set(['active']);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n']);

/** Header cells compare trimmed and case-insensitively. */
export function normalizeColumn(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Why a header cannot be imported (unknown, missing or repeated columns), or null when it is fine. The message
 * names every offending column and lists what the kind expects.
 */
export function headerProblem(kind: ImportKind, header: readonly string[]): string | null {
  const { required, optional } = IMPORT_COLUMNS[kind];
  const known = new Set([...required, ...optional]);
  const columns = header.map(normalizeColumn);
  const unknown = columns.filter((c) => !known.has(c));
  const missing = required.filter((c) => !columns.includes(c));
  const repeated = [...new Set(columns.filter((c, i) => columns.indexOf(c) !== i))];
  const problems: string[] = [];
  if (unknown.length) problems.push(`unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.map(show).join(', ')}`);
  if (missing.length) problems.push(`missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  if (repeated.length) problems.push(`repeated column${repeated.length > 1 ? 's' : ''}: ${repeated.join(', ')}`);
  if (!problems.length) return null;
  return (
    `The CSV header cannot be imported as ${kind}: ${problems.join('; ')}. ` +
    `Expected columns: ${[...required, ...optional].join(', ')} (required: ${required.join(', ')}).`
  );
}

function show(column: string): string {
  return column === '' ? '(empty)' : column;
}

/** `12`, `-3`, `4.50`, `1e3`: a number; anything else stays a string so that the schema refuses it by name. */
function toNumber(cell: string): number | string {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cell)) return cell;
  const n = Number(cell);
  return Number.isFinite(n) ? n : cell;
}

function toBoolean(cell: string): boolean | string {
  const word = cell.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return cell;
}

/** `case=12;pallet=480` -> [{ name: 'case', factor: 12 }, { name: 'pallet', factor: 480 }]. */
export function parseUnits(cell: string): { units: { name: string; factor: number | string }[] } | { error: string } {
  const units: { name: string; factor: number | string }[] = [];
  for (const part of cell.split(';').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) {
      return { error: `"${part}" is not name=factor; write units like case=12;pallet=480` };
    }
    units.push({ name: part.slice(0, eq).trim(), factor: toNumber(part.slice(eq + 1).trim()) });
  }
  return { units };
}

/**
 * One CSV record (column -> cell, already trimmed) as the API body of its kind: camelCase fields, numbers and
 * booleans converted where they read as such, empty cells left out (so the API default applies). Cells that
 * cannot even be shaped (a malformed `units`) come back as errors.
 */
export function recordToInput(kind: ImportKind, record: Readonly<Record<string, string>>): { input: Record<string, unknown>; errors: CellError[] } {
  const input: Record<string, unknown> = {};
  const errors: CellError[] = [];
  for (const [rawColumn, rawCell] of Object.entries(record)) {
    const column = normalizeColumn(rawColumn);
    const field = FIELD_OF_COLUMN[kind][column];
    const cell = (rawCell ?? '').trim();
    if (!field || cell === '') continue;
    if (kind === 'skus' && column === 'units') {
      const parsed = parseUnits(cell);
      if ('error' in parsed) errors.push({ field: column, message: parsed.error });
      else input[field] = parsed.units;
    } else if (NUMERIC_COLUMNS.has(column)) {
      input[field] = toNumber(cell);
    } else if (BOOLEAN_COLUMNS.has(column)) {
      input[field] = toBoolean(cell);
    } else {
      input[field] = cell;
    }
  }
  return { input, errors };
}

/**
 * A schema error path (`['unitCost']`, `['units', 1, 'factor']`) as a CSV cell error: the column, and the rest of
 * the path in the message (`units`: `2nd unit, factor: must be at least 2`).
 */
export function pathToCellError(kind: ImportKind, path: readonly (string | number)[], message: string): CellError {
  const [head, ...rest] = path;
  const column = Object.entries(FIELD_OF_COLUMN[kind]).find(([, f]) => f === head)?.[0] ?? (head === undefined ? '' : String(head));
  if (!rest.length) return { field: column, message };
  const where = rest.map((p) => (typeof p === 'number' ? `#${p + 1}` : p)).join(' ');
  return { field: column, message: `${where}: ${message}` };
}

/** The CSV column of an API field (for errors reported by the API's own use cases). */
export function columnOfField(kind: ImportKind, field: string): string {
  return Object.entries(FIELD_OF_COLUMN[kind]).find(([, f]) => f === field)?.[0] ?? field;
}

/** What makes two rows of the file the same thing (a later one would overwrite the earlier). */
export function rowKey(kind: ImportKind, input: Readonly<Record<string, unknown>>): { key: string; field: string } | null {
  switch (kind) {
    case 'skus':
    case 'locations':
    case 'suppliers':
      return typeof input.code === 'string' ? { key: input.code, field: 'code' } : null;
    case 'supplier-terms':
      return typeof input.supplier === 'string' && typeof input.sku === 'string'
        ? { key: `${input.supplier}\u0000${input.sku}`, field: 'sku' }
        : null;
    case 'movements':
      return null;
  }
}
