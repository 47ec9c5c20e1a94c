// Pearson correlation of every pair of numeric columns, each pair over the rows where both
// values are finite (as pandas' DataFrame.corr), in aggregate statements over blocks of columns.
// DuckDB's corr() is a numerically stable streaming aggregate.
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

/** Columns per block: one statement correlates the pairs between two blocks (at most 32 × 32 aggregates). */
export const PEARSON_BLOCK = 32;

export async function pearsonMatrix(
  query: ProfileQuery,
  table: string,
  columns: CorrelatedColumn[],
): Promise<CorrelationMatrix | undefined> {
  if (columns.length < 2) return undefined;
  const pairs = new Map<string, unknown>();
  // Blocks of columns, each pair of blocks one statement reading only its columns: the width of a
  // statement stays bounded however many columns are correlated.
  for (let a = 0; a < columns.length; a += PEARSON_BLOCK) {
    for (let b = a; b < columns.length; b += PEARSON_BLOCK) {
      const used = new Set<number>();
      const selects: string[] = [];
      for (let i = a; i < Math.min(a + PEARSON_BLOCK, columns.length); i++) {
        for (let j = Math.max(b, i + 1); j < Math.min(b + PEARSON_BLOCK, columns.length); j++) {
          selects.push(`corr(x${i}, x${j}) AS p_${i}_${j}`);
          used.add(i).add(j);
        }
      }
      if (selects.length === 0) continue;
      const projected = [...used].map((i) => `${finiteValue(`(${columns[i].rowValue})::DOUBLE`)} AS x${i}`);
      const [row] = await query(`SELECT ${selects.join(', ')} FROM (SELECT ${projected.join(', ')} FROM ${table})`);
      for (const [key, value] of Object.entries(row)) pairs.set(key, value);
    }
  }
  const names = columns.map((c) => c.name);
  return {
    method: 'pearson',
    columns: names,
    values: squareMatrix(names, (i, j) => {
      if (i === j) return columns[i].constant ? null : 1;
      const value = pairs.get(i < j ? `p_${i}_${j}` : `p_${j}_${i}`);
      return value === null || value === undefined ? null : clampCorrelation(Number(value));
    }),
  };
}
