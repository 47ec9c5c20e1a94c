// Reads the numeric columns the cheaper way for each (see sortedColumn.ts): the distinct values
// among the first rows decide; columns with few distinct values are grouped (their
// value-count table then also serves if they turn out categorical), the others sorted row by
// row. After type inference, the correlated columns get what Spearman ranking needs, and the
// grouped ones their monotonicity, from one read in file order.
import type { ColumnPlan } from './columnPlan';
import { numericStatsOf, monotonicInOrder, sortedSummary, type NumericCore } from './numericStats';
import type { ProfileQuery } from './profileQuery';
import { queryInBatches } from './columnBatches';
import { byTable } from './columnSlices';
import {
  readGroupedValues,
  readSortedRows,
  readSortedRowsBatch,
  rowOrderValues,
  type ReadDoubles,
  type SortedColumn,
} from './sortedColumn';
import { codedRanks, sortedRanks, type RankColumn } from './spearman';
import { MIN_ID_ROWS } from './typeInference';
import { createValueCounts, type ColumnSummary } from './valueCounts';

/** Rows looked at to guess a column's cardinality. */
export const CARDINALITY_PROBE_ROWS = 100_000;
/** A column is sorted row by row when more than this share of the probed values are distinct, grouped otherwise. */
export const SORTED_DISTINCT_SHARE = 0.2;
/** Sorted columns read in one statement when the table is short (at most this many values in all). */
const SORTED_PER_STATEMENT = 16;
const SORTED_BATCH_VALUES = 1_000_000;

export interface NumericRead {
  /** Absent for a column of unique whole numbers (an id): its summary is all inference needs. */
  column?: SortedColumn;
  core?: NumericCore;
  summary: ColumnSummary;
}

const WHOLE_NUMBER_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/i;

/**
 * Whole-number columns whose probed values are all different may be ids: one exact count tells.
 * An id is summarised (every value present and different) without being read.
 */
async function findIds(
  reader: NumericReader,
  plans: ColumnPlan[],
  probe: Record<string, unknown>,
): Promise<Set<number>> {
  const candidates = plans
    .map((plan, i) => ({ plan, i }))
    .filter(
      ({ plan, i }) =>
        WHOLE_NUMBER_TYPES.test(plan.storageType) &&
        Number(probe[`d${i}`]) === Number(probe.n) &&
        reader.rows >= MIN_ID_ROWS,
    );
  if (candidates.length === 0) return new Set();
  const row: Record<string, unknown> = {};
  const numbered = candidates.map((candidate, k) => ({ ...candidate, k, table: candidate.plan.table }));
  for (const [table, group] of byTable(numbered, reader.table)) {
    const counted = await queryInBatches(
      reader.query,
      group,
      (batch) =>
        `SELECT ${batch.map(({ plan, k }) => `count(${plan.base}) AS c${k}, count(DISTINCT ${plan.base}) AS d${k}`).join(', ')} FROM ${table}`,
    );
    Object.assign(row, ...counted);
  }
  return new Set(
    candidates
      .filter((_, k) => Number(row[`c${k}`]) === reader.rows && Number(row[`d${k}`]) === reader.rows)
      .map(({ plan }) => plan.index),
  );
}

function idSummary(rows: number): ColumnSummary {
  return { count: rows, missing: 0, distinct: rows, topCount: 1, memoryBytes: 8 * rows, integral: true, infinite: 0 };
}

export interface NumericReader {
  query: ProfileQuery;
  read: ReadDoubles;
  table: string;
  rows: number;
}

function finish(column: SortedColumn): NumericRead {
  const core = numericStatsOf(column);
  return { column, ...(core ? { core } : {}), summary: sortedSummary(column, core) };
}

/** Reads every plain numeric column (storage numbers), reporting each before it starts. */
export async function readNumberColumns(
  reader: NumericReader,
  plans: ColumnPlan[],
  starting: (plan: ColumnPlan) => void,
): Promise<Map<number, NumericRead>> {
  const result = new Map<number, NumericRead>();
  if (plans.length === 0) return result;
  // Distinct values among the first rows, a batch of columns per statement (each reads only its columns).
  // Unpivoted, one count(DISTINCT) serves a whole batch (many count(DISTINCT) aggregates are slow);
  // DOUBLE is exact enough for a guess at the cardinality.
  const [{ n }] = await reader.query(
    `SELECT count(*) AS n FROM (SELECT 1 FROM ${reader.table} LIMIT ${CARDINALITY_PROBE_ROWS})`,
  );
  const probe: Record<string, unknown> = { n };
  plans.forEach((_, i) => (probe[`d${i}`] = 0));
  const numbered = plans.map((plan, i) => ({ plan, i, table: plan.table }));
  for (const [table, group] of byTable(numbered, reader.table)) {
    const probed = await queryInBatches(
      reader.query,
      group,
      (batch) =>
        `SELECT name, count(DISTINCT value) AS d FROM (UNPIVOT (SELECT ${batch.map(({ plan, i }) => `(${plan.base})::DOUBLE AS d${i}`).join(', ')} FROM (SELECT ${batch.map(({ plan }) => plan.ident).join(', ')} FROM ${table} LIMIT ${CARDINALITY_PROBE_ROWS})) ON ${batch.map(({ i }) => `d${i}`).join(', ')} INTO NAME name VALUE value) GROUP BY name`,
    );
    for (const row of probed) probe[String(row.name)] = Number(row.d);
  }
  const ids = await findIds(reader, plans, probe);
  const toRead = plans.filter((plan) => !ids.has(plan.index));
  for (const plan of plans) if (ids.has(plan.index)) result.set(plan.index, { summary: idSummary(reader.rows) });
  // Grouping pays when values repeat: the value-count table is then far smaller than the column.
  const position = new Map(plans.map((plan, i) => [plan.index, i]));
  const grouped = (plan: ColumnPlan) =>
    Number(probe[`d${position.get(plan.index)}`]) <= SORTED_DISTINCT_SHARE * Number(probe.n);
  // Short tables: the sorted columns that follow (in the same table) are read together.
  const together = reader.rows * SORTED_PER_STATEMENT <= SORTED_BATCH_VALUES ? SORTED_PER_STATEMENT : 1;
  const pending = new Map<number, Promise<SortedColumn[]>>();
  const sorted = (i: number): Promise<SortedColumn> => {
    const plan = toRead[i];
    const table = plan.table ?? reader.table;
    let batch = pending.get(plan.index);
    if (!batch) {
      const members: ColumnPlan[] = [];
      for (let k = i; k < toRead.length && members.length < together; k++) {
        const other = toRead[k];
        if ((other.table ?? reader.table) === table && !grouped(other)) members.push(other);
      }
      batch =
        members.length === 1
          ? readSortedRows(reader.read, table, plan.index, plan.base, reader.rows).then((c) => [c])
          : readSortedRowsBatch(
              reader.read,
              table,
              members.map((m) => ({ index: m.index, rowValue: m.base })),
              reader.rows,
            );
      for (const member of members) pending.set(member.index, batch);
    }
    return batch.then((columns) => {
      pending.delete(plan.index);
      return columns.find((c) => c.index === plan.index) as SortedColumn;
    });
  };
  const start = async (i: number): Promise<SortedColumn> => {
    const plan = toRead[i];
    starting(plan);
    if (grouped(plan)) {
      await createValueCounts(reader.query, plan.table ?? reader.table, plan);
      return readGroupedValues(reader.read, plan.valueCounts, plan.index, reader.rows);
    }
    return sorted(i);
  };
  // The next column is sorted by DuckDB (on its own threads) while this one's statistics are computed.
  let next = toRead.length > 0 ? start(0) : undefined;
  for (let i = 0; i < toRead.length; i++) {
    const column = await (next as Promise<SortedColumn>);
    next = i + 1 < toRead.length ? start(i + 1) : undefined;
    next?.catch(() => undefined);
    result.set(column.index, finish(column));
  }
  return result;
}

/** Reads a column row by row through `rowValue` (text holding numbers, or an id that is a regression target). */
export async function readNumberRows(reader: NumericReader, index: number, rowValue: string): Promise<NumericRead> {
  return finish(await readSortedRows(reader.read, reader.table, index, rowValue, reader.rows));
}

/**
 * Completes a numeric column once its type is known: monotonicity for a grouped read (from the
 * values in file order) and, when it is correlated, its ranks.
 */
export async function rankNumeric(
  reader: NumericReader,
  read: NumericRead,
  name: string,
  rowValue: string,
  correlate: boolean,
): Promise<RankColumn | undefined> {
  const { column, core } = read;
  if (!core || !column) return undefined;
  const constant = !core.std;
  if (column.rows) return correlate ? sortedRanks({ ...column, rows: column.rows }, name, constant) : undefined;
  const ordered = await rowOrderValues(reader.read, reader.table, rowValue, reader.rows);
  core.monotonic = monotonicInOrder(ordered);
  return correlate ? codedRanks(column.index, name, ordered, column.values, constant) : undefined;
}
