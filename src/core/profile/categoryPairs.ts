// Contingency tables of many pairs of categorical columns, for Cramér's V on wide files. A
// GROUP BY (or GROUPING SETS) per pair costs DuckDB milliseconds of set-up each, so with
// thousands of pairs the columns are read once instead, as small integer codes per row (0 for
// missing, 1..k for the categories in sorted order), and each pair's table is counted in
// JavaScript by one walk over two code arrays: memory is a byte or two per row and column.
import type { ReadDoubles } from './sortedColumn';

/** Columns read per statement. */
const CODES_PER_READ = 8;

export interface CodedColumn {
  /** 0 where missing, 1..categories otherwise. */
  codes: Uint8Array | Uint16Array | Uint32Array;
  categories: number;
}

/**
 * Reads each column (`rowValues`: SQL over `table`, VARCHAR) as codes in file order. `rowid`
 * orders the rows, as everywhere in the profile.
 */
export async function readCategoryCodes(
  read: ReadDoubles,
  table: string,
  rowValues: string[],
  rows: number,
): Promise<CodedColumn[]> {
  const result: CodedColumn[] = [];
  for (let start = 0; start < rowValues.length; start += CODES_PER_READ) {
    const batch = rowValues.slice(start, start + CODES_PER_READ);
    const codes = batch.map(
      (_, i) =>
        `(CASE WHEN g${i} IS NULL THEN 0 ELSE dense_rank() OVER (ORDER BY g${i} NULLS LAST) END)::DOUBLE AS code${i}`,
    );
    const arrays = await read(
      `SELECT ${codes.join(', ')} FROM (SELECT rowid AS profile_row, ${batch.map((v, i) => `${v} AS g${i}`).join(', ')} FROM ${table}) ORDER BY profile_row`,
      batch.length,
      rows,
    );
    for (const values of arrays) {
      let categories = 0;
      for (let r = 0; r < values.length; r++) if (values[r] > categories) categories = values[r];
      const codes =
        categories < 256
          ? new Uint8Array(values.length)
          : categories < 65536
            ? new Uint16Array(values.length)
            : new Uint32Array(values.length);
      codes.set(values);
      result.push({ codes, categories });
    }
  }
  return result;
}

/** The contingency table of two coded columns over the rows where both are present (empty rows and columns left out). */
export function codedContingency(a: CodedColumn, b: CodedColumn): number[][] {
  const width = b.categories + 1;
  const counts = new Float64Array((a.categories + 1) * width);
  const ca = a.codes;
  const cb = b.codes;
  for (let r = 0; r < ca.length; r++) counts[ca[r] * width + cb[r]]++;
  const rowsKept: number[] = [];
  const columnsKept: number[] = [];
  for (let i = 1; i <= a.categories; i++) {
    let sum = 0;
    for (let j = 1; j < width; j++) sum += counts[i * width + j];
    if (sum > 0) rowsKept.push(i);
  }
  for (let j = 1; j < width; j++) {
    let sum = 0;
    for (let i = 1; i <= a.categories; i++) sum += counts[i * width + j];
    if (sum > 0) columnsKept.push(j);
  }
  return rowsKept.map((i) => columnsKept.map((j) => counts[i * width + j]));
}
