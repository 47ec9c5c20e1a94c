// A numeric column in ascending order, as its statistics and ranks need it, read the cheaper of
// two ways: a column with many distinct values is sorted in DuckDB and handed over value by
// value with the row each came from (ties in file order); a column with few distinct values is
// grouped instead and handed over as its distinct values with their counts, plus, when it is
// correlated, its values in file order (see rowOrderValues). Infinite values are counted apart.
import type { DuckDBConnection } from '@duckdb/node-api';
import { readDoubleColumns } from '../duckdb/readColumns';

export interface SortedColumn {
  index: number;
  /** Finite values, ascending (distinct when `counts` is present). */
  values: Float64Array;
  /** How many rows hold each value, for a grouped read; absent when each value is one row. */
  counts?: Float64Array;
  /** For a row-by-row read: the 0-based row of each value (ties in file order). */
  rows?: Uint32Array;
  negativeInfinite: number;
  positiveInfinite: number;
  /** Rows of the table (so row numbers index arrays of this size). */
  tableRows: number;
}

export type ReadDoubles = (sql: string, columns: number, capacity: number) => Promise<Float64Array[]>;

export function doublesReader(connection: DuckDBConnection, signal: AbortSignal): ReadDoubles {
  return (sql, columns, capacity) => readDoubleColumns(connection, sql, columns, capacity, signal);
}

/** Where the finite values start and end in an ascending array that may begin with -∞ and end with +∞. */
function finiteRange(all: Float64Array): { start: number; end: number } {
  let start = 0;
  while (start < all.length && all[start] === -Infinity) start++;
  let end = all.length;
  while (end > start && all[end - 1] === Infinity) end--;
  return { start, end };
}

/** Reads `rowValue` (SQL over `table`, any numeric type) sorted row by row, NaN and NULL left out. */
export async function readSortedRows(
  read: ReadDoubles,
  table: string,
  index: number,
  rowValue: string,
  tableRows: number,
): Promise<SortedColumn> {
  const [rowNumbers, all] = await read(
    `SELECT r::INTEGER AS r, x FROM (SELECT rowid AS r, (${rowValue})::DOUBLE AS x FROM ${table}) WHERE x IS NOT NULL AND NOT isnan(x) ORDER BY x, r`,
    2,
    tableRows,
  );
  return sortedFrom(rowNumbers, all, index, tableRows);
}

/**
 * Several columns sorted row by row in one statement (for short, wide tables, where a statement
 * costs more than its sort): the same result as readSortedRows for each.
 */
export async function readSortedRowsBatch(
  read: ReadDoubles,
  table: string,
  columns: Array<{ index: number; rowValue: string }>,
  tableRows: number,
): Promise<SortedColumn[]> {
  const parts = columns.map((c, t) => `SELECT ${t} AS t, rowid AS r, (${c.rowValue})::DOUBLE AS x FROM ${table}`);
  const [tags, rowNumbers, all] = await read(
    `SELECT t::INTEGER AS t, r::INTEGER AS r, x FROM (${parts.join(' UNION ALL ')}) WHERE x IS NOT NULL AND NOT isnan(x) ORDER BY t, x, r`,
    3,
    tableRows * columns.length,
  );
  const result: SortedColumn[] = [];
  let start = 0;
  for (let t = 0; t < columns.length; t++) {
    let end = start;
    while (end < tags.length && tags[end] === t) end++;
    result.push(sortedFrom(rowNumbers.subarray(start, end), all.subarray(start, end), columns[t].index, tableRows));
    start = end;
  }
  return result;
}

function sortedFrom(rowNumbers: Float64Array, all: Float64Array, index: number, tableRows: number): SortedColumn {
  const { start, end } = finiteRange(all);
  const rows = new Uint32Array(end - start);
  rows.set(rowNumbers.subarray(start, end));
  return {
    index,
    values: all.slice(start, end),
    rows,
    negativeInfinite: start,
    positiveInfinite: all.length - end,
    tableRows,
  };
}

/** Reads a column's value-count table (v, c) as ascending distinct values with their counts. */
export async function readGroupedValues(
  read: ReadDoubles,
  counts: string,
  index: number,
  tableRows: number,
): Promise<SortedColumn> {
  const [all, weights] = await read(
    `SELECT v::DOUBLE AS v, c::DOUBLE AS c FROM ${counts} WHERE v IS NOT NULL AND NOT isnan(v::DOUBLE) ORDER BY v`,
    2,
    1024,
  );
  const { start, end } = finiteRange(all);
  let negativeInfinite = 0;
  let positiveInfinite = 0;
  for (let i = 0; i < start; i++) negativeInfinite += weights[i];
  for (let i = end; i < all.length; i++) positiveInfinite += weights[i];
  return {
    index,
    values: all.slice(start, end),
    counts: weights.slice(start, end),
    negativeInfinite,
    positiveInfinite,
    tableRows,
  };
}

/**
 * A column's values in file order (NaN where missing or not finite). A plain scan of a table
 * returns rows in insertion order (DuckDB's preserve_insertion_order, on by default), so no row
 * numbers travel with the values.
 */
export async function rowOrderValues(
  read: ReadDoubles,
  table: string,
  rowValue: string,
  tableRows: number,
): Promise<Float64Array> {
  const [values] = await read(`SELECT coalesce((${rowValue})::DOUBLE, 'NaN'::DOUBLE) AS x FROM ${table}`, 1, tableRows);
  if (values.length !== tableRows) throw new Error(`Expected ${tableRows} values in file order, got ${values.length}`);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) values[i] = Number.NaN;
  return values;
}

/** Number of distinct values in an ascending array. */
export function distinctSorted(values: Float64Array): number {
  if (values.length === 0) return 0;
  let distinct = 1;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) distinct++;
  return distinct;
}
