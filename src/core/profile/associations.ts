// Associations involving categorical columns: Cramér's V for each pair of categorical columns
// (from their contingency table) and the correlation ratio η of each numeric column across each
// categorical column's categories. One GROUP BY over every categorical column at once gives the
// finest cells (count, and per numeric column its count, mean and variance); every contingency
// table and per-category summary is a roll-up of those cells, combining means and variances
// exactly (Chan's formula). When the categories (or the columns) would make too many cells,
// each column is grouped on its own and each pair's table is counted from the columns read as
// codes instead. Rows where
// either side is missing are left out, as pandas' crosstab does. Columns with more than 100 categories are left out (ydata-profiling's limit for
// correlations): with that many, a contingency table says more about sparsity than association.
import type { Correlations } from './profileTypes';
import type { ProfileQuery } from './profileQuery';
import { finiteValue } from './pearson';
import { codedContingency, readCategoryCodes } from './categoryPairs';
import { queryInBatches } from './columnBatches';
import type { ReadDoubles } from './sortedColumn';
import { cramersV, correlationRatio, type GroupMoments } from './statsMath';

export const MAX_CATEGORIES_FOR_ASSOCIATION = 100;

/** Above this many possible cells (the product of the category counts), group by sets instead. */
export const MAX_FINEST_CELLS = 100_000;
/** ... or above this many aggregate states (cells × (1 + numeric columns)). */
export const MAX_FINEST_STATES = 2_000_000;

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
  /** The category of each column of the set the cell belongs to, in the set's order. */
  keys: Array<string | null>;
  n: number;
  moments: GroupMoments[];
}

/** The cells grouped by one categorical column (keys: [its category]), and the contingency table of a pair. */
interface AssociationCells {
  single(i: number): Cell[];
  pair(i: number, j: number): number[][];
}

/** GROUP BY subqueries per statement on the column-by-column path. */
const ASSOCIATION_BATCH = 16;

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

/** The possible finest cells: the product of the category counts (each plus one for missing). */
function finestCellCount(categorical: AssociationColumn[]): number {
  return categorical.reduce(
    (product, c) => product * Math.max(1, (c.distinct ?? MAX_CATEGORIES_FOR_ASSOCIATION) + 1),
    1,
  );
}

/** One GROUP BY over every categorical column: every grouping is a roll-up of its cells. */
async function finestCells(
  query: ProfileQuery,
  table: string,
  categorical: AssociationColumn[],
  numeric: AssociationColumn[],
): Promise<AssociationCells> {
  const groups = categorical.map((_, i) => `g${i}`);
  const rows = await query(
    `SELECT ${groups.join(', ')}, ${aggregates(numeric)} FROM ${projection(table, categorical, numeric)} GROUP BY ${groups.join(', ')}`,
  );
  const cells = rows.map((row) => toCell(row, groups, numeric));
  return {
    single: (i) => cells.map((cell) => ({ ...cell, keys: [cell.keys[i]] })),
    pair: (i, j) => contingency(cells.map((cell) => ({ ...cell, keys: [cell.keys[i], cell.keys[j]] }))),
  };
}

/**
 * The cells grouped by each categorical column on its own: category counts (a batch of columns
 * per statement) and, per column, the moments of every numeric column within each category
 * from one GROUP BY over the numeric values unpivoted (three aggregates, not three per column).
 */
async function singleCells(
  query: ProfileQuery,
  table: string,
  categorical: AssociationColumn[],
  numeric: AssociationColumn[],
): Promise<Map<number, Cell[]>> {
  const counted = await queryInBatches(
    query,
    categorical.map((_, i) => i),
    (batch) =>
      batch
        .map(
          (i) =>
            `SELECT ${i} AS s, g, count(*) AS n FROM (SELECT ${categorical[i].rowValue} AS g FROM ${table}) GROUP BY g`,
        )
        .join('\nUNION ALL\n'),
    ASSOCIATION_BATCH,
  );
  const singles = new Map<number, Cell[]>();
  const cellOf = new Map<string, Cell>();
  for (const row of counted) {
    const s = Number(row.s);
    const key = row.g === null ? null : String(row.g);
    const cell: Cell = { keys: [key], n: Number(row.n), moments: numeric.map(() => ({ n: 0, mean: 0, variance: 0 })) };
    const list = singles.get(s) ?? [];
    list.push(cell);
    singles.set(s, list);
    if (key !== null) cellOf.set(`${s}\u0000${key}`, cell);
  }
  if (numeric.length === 0) return singles;
  const values = numeric.map((c, j) => `${finiteValue(c.rowValue)} AS x${j}`);
  for (let i = 0; i < categorical.length; i++) {
    const rows = await query(
      `SELECT g, name, count(value) AS n, avg(value) AS m, var_pop(value) AS v FROM (UNPIVOT (SELECT ${categorical[i].rowValue} AS g, ${values.join(', ')} FROM ${table}) ON ${numeric.map((_, j) => `x${j}`).join(', ')} INTO NAME name VALUE value) WHERE g IS NOT NULL GROUP BY g, name`,
    );
    for (const row of rows) {
      const cell = cellOf.get(`${i}\u0000${String(row.g)}`);
      if (!cell) continue;
      cell.moments[Number(String(row.name).slice(1))] = {
        n: Number(row.n),
        mean: Number(row.m ?? 0),
        variance: Number(row.v ?? 0),
      };
    }
  }
  return singles;
}

/**
 * Grouping column by column, for many categories or many columns: one GROUP BY per categorical
 * column (with the numeric moments), a batch of them per statement; the pairs' contingency
 * tables from the columns read as codes (categoryPairs.ts), or without a reader from one
 * GROUP BY per pair, a batch per statement.
 */
async function cellsByColumn(
  query: ProfileQuery,
  table: string,
  categorical: AssociationColumn[],
  numeric: AssociationColumn[],
  codes: { read: ReadDoubles; rows: number } | undefined,
): Promise<AssociationCells> {
  const singles = await singleCells(query, table, categorical, numeric);
  const single = (i: number) => singles.get(i) ?? [];
  if (codes) {
    const coded = await readCategoryCodes(
      codes.read,
      table,
      categorical.map((c) => c.rowValue),
      codes.rows,
    );
    return { single, pair: (i, j) => codedContingency(coded[i], coded[j]) };
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < categorical.length; i++) for (let j = i + 1; j < categorical.length; j++) pairs.push([i, j]);
  const pairCells = new Map<string, Cell[]>();
  const pairRows = await queryInBatches(
    query,
    pairs,
    (batch) =>
      batch
        .map(
          ([i, j]) =>
            `SELECT '${i},${j}' AS s, ${categorical[i].rowValue} AS k0, ${categorical[j].rowValue} AS k1, count(*) AS n FROM ${table} GROUP BY ALL`,
        )
        .join('\nUNION ALL\n'),
    ASSOCIATION_BATCH,
  );
  for (const row of pairRows) {
    const list = pairCells.get(String(row.s)) ?? [];
    list.push(toCell(row, ['k0', 'k1'], []));
    pairCells.set(String(row.s), list);
  }
  return { single, pair: (i, j) => contingency(pairCells.get(`${i},${j}`) ?? []) };
}

function contingency(cells: Cell[]): number[][] {
  const rows = new Map<string, Map<string, number>>();
  const columns = new Set<string>();
  for (const cell of cells) {
    const [a, b] = cell.keys;
    if (a === null || b === null) continue;
    columns.add(b);
    const row = rows.get(a) ?? new Map<string, number>();
    row.set(b, (row.get(b) ?? 0) + cell.n);
    rows.set(a, row);
  }
  return [...rows.values()].map((row) => [...columns].map((b) => row.get(b) ?? 0));
}

function categoriesOf(cells: Cell[]): Map<string, Cell[]> {
  const byCategory = new Map<string, Cell[]>();
  for (const cell of cells) {
    const key = cell.keys[0];
    if (key === null) continue;
    const list = byCategory.get(key);
    if (list) list.push(cell);
    else byCategory.set(key, [cell]);
  }
  return byCategory;
}

/**
 * `codes` (a reader of the profiled table and its row count) lets many pairs be counted from the
 * columns read as codes; without it each pair is a GROUP BY.
 */
export async function categoricalAssociations(
  query: ProfileQuery,
  table: string,
  categorical: AssociationColumn[],
  numeric: AssociationColumn[],
  codes?: { read: ReadDoubles; rows: number },
): Promise<AssociationResult> {
  if (categorical.length === 0 || (categorical.length < 2 && numeric.length === 0)) return {};
  const cellCount = finestCellCount(categorical);
  const cells =
    cellCount <= MAX_FINEST_CELLS && cellCount * (1 + numeric.length) <= MAX_FINEST_STATES
      ? await finestCells(query, table, categorical, numeric)
      : await cellsByColumn(query, table, categorical, numeric, codes);
  const result: AssociationResult = {};
  const k = categorical.length;
  if (k >= 2) {
    const names = categorical.map((c) => c.name);
    const values = names.map(() => names.map((): number | null => null));
    for (let i = 0; i < k; i++) {
      values[i][i] = categoriesOf(cells.single(i)).size >= 2 ? 1 : null;
      for (let j = i + 1; j < k; j++) values[i][j] = values[j][i] = cramersV(cells.pair(i, j));
    }
    result.cramersV = { method: 'cramers_v', columns: names, values };
  }
  if (numeric.length > 0) {
    const ratio = categorical.map((_, i) => {
      const categories = [...categoriesOf(cells.single(i)).values()];
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
