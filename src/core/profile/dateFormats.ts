// Dates written in more than one format in one column ("2021-03-04" and "04/03/2021"): the
// reader parses only some of them (DuckDB's cast takes year-first dates), so the column is
// profiled as text, or as dates with the others silently missing from the range. Each value is
// classified by the shape of its date part; when a column holds two shapes or more, each is
// reported with its row count and an example line. Checked for text columns where at least one
// value reads as a date or one of the most frequent values is shaped like one.
import { quoteLiteral } from '../duckdb/sql';
import { findRowLines, type RowLineSource } from '../validation/rowLines';
import type { ColumnPlan } from './columnPlan';
import type { Alert } from './profileTypes';
import type { ProfileQuery } from './profileQuery';
import type { ColumnSummary } from './valueCounts';

const TIME = String.raw`([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm])?)?\s*(Z|[+-]\d{2}:?\d{2})?`;
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';

/** Date shapes, by how people name them; the first that matches a value is its format. */
export const DATE_FORMATS: Array<{ name: string; pattern: string }> = [
  { name: 'YYYY-MM-DD', pattern: String.raw`\d{4}-\d{1,2}-\d{1,2}` },
  { name: 'YYYY/MM/DD', pattern: String.raw`\d{4}/\d{1,2}/\d{1,2}` },
  { name: 'DD/MM/YYYY or MM/DD/YYYY', pattern: String.raw`\d{1,2}/\d{1,2}/\d{4}` },
  { name: 'DD-MM-YYYY or MM-DD-YYYY', pattern: String.raw`\d{1,2}-\d{1,2}-\d{4}` },
  { name: 'DD.MM.YYYY', pattern: String.raw`\d{1,2}\.\d{1,2}\.\d{4}` },
  { name: 'DD/MM/YY or MM/DD/YY', pattern: String.raw`\d{1,2}/\d{1,2}/\d{2}` },
  { name: 'D Month YYYY', pattern: String.raw`\d{1,2}[ -]${MONTH}[ -],?\s*\d{4}` },
  { name: 'Month D, YYYY', pattern: String.raw`${MONTH} \d{1,2},? \d{4}` },
];

export interface DateFormatCount {
  format: string;
  rows: number;
  /** The first value of this format in file order, and its line (absent for Parquet). */
  example: string;
  line?: number;
  row: number;
}

function formatCase(value: string): string {
  const v = `lower(trim(${value}))`;
  const whens = DATE_FORMATS.map(
    (f, i) => `WHEN regexp_full_match(${v}, ${quoteLiteral(`${f.pattern}${TIME}`)}) THEN ${i}`,
  );
  return `CASE ${whens.join(' ')} END`;
}

const SHAPED = DATE_FORMATS.map((f) => new RegExp(`^(${f.pattern})${TIME}$`));

/** Whether a value has one of the date shapes. */
export function isDateShaped(value: string): boolean {
  const v = value.trim().toLowerCase();
  return SHAPED.some((re) => re.test(v));
}

/**
 * Whether a column is worth the check: text with at least one value that reads as a date, or
 * one of its most frequent values shaped like one (dates the reader cannot parse: 04.03.2021).
 */
export function mayHaveMixedDates(
  column: ColumnPlan,
  s: ColumnSummary,
  top: ReadonlyArray<{ value: string }> = [],
): boolean {
  if (column.family !== 'string' || s.distinct < 2) return false;
  return (s.dateLike ?? 0) > 0 || top.some((t) => isDateShaped(t.value));
}

/** The date formats of a column when it has two or more (empty otherwise), in file order of their first row. */
export async function findDateFormats(
  query: ProfileQuery,
  column: ColumnPlan,
  fullTable: string,
  lines: RowLineSource,
  signal: AbortSignal,
): Promise<DateFormatCount[]> {
  const counts = await query(
    `SELECT f, sum(c)::BIGINT AS n FROM (SELECT ${formatCase('v')} AS f, c FROM ${column.valueCounts} WHERE v IS NOT NULL) WHERE f IS NOT NULL GROUP BY f`,
  );
  if (counts.length < 2) return [];
  const firsts = await query(
    `SELECT f, min(rowid) AS r, arg_min(v, rowid) AS v FROM (SELECT ${formatCase(column.base)} AS f, rowid, ${column.base} AS v FROM ${fullTable}) WHERE f IS NOT NULL GROUP BY f`,
  );
  const found = await findRowLines(
    lines,
    firsts.map((f) => Number(f.r)),
    signal,
  );
  const rowsOf = new Map(counts.map((c) => [Number(c.f), Number(c.n)]));
  return firsts
    .map((f) => {
      const row = Number(f.r);
      const line = found.get(row);
      return {
        format: DATE_FORMATS[Number(f.f)].name,
        rows: rowsOf.get(Number(f.f)) ?? 0,
        example: String(f.v),
        row,
        ...(line !== undefined ? { line } : {}),
      };
    })
    .sort((a, b) => a.row - b.row);
}

function listed(formats: DateFormatCount[]): string {
  return formats
    .map(
      (f) =>
        `${f.format} (${f.rows.toLocaleString('en-US')} row${f.rows === 1 ? '' : 's'}, e.g. ${f.line !== undefined ? `line ${f.line.toLocaleString('en-US')}` : `row ${(f.row + 1).toLocaleString('en-US')}`}: ${JSON.stringify(f.example)})`,
    )
    .join(', ');
}

/** 'dates in 2 formats: YYYY-MM-DD (1,200 rows, e.g. line 2: "2021-03-04"), ...'. */
export function dateFormatsEvidence(formats: DateFormatCount[]): string {
  return `dates in ${formats.length} formats: ${listed(formats)}`;
}

export function mixedDatesAlert(name: string, formats: DateFormatCount[], type: string): Alert {
  return {
    type: 'mixed_dates',
    column: name,
    value: formats.length,
    threshold: 1,
    message: `"${name}" writes dates in ${formats.length} formats: ${listed(formats)}. It is profiled as ${type}; write every date one way (YYYY-MM-DD reads everywhere) so they are read alike.`,
  };
}
