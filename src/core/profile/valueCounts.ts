// The first pass over the data: one GROUP BY per column into a temporary value-count table,
// then statements over those (much smaller) tables, a batch of columns each, that count
// non-missing, missing and distinct values and gather the evidence type inference needs.
// Counts are exact.
import type { ColumnPlan } from './columnPlan';
import type { ProfileQuery } from './profileQuery';
import { unionInBatches } from './columnBatches';

/** What the value counts say about a column before its type is decided. */
export interface ColumnSummary {
  count: number;
  missing: number;
  distinct: number;
  /** Rows holding the most frequent value. */
  topCount: number;
  /** Approximate bytes the column takes in memory (DuckDB's layout: 16 bytes a string, longer ones out of line). */
  memoryBytes: number;
  /** Numbers: every finite value is a whole number. */
  integral?: boolean;
  /** Numbers: rows holding ±Infinity. */
  infinite?: number;
  /** Strings (over distinct values): how many read as numbers, with thousands separators, dates, booleans. */
  numberLike?: number;
  separatorNumbers?: number;
  dateLike?: number;
  booleanLike?: number;
  /** Strings: non-missing rows whose value contains a space. */
  spacedRows?: number;
}

/** A number, optionally signed, with optional comma thousands separators and decimals. */
export const NUMBER_TEXT = String.raw`^\s*[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?\s*$`;
export const BOOLEAN_WORDS = ['true', 'false', 'yes', 'no', 'y', 'n', 't', 'f'];

export async function createValueCounts(query: ProfileQuery, table: string, column: ColumnPlan): Promise<void> {
  await query(
    `CREATE OR REPLACE TEMP TABLE ${column.valueCounts} AS SELECT ${column.base} AS v, count(*) AS c FROM ${table} GROUP BY ALL`,
  );
}

const FIXED_BYTES: Record<string, number> = { boolean: 1, number: 8, datetime: 8 };

/** Non-numbers a sample of distinct values may hold and still be counted in full (see strayValues). */
const MAX_STRAY_IN_SAMPLE = 5;

/** Distinct values examined first for number/date shapes; most text columns fail within them. */
const SHAPE_SAMPLE = 200;

/**
 * Summary SQL over one column's value counts. The number/date/boolean shape checks look at a
 * sample of distinct values (`full` false) — enough to rule a free-text column out cheaply — or
 * at all of them (`full` true, run again only for columns whose sample passed).
 */
function summarySql(column: ColumnPlan, full: boolean): string {
  const vc = column.valueCounts;
  const common = `${column.index} AS col,
    coalesce(sum(c) FILTER (WHERE v IS NOT NULL), 0) AS count,
    coalesce(sum(c) FILTER (WHERE v IS NULL), 0) AS missing,
    count(v) AS distinct_values,
    coalesce(max(c) FILTER (WHERE v IS NOT NULL), 0) AS top_count`;
  if (column.family === 'string' || column.family === 'nested') {
    const words = BOOLEAN_WORDS.map((w) => `'${w}'`).join(', ');
    const shapes = (from: string) => `(SELECT struct_pack(
        checked := count(*),
        number_like := count(*) FILTER (WHERE regexp_full_match(v, '${NUMBER_TEXT}')),
        separator_numbers := count(*) FILTER (WHERE regexp_full_match(v, '${NUMBER_TEXT}') AND contains(v, ',')),
        date_like := count(*) FILTER (WHERE try_cast(trim(v) AS TIMESTAMP) IS NOT NULL),
        boolean_like := count(*) FILTER (WHERE lower(trim(v)) IN (${words}))) FROM ${from})`;
    const from = full ? `${vc} WHERE v IS NOT NULL` : `(SELECT v FROM ${vc} WHERE v IS NOT NULL LIMIT ${SHAPE_SAMPLE})`;
    return `SELECT ${common},
      coalesce(sum(c * (16 + CASE WHEN strlen(v) > 12 THEN strlen(v) ELSE 0 END)), 0) AS memory,
      ${shapes(from)} AS shapes,
      coalesce(sum(c) FILTER (WHERE contains(v, ' ')), 0) AS spaced_rows
    FROM ${vc}`;
  }
  const bytes = FIXED_BYTES[column.family] ?? 8;
  return `SELECT ${common}, sum(c) * ${bytes} AS memory, NULL AS shapes, NULL::BIGINT AS spaced_rows FROM ${vc}`;
}

interface Shapes {
  checked: number;
  number_like: number;
  separator_numbers: number;
  date_like: number;
  boolean_like: number;
}

function readSummary(row: Record<string, unknown>): ColumnSummary {
  const summary: ColumnSummary = {
    count: Number(row.count),
    missing: Number(row.missing),
    distinct: Number(row.distinct_values),
    topCount: Number(row.top_count),
    memoryBytes: Number(row.memory ?? 0),
  };
  const shapes = row.shapes as Shapes | null;
  if (shapes) {
    summary.numberLike = Number(shapes.number_like);
    summary.separatorNumbers = Number(shapes.separator_numbers);
    summary.dateLike = Number(shapes.date_like);
    summary.booleanLike = Number(shapes.boolean_like);
    summary.spacedRows = Number(row.spaced_rows);
  }
  return summary;
}

/** Whether a sampled shape check could still find every value a number or a date. */
function needsFullCheck(row: Record<string, unknown>): boolean {
  const shapes = row.shapes as Shapes | null;
  if (!shapes) return false;
  const checked = Number(shapes.checked);
  if (checked >= Number(row.distinct_values)) return false;
  // Numbers but for a few stray values are counted in full too: the profile names those values.
  return Number(shapes.number_like) >= checked - MAX_STRAY_IN_SAMPLE || Number(shapes.date_like) === checked;
}

/** Summaries of every column with value counts, one statement per batch of those tables (two when a shape check needs every value). */
export async function summarizeColumns(
  query: ProfileQuery,
  columns: ColumnPlan[],
): Promise<Map<number, ColumnSummary>> {
  const result = new Map<number, ColumnSummary>();
  if (columns.length === 0) return result;
  const rows = await unionInBatches(query, columns, (c) => summarySql(c, false));
  const again = new Set(rows.filter(needsFullCheck).map((row) => Number(row.col)));
  for (const row of rows) if (!again.has(Number(row.col))) result.set(Number(row.col), readSummary(row));
  if (again.size > 0) {
    const full = await unionInBatches(
      query,
      columns.filter((c) => again.has(c.index)),
      (c) => summarySql(c, true),
    );
    for (const row of full) result.set(Number(row.col), readSummary(row));
  }
  return result;
}

/** The typed value counts a column's statistics read: a view over its value counts, regrouped when parsing merges values. */
export function typedCountsName(index: number): string {
  return `profile_tv_${index}`;
}

export async function createTypedCounts(
  query: ProfileQuery,
  column: { index: number; valueCounts: string; typedValue: string; regroup: boolean },
): Promise<string> {
  const name = typedCountsName(column.index);
  if (column.regroup) {
    await query(
      `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT ${column.typedValue} AS v, sum(c)::BIGINT AS c FROM ${column.valueCounts} GROUP BY ALL`,
    );
  } else {
    await query(
      `CREATE OR REPLACE TEMP VIEW ${name} AS SELECT ${column.typedValue} AS v, c FROM ${column.valueCounts}`,
    );
  }
  return name;
}
