// Feature selection decides per SOURCE column: the input column an encoded feature came from.
// One-hot columns of "Island" share the source "Island" and are kept or dropped together. This
// module groups the encoded columns of the design matrix by source, in first-appearance order.
import type { Matrix } from '../matrix';

export interface SourceGroups {
  /** Source column names, in the order they first appear in `sources`. */
  names: string[];
  /** For each source, the indices of its encoded columns in X. */
  columns: number[][];
}

export function groupSources(X: Matrix, sources: string[]): SourceGroups {
  if (sources.length !== X.cols) {
    throw new Error(
      `Feature selection: ${sources.length} source names for ${X.cols} features; every encoded feature needs the input column it came from.`,
    );
  }
  const names: string[] = [];
  const columns: number[][] = [];
  const index = new Map<string, number>();
  sources.forEach((source, j) => {
    let g = index.get(source);
    if (g === undefined) {
      g = names.length;
      index.set(source, g);
      names.push(source);
      columns.push([]);
    }
    columns[g].push(j);
  });
  return { names, columns };
}

/** The encoded column indices of the given sources, in ascending column order. */
export function columnsOf(groups: SourceGroups, selected: Iterable<number>): number[] {
  const out: number[] = [];
  for (const g of selected) out.push(...groups.columns[g]);
  return out.sort((a, b) => a - b);
}

/** A group's score from its members' scores: the best member (filters) or the sum (model importances). */
export function groupScores(groups: SourceGroups, perColumn: ArrayLike<number>, combine: 'max' | 'sum'): Float64Array {
  const out = new Float64Array(groups.names.length);
  groups.columns.forEach((members, g) => {
    let value = combine === 'max' ? -Infinity : 0;
    for (const j of members) {
      const v = perColumn[j];
      if (combine === 'max') value = Number.isNaN(v) ? value : Math.max(value, v);
      else value += Number.isNaN(v) ? 0 : v;
    }
    out[g] = value === -Infinity ? NaN : value;
  });
  return out;
}

/**
 * Importance per source of a model fitted on the columns of `subset` (sources, as columnsOf
 * orders them): the sum over each source's encoded columns. Aligned with `subset`.
 */
export function subsetImportances(
  groups: SourceGroups,
  subset: number[],
  importances: ArrayLike<number>,
): Float64Array {
  const columns = columnsOf(groups, subset);
  const positionOf = new Map(columns.map((j, p) => [j, p]));
  const sub: SourceGroups = {
    names: subset.map((g) => groups.names[g]),
    columns: subset.map((g) => groups.columns[g].map((j) => positionOf.get(j)!)),
  };
  return groupScores(sub, importances, 'sum');
}
