// A text/csv request body as rows: a header of column names, then one row per line (RFC 4180
// quoting). Values are typed by the signature as pandas' read_csv would: a numeric column's
// number text becomes a number (NaN/inf included), an empty or NA cell is missing (null), and
// text that is no number stays text so checkRows names it; other columns stay text.
import type { ModelSignature } from '../signature';
import { badRequest } from './errors';

const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None', '<NA>']);
const INFINITE: Record<string, number> = {
  inf: Infinity,
  Infinity: Infinity,
  '-inf': -Infinity,
  '-Infinity': -Infinity,
};

/** Splits CSV text into records of cells. */
export function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n') endRow();
    else if (ch !== '\r') cell += ch;
    i++;
  }
  if (quoted) throw badRequest('Failed to parse the CSV input: a quoted field is not closed.');
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

function numericValue(text: string): unknown {
  const t = text.trim();
  if (t === 'NaN' || t === 'nan') return NaN;
  if (MISSING.has(t)) return null;
  if (t in INFINITE) return INFINITE[t];
  const n = Number(t);
  return Number.isNaN(n) ? text : n;
}

export function parseCsvRows(signature: ModelSignature, text: string): unknown[] {
  const [header, ...lines] = csvCells(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  const types = new Map(signature.inputs.map((c) => [c.name, c.type]));
  return lines.map((cells, r) => {
    if (cells.length !== header.length)
      throw badRequest(
        `Failed to parse the CSV input: row ${r} has ${cells.length} values for ${header.length} columns in the header.`,
      );
    return Object.fromEntries(
      header.map((name, i) => {
        const cell = cells[i];
        if (types.get(name) === 'numeric') return [name, numericValue(cell)];
        return [name, MISSING.has(cell) ? null : cell];
      }),
    );
  });
}
