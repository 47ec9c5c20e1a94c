// An independent reading of a CSV file for checking the validate job's figures: the project's
// own quote-aware tokenizer (not DuckDB), plain JavaScript arithmetic, and the physical line of
// every row, so counts, statistics and example line numbers can be compared with the truth.
import { readFileSync } from 'node:fs';
import { tokenizeCsv } from '../../../src/core/data/csvTokenizer';

export interface ReferenceRow {
  line: number;
  values: Record<string, string | null>;
}

export interface ReferenceTable {
  columns: string[];
  rows: ReferenceRow[];
  /** Non-missing values of a column, as numbers. */
  numbers(column: string): number[];
  /** Rows (in file order) for which `test` holds. */
  where(test: (values: Record<string, string | null>) => boolean): ReferenceRow[];
  /** The text of a physical line of the file (1-based). */
  lineText(line: number): string;
}

export function readReference(path: string): ReferenceTable {
  const text = readFileSync(path, 'utf8');
  const records = tokenizeCsv(text).filter((r) => r.fields.length > 0);
  const [header, ...data] = records;
  const columns = header.fields;
  const rows = data.map((r) => ({
    line: r.line,
    values: Object.fromEntries(
      columns.map((c, i) => [c, r.fields[i] === undefined || r.fields[i] === '' ? null : r.fields[i]]),
    ),
  }));
  const lines = text.split('\n');
  return {
    columns,
    rows,
    numbers: (column) =>
      rows
        .map((r) => r.values[column])
        .filter((v): v is string => v !== null)
        .map(Number),
    where: (test) => rows.filter((r) => test(r.values)),
    lineText: (line) => lines[line - 1] ?? '',
  };
}

export function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sample standard deviation (ddof 1). */
export function stddev(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
}

/** Linear interpolation between closest ranks (pandas' default, DuckDB's quantile_cont). */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
