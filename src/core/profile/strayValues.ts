// A column of numbers broken by a few text values ("12", "7.5", ..., "n/a?") is read as text and
// profiled as categorical; without this, nothing would say which lines broke it. A text column
// whose distinct values all read as numbers but for at most MAX_STRAY_VALUES of them (covering
// less than half its rows) gets those values named, each with the line it first appears on (the
// validate job's row-line finder), in its type evidence and in a `stray_values` alert.
import { quoteLiteral } from '../duckdb/sql';
import { findRowLines, type RowLineSource } from '../validation/rowLines';
import type { Alert } from './profileTypes';
import type { ColumnPlan } from './columnPlan';
import type { ProfileQuery } from './profileQuery';
import { LOW_CATEGORICAL_THRESHOLD, type InferredColumn } from './typeInference';
import { NUMBER_TEXT, type ColumnSummary } from './valueCounts';

export const MAX_STRAY_VALUES = 5;

export interface StrayValue {
  value: string;
  /** Rows holding it. */
  count: number;
  /** 1-based line of its first row (absent for Parquet, which has no lines). */
  line?: number;
  /** 0-based position of its first row among the data rows. */
  row: number;
}

/** Whether a text column is numbers but for a few values (decided from its summary). */
export function mayHaveStrays(column: InferredColumn, s: ColumnSummary): boolean {
  if (column.family !== 'string' || column.stats === 'numeric' || column.type === 'datetime') return false;
  const numbers = s.numberLike ?? 0;
  const strays = s.distinct - numbers;
  return numbers > LOW_CATEGORICAL_THRESHOLD && strays >= 1 && strays <= MAX_STRAY_VALUES;
}

/**
 * The stray values of `column` (from its value counts), with their first rows in `fullTable`
 * (the whole file, in file order) and those rows' lines. Empty when they cover half the rows or more.
 */
export async function findStrayValues(
  query: ProfileQuery,
  column: ColumnPlan,
  summary: ColumnSummary,
  fullTable: string,
  lines: RowLineSource,
  signal: AbortSignal,
): Promise<StrayValue[]> {
  const rows = await query(
    `SELECT v, c FROM ${column.valueCounts} WHERE v IS NOT NULL AND NOT regexp_full_match(v, '${NUMBER_TEXT}') ORDER BY c DESC, v LIMIT ${MAX_STRAY_VALUES + 1}`,
  );
  if (rows.length === 0 || rows.length > MAX_STRAY_VALUES) return [];
  const strays = rows.map((r) => ({ value: String(r.v), count: Number(r.c) }));
  if (2 * strays.reduce((n, s) => n + s.count, 0) >= summary.count) return [];
  const firsts = await query(
    `SELECT ${column.base} AS v, min(rowid) AS r FROM ${fullTable} WHERE ${column.base} IN (${strays.map((s) => quoteLiteral(s.value)).join(', ')}) GROUP BY 1`,
  );
  const firstRow = new Map(firsts.map((f) => [String(f.v), Number(f.r)]));
  const found = await findRowLines(lines, [...firstRow.values()], signal);
  return strays
    .map((s) => {
      const row = firstRow.get(s.value) ?? -1;
      const line = found.get(row);
      return { ...s, row, ...(line !== undefined ? { line } : {}) };
    })
    .sort((a, b) => a.row - b.row);
}

const where = (s: StrayValue) =>
  s.line !== undefined ? `line ${s.line.toLocaleString('en-US')}` : `row ${(s.row + 1).toLocaleString('en-US')}`;

function listed(strays: StrayValue[]): string {
  return strays
    .map(
      (s) =>
        `${where(s)}: ${JSON.stringify(s.value)}${s.count > 1 ? ` (${s.count.toLocaleString('en-US')} rows)` : ''}`,
    )
    .join(', ');
}

/** 'numeric except line 1,204: "n/a?"'. */
export function strayEvidence(strays: StrayValue[]): string {
  return `numeric except ${listed(strays)}`;
}

export function strayAlert(name: string, strays: StrayValue[], type: string): Alert {
  const values = strays.length === 1 ? 'one value' : `${strays.length} values`;
  const rows = strays.reduce((n, s) => n + s.count, 0);
  const message = `"${name}" holds numbers except ${values} (${listed(strays)}), so it is profiled as ${type}, not numeric. Correct ${strays.length === 1 ? 'it' : 'them'} or make ${strays.length === 1 ? 'it' : 'them'} empty to read the column as numbers.`;
  return { type: 'stray_values', column: name, value: rows, threshold: 0, message };
}
