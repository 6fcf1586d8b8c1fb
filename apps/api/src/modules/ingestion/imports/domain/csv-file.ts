import { parse } from 'csv-parse/sync';
import { ImportKind } from '@stockpulse/contracts';
import { headerProblem, normalizeColumn } from './csv-rows';

/** A data row of the file, with its line (the header is line 1) and its text as written. */
export type CsvRow =
  | { line: number; raw: string; record: Record<string, string> }
  | { line: number; raw: string; error: string };

export type CsvFile = { ok: true; rows: CsvRow[] } | { ok: false; failure: string };

const MAX_RAW = 2000;

/** The record's own text: without the empty lines skipped before it and its line break. */
function own(raw: string): string {
  return raw.replace(/^(\s*\r?\n)+/, '').replace(/\r?\n$/, '');
}

function clip(raw: string): string {
  const text = own(raw);
  return text.length > MAX_RAW ? `${text.slice(0, MAX_RAW)}…` : text;
}

/** The line a record starts on, from the line it ends on and its raw text (a quoted cell may span lines). */
function startLine(endLine: number, raw: string): number {
  return endLine - (own(raw).split('\n').length - 1);
}

/**
 * Reads a whole CSV of `kind`: checks the header first (unknown, missing or repeated columns fail the whole file),
 * then gives every data row with its line; a row with the wrong number of cells or broken quoting is a row error,
 * not a failure of the file.
 */
export function readCsv(kind: ImportKind, content: string): CsvFile {
  let problem: string | null = null;
  const rows: CsvRow[] = [];
  try {
    const records = parse(content, {
      bom: true,
      columns: (header: string[]) => {
        const columns = header.map(normalizeColumn);
        problem = headerProblem(kind, columns);
        if (problem) throw new Error(problem);
        return columns;
      },
      trim: true,
      skip_empty_lines: true,
      relax_column_count: false,
      skip_records_with_error: true,
      info: true,
      raw: true,
      on_skip: (error, raw) => {
        if (!error) return;
        const text = typeof raw === 'string' ? raw : '';
        const line = typeof error.lines === 'number' ? startLine(error.lines, text) : 0;
        rows.push({ line, raw: clip(text), error: describe(error) });
      },
    }) as unknown as { record: Record<string, string>; info: { lines: number }; raw: string }[];
    for (const r of records) rows.push({ line: startLine(r.info.lines, r.raw), raw: clip(r.raw), record: r.record });
  } catch (error) {
    if (problem) return { ok: false, failure: problem };
    return { ok: false, failure: `The file is not readable as CSV: ${(error as Error).message}` };
  }
  if (rows.length === 0 && content.trim() === '') {
    return { ok: false, failure: 'The file is empty: it needs a header line and data rows.' };
  }
  rows.sort((a, b) => a.line - b.line);
  return { ok: true, rows };
}

function describe(error: { code?: string; message: string }): string {
  if (error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' || error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    const m = /columns length is (\d+), got (\d+)/.exec(error.message);
    return m ? `the row has ${m[2]} cells but the header has ${m[1]} columns` : error.message;
  }
  return error.message.replace(/ on line \d+$/, '');
}
