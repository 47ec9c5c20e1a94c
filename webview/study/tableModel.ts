// The trial table's rows as the user asked for them: filtered by state and by a text query,
// sorted by one column. Pure (no DOM), so it is tested in Node; the table draws only the
// slice of the result that is on screen.
import type { TrialRow } from '../../src/core/tuning/studyRows';
import type { ParamAxis } from '../../src/core/tuning/studySummary';
import type { TrialState } from '../../src/core/tuning/types';

/** 'number', 'state', 'stage', 'duration', `value:<k>` or `param:<i>`. */
export type ColumnKey = string;

export interface Column {
  key: ColumnKey;
  label: string;
  numeric: boolean;
}

export interface TableQuery {
  sort: ColumnKey;
  descending: boolean;
  state: TrialState | 'all';
  /**
   * Words that must all appear in a row's text; `name<op>number` (op one of < <= > >= =)
   * compares a column whose label starts with `name` instead, e.g. `x>0.5 forest`.
   */
  text: string;
}

export const DEFAULT_QUERY: TableQuery = { sort: 'number', descending: false, state: 'all', text: '' };

export function columnsOf(metrics: readonly string[], axes: readonly ParamAxis[]): Column[] {
  return [
    { key: 'number', label: 'Trial', numeric: true },
    { key: 'state', label: 'State', numeric: false },
    ...metrics.map((m, k) => ({ key: `value:${k}`, label: m, numeric: true })),
    ...axes.map((a, i) => ({ key: `param:${i}`, label: a.name, numeric: a.kind !== 'categorical' })),
    { key: 'stage', label: 'Stage', numeric: true },
    { key: 'duration', label: 'Duration (s)', numeric: true },
  ];
}

export function cellValue(row: TrialRow, key: ColumnKey): string | number | boolean | null {
  if (key === 'number') return row.number;
  if (key === 'state') return row.state;
  if (key === 'stage') return row.stage + 1;
  if (key === 'duration') return row.durationMs === undefined ? null : row.durationMs / 1000;
  const [kind, index] = key.split(':');
  const i = Number(index);
  if (kind === 'value') return row.values[i] ?? null;
  if (kind === 'param') return row.params[i] ?? null;
  return null;
}

/** Four significant digits, integers as they are. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

export function cellText(row: TrialRow, key: ColumnKey): string {
  const v = cellValue(row, key);
  if (v === null) return '—';
  return typeof v === 'number' ? formatNumber(v) : String(v);
}

interface Comparison {
  column: ColumnKey;
  test: (v: number) => boolean;
}

const OPS: Record<string, (a: number, b: number) => boolean> = {
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '=': (a, b) => a === b,
};

/** A query's comparisons and plain words; a comparison naming no column is kept as a word. */
export function parseQuery(text: string, columns: readonly Column[]): { comparisons: Comparison[]; words: string[] } {
  const comparisons: Comparison[] = [];
  const words: string[] = [];
  for (const token of text.trim().toLowerCase().split(/\s+/).filter(Boolean)) {
    const m = /^([^<>=]+)(<=|>=|<|>|=)(-?[\d.]+(?:e-?\d+)?)$/.exec(token);
    const column = m && columns.find((c) => c.numeric && c.label.toLowerCase().startsWith(m[1]));
    if (m && column && Number.isFinite(Number(m[3]))) {
      const op = OPS[m[2]];
      const bound = Number(m[3]);
      comparisons.push({ column: column.key, test: (v) => op(v, bound) });
    } else words.push(token);
  }
  return { comparisons, words };
}

export function queryRows(rows: readonly TrialRow[], query: TableQuery, columns: readonly Column[]): TrialRow[] {
  const { comparisons, words } = parseQuery(query.text, columns);
  const filtered = rows.filter((row) => {
    if (query.state !== 'all' && row.state !== query.state) return false;
    for (const c of comparisons) {
      const v = cellValue(row, c.column);
      if (typeof v !== 'number' || !c.test(v)) return false;
    }
    if (words.length === 0) return true;
    const text = columns.map((c) => cellText(row, c.key).toLowerCase()).join(' ');
    return words.every((w) => text.includes(w));
  });
  const sign = query.descending ? -1 : 1;
  const key = query.sort;
  return filtered.sort((a, b) => {
    const x = cellValue(a, key);
    const y = cellValue(b, key);
    // Empty cells last whatever the direction; ties by trial number.
    if (x === null || y === null) return x === y ? a.number - b.number : x === null ? 1 : -1;
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), undefined, { numeric: true });
    return order !== 0 ? sign * order : a.number - b.number;
  });
}
