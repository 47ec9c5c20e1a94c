// Pearson correlation of every pair of numeric columns in one aggregate statement, each pair
// over the rows where both values are finite (as pandas' DataFrame.corr). DuckDB's corr() is a
// numerically stable streaming aggregate.
import type { CorrelationMatrix } from './profileTypes';
import type { ProfileQuery } from './profileQuery';
import { clampCorrelation } from './statsMath';

export interface CorrelatedColumn {
  index: number;
  name: string;
  /** SQL over the profiled table: the value as DOUBLE. */
  rowValue: string;
  /** Zero or undefined spread: its correlations are undefined. */
  constant: boolean;
}

/** The finite value of a row, NULL otherwise (NaN and ±Infinity are left out). */
export function finiteValue(rowValue: string): string {
  return `(CASE WHEN isfinite(${rowValue}) THEN ${rowValue} END)`;
}

export function squareMatrix(
  names: string[],
  cell: (i: number, j: number) => number | null,
): Array<Array<number | null>> {
  return names.map((_, i) => names.map((__, j) => cell(i, j)));
}

export async function pearsonMatrix(
  query: ProfileQuery,
  table: string,
  columns: CorrelatedColumn[],
): Promise<CorrelationMatrix | undefined> {
  if (columns.length < 2) return undefined;
  const selects: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) selects.push(`corr(x${i}, x${j}) AS p_${i}_${j}`);
  }
  const projected = columns.map((c, i) => `${finiteValue(`(${c.rowValue})::DOUBLE`)} AS x${i}`);
  const [row] = await query(`SELECT ${selects.join(', ')} FROM (SELECT ${projected.join(', ')} FROM ${table})`);
  const names = columns.map((c) => c.name);
  return {
    method: 'pearson',
    columns: names,
    values: squareMatrix(names, (i, j) => {
      if (i === j) return columns[i].constant ? null : 1;
      const value = row[i < j ? `p_${i}_${j}` : `p_${j}_${i}`];
      return value === null || value === undefined ? null : clampCorrelation(Number(value));
    }),
  };
}
