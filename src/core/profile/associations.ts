// Associations involving categorical columns: Cramér's V for each pair of categorical columns
// (from their contingency table) and the correlation ratio η of each numeric column across each
// categorical column's categories. One GROUP BY over every categorical column at once gives the
// finest cells (count, and per numeric column its count, mean and variance); every contingency
// table and per-category summary is a roll-up of those cells, combining means and variances
// exactly (Chan's formula). When the categories would make too many cells, one GROUPING SETS
// pass groups by each column and each pair instead. Rows where either side is missing are left out, as pandas' crosstab
// does. Columns with more than 100 categories are left out (ydata-profiling's limit for
// correlations): with that many, a contingency table says more about sparsity than association.
import type { Correlations } from './profileTypes';
import type { ProfileQuery } from './profileQuery';
import { finiteValue } from './pearson';
import { cramersV, correlationRatio, type GroupMoments } from './statsMath';

export const MAX_CATEGORIES_FOR_ASSOCIATION = 100;

/** Above this many possible cells (the product of the category counts), group by sets instead. */
export const MAX_FINEST_CELLS = 100_000;

export interface AssociationColumn {
  index: number;
  name: string;
  /** Distinct values (categorical columns). */
  distinct?: number;
  /** SQL over the profiled table: VARCHAR for categorical columns, DOUBLE for numeric ones. */
  rowValue: string;
}

export type AssociationResult = Pick<Correlations, 'cramersV' | 'correlationRatio'>;

interface Cell {
  keys: Array<string | null>;
  n: number;
  moments: GroupMoments[];
}

/** Pools groups: n = Σn, mean = Σn·mean / n, n·variance = Σn·variance + Σn·(mean_k - mean)². */
export function poolMoments(groups: GroupMoments[]): GroupMoments {
  const n = groups.reduce((a, g) => a + g.n, 0);
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = groups.reduce((a, g) => a + g.n * g.mean, 0) / n;
  const m2 = groups.reduce((a, g) => a + g.n * g.variance + g.n * (g.mean - mean) ** 2, 0);
  return { n, mean, variance: m2 / n };
}

function projection(table: string, categorical: AssociationColumn[], numeric: AssociationColumn[]): string {
  const keys = categorical.map((c, i) => `${c.rowValue} AS g${i}`);
  const values = numeric.map((c, j) => `${finiteValue(c.rowValue)} AS x${j}`);
  return `(SELECT ${[...keys, ...values].join(', ')} FROM ${table})`;
}

function aggregates(numeric: AssociationColumn[]): string {
  return [
    'count(*) AS n',
    ...numeric.flatMap((_, j) => [
      `count(x${j}) AS n${j}`,
      `coalesce(avg(x${j}), 0) AS m${j}`,
      `coalesce(var_pop(x${j}), 0) AS v${j}`,
    ]),
  ].join(', ');
}

function toCell(row: Record<string, unknown>, groups: string[], numeric: AssociationColumn[]): Cell {
  return {
    keys: groups.map((g) => (row[g] === null ? null : String(row[g]))),
    n: Number(row.n),
    moments: numeric.map((_, j) => ({
      n: Number(row[`n${j}`]),
      mean: Number(row[`m${j}`]),
      variance: Number(row[`v${j}`]),
    })),
  };
}

/**
 * The cells each grouping needs: `cellsFor([i])` by column i, `cellsFor([i, j])` by a pair (keys
 * of other columns are null there and ignored by the roll-ups).
 */
async function groupedCells(
  query: ProfileQuery,
  table: string,
  categorical: AssociationColumn[],
  numeric: AssociationColumn[],
): Promise<(set: number[]) => Cell[]> {
  const groups = categorical.map((_, i) => `g${i}`);
  const cellCount = categorical.reduce(
    (product, c) => product * Math.max(1, (c.distinct ?? MAX_CATEGORIES_FOR_ASSOCIATION) + 1),
    1,
  );
  if (cellCount <= MAX_FINEST_CELLS) {
    const rows = await query(
      `SELECT ${groups.join(', ')}, ${aggregates(numeric)} FROM ${projection(table, categorical, numeric)} GROUP BY ${groups.join(', ')}`,
    );
    const cells = rows.map((row) => toCell(row, groups, numeric));
    return () => cells;
  }
  const sets = categorical.map((_, i) => [i]);
  for (let i = 0; i < categorical.length; i++) for (let j = i + 1; j < categorical.length; j++) sets.push([i, j]);
  const rows =
    await query(`SELECT grouping_id(${groups.join(', ')}) AS gid, ${groups.join(', ')}, ${aggregates(numeric)}
    FROM ${projection(table, categorical, numeric)} GROUP BY GROUPING SETS (${sets.map((set) => `(${set.map((i) => `g${i}`).join(', ')})`).join(', ')})`);
  // grouping_id sets bit (k-1-i) for each column i NOT in the set.
  const k = categorical.length;
  const gidOf = (set: number[]) =>
    categorical.reduce((gid, _, i) => (set.includes(i) ? gid : gid | (2 ** (k - 1 - i))), 0);
  const bySet = new Map<number, Cell[]>();
  for (const row of rows) {
    const gid = Number(row.gid);
    bySet.set(gid, [...(bySet.get(gid) ?? []), toCell(row, groups, numeric)]);
  }
  return (set) => bySet.get(gidOf(set)) ?? [];
}

function contingency(cells: Cell[], i: number, j: number): number[][] {
  const rows = new Map<string, Map<string, number>>();
  const columns = new Set<string>();
  for (const cell of cells) {
    const a = cell.keys[i];
    const b = cell.keys[j];
    if (a === null || b === null) continue;
    columns.add(b);
    const row = rows.get(a) ?? new Map<string, number>();
    row.set(b, (row.get(b) ?? 0) + cell.n);
    rows.set(a, row);
  }
  return [...rows.values()].map((row) => [...columns].map((b) => row.get(b) ?? 0));
}

function categoriesOf(cells: Cell[], i: number): Map<string, Cell[]> {
  const byCategory = new Map<string, Cell[]>();
  for (const cell of cells) {
    const key = cell.keys[i];
    if (key === null) continue;
    byCategory.set(key, [...(byCategory.get(key) ?? []), cell]);
  }
  return byCategory;
}

export async function categoricalAssociations(
  query: ProfileQuery,
  table: string,
  categorical: AssociationColumn[],
  numeric: AssociationColumn[],
): Promise<AssociationResult> {
  if (categorical.length === 0 || (categorical.length < 2 && numeric.length === 0)) return {};
  const cellsFor = await groupedCells(query, table, categorical, numeric);
  const result: AssociationResult = {};
  const k = categorical.length;
  if (k >= 2) {
    const names = categorical.map((c) => c.name);
    const values = names.map(() => names.map((): number | null => null));
    for (let i = 0; i < k; i++) {
      values[i][i] = categoriesOf(cellsFor([i]), i).size >= 2 ? 1 : null;
      for (let j = i + 1; j < k; j++) values[i][j] = values[j][i] = cramersV(contingency(cellsFor([i, j]), i, j));
    }
    result.cramersV = { method: 'cramers_v', columns: names, values };
  }
  if (numeric.length > 0) {
    const ratio = categorical.map((_, i) => {
      const categories = [...categoriesOf(cellsFor([i]), i).values()];
      return numeric.map((__, j) =>
        correlationRatio(categories.map((group) => poolMoments(group.map((cell) => cell.moments[j])))),
      );
    });
    result.correlationRatio = {
      rows: categorical.map((c) => c.name),
      columns: numeric.map((c) => c.name),
      values: ratio,
    };
  }
  return result;
}
