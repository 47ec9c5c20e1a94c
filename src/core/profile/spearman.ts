// Spearman correlation of every pair of numeric columns, exactly as pandas' DataFrame.corr
// (method="spearman"): each pair uses the rows where both values are finite, and the average
// ranks (ties share the mean of their positions) are taken within those rows. Each column is
// already sorted (sortedColumn.ts), so ranking a pair is a linear walk that skips the rows where
// the partner is missing; the correlation of the two rank vectors follows, around their known
// mean (m + 1) / 2.
import { throwIfCancelled } from '../../protocol/jobError';
import type { CorrelationMatrix } from './profileTypes';
import type { SortedColumn } from './sortedColumn';
import { squareMatrix } from './pearson';
import { clampCorrelation } from './statsMath';

interface RankBase {
  index: number;
  name: string;
  /** 1 for rows holding a finite value. */
  valid: Uint8Array;
  constant: boolean;
}

/** A column read row by row, sorted: ranks come from walking its rows in value order. */
export interface SortedRanks extends RankBase {
  kind: 'sorted';
  /** Rows in ascending value order. */
  rows: Uint32Array;
  /** 1 where the value equals the previous one in sorted order (a tie). */
  tied: Uint8Array;
}

/** A column with few distinct values: each row holds the code (order) of its value; ranks are per code. */
export interface CodedRanks extends RankBase {
  kind: 'coded';
  /** Row → index of its value among the ascending distinct values; -1 when missing. */
  codes: Int32Array;
  codeCount: number;
}

export type RankColumn = SortedRanks | CodedRanks;

export function sortedRanks(
  column: SortedColumn & { rows: Uint32Array },
  name: string,
  constant: boolean,
): SortedRanks {
  const { values, rows } = column;
  const tied = new Uint8Array(values.length);
  for (let i = 1; i < values.length; i++) if (values[i] === values[i - 1]) tied[i] = 1;
  const valid = new Uint8Array(column.tableRows);
  for (let i = 0; i < rows.length; i++) valid[rows[i]] = 1;
  return { kind: 'sorted', index: column.index, name, rows, tied, valid, constant };
}

/** Codes for values in file order (NaN = missing) against the ascending distinct values. */
export function codedRanks(
  index: number,
  name: string,
  ordered: Float64Array,
  distinct: Float64Array,
  constant: boolean,
): CodedRanks {
  const codes = new Int32Array(ordered.length);
  const valid = new Uint8Array(ordered.length);
  for (let row = 0; row < ordered.length; row++) {
    const x = ordered[row];
    if (x !== x) {
      codes[row] = -1;
      continue;
    }
    let low = 0;
    let high = distinct.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (distinct[mid] < x) low = mid + 1;
      else high = mid;
    }
    codes[row] = low;
    valid[row] = 1;
  }
  return { kind: 'coded', index, name, codes, codeCount: distinct.length, valid, constant };
}

function restrictedCodedRanks(column: CodedRanks, partner: Uint8Array, out: Float64Array): number {
  const { codes } = column;
  const kept = new Float64Array(column.codeCount);
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row];
    if (code >= 0 && partner[row] === 1) kept[code]++;
  }
  let below = 0;
  for (let c = 0; c < kept.length; c++) {
    const count = kept[c];
    kept[c] = below + (count + 1) / 2;
    below += count;
  }
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row];
    if (code >= 0 && partner[row] === 1) out[row] = kept[code];
  }
  return below;
}

/** Average ranks of `column` among the rows where `partner` is valid, written to out[row]; returns how many rows. */
export function restrictedRanks(column: RankColumn, partner: Uint8Array, out: Float64Array): number {
  if (column.kind === 'coded') return restrictedCodedRanks(column, partner, out);
  const { rows, tied } = column;
  const n = rows.length;
  let below = 0;
  let i = 0;
  while (i < n) {
    if (i + 1 >= n || tied[i + 1] === 0) {
      // A value of its own (the common case for continuous data): no tie to average.
      const row = rows[i];
      if (partner[row] === 1) out[row] = ++below;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && tied[j] === 1) j++;
    let kept = 0;
    for (let p = i; p < j; p++) kept += partner[rows[p]];
    const rank = below + (kept + 1) / 2;
    for (let p = i; p < j; p++) if (partner[rows[p]] === 1) out[rows[p]] = rank;
    below += kept;
    i = j;
  }
  return below;
}

/** Whether some row has a value in `column` but none in `partner` (its ranks then need restricting). */
function missesRowsOf(column: Uint8Array, partner: Uint8Array): boolean {
  for (let row = 0; row < column.length; row++) if (column[row] > partner[row]) return true;
  return false;
}

/** Pearson correlation of two rank vectors over the rows valid in both, around their known mean. */
function rankCorrelation(
  a: RankColumn,
  b: RankColumn,
  ranksA: Float64Array,
  ranksB: Float64Array,
  m: number,
): number | null {
  if (m < 2) return null;
  const mean = (m + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  // In row order: both rank arrays are then read sequentially.
  const validA = a.valid;
  const validB = b.valid;
  for (let row = 0; row < validA.length; row++) {
    if ((validA[row] & validB[row]) === 0) continue;
    const x = ranksA[row] - mean;
    const y = ranksB[row] - mean;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
  }
  if (sxx === 0 || syy === 0) return null;
  return clampCorrelation(sxy / Math.sqrt(sxx * syy));
}

/** Spearman of one pair, ranking both columns within the rows where both have a value. */
export function spearmanPair(a: RankColumn, b: RankColumn, ranksA: Float64Array, ranksB: Float64Array): number | null {
  const m = restrictedRanks(a, b.valid, ranksA);
  restrictedRanks(b, a.valid, ranksB);
  return rankCorrelation(a, b, ranksA, ranksB, m);
}

/** Above this, ranks over each column's own rows are not kept between pairs (recomputed instead). */
const RANK_CACHE_BYTES = 512 * 1024 * 1024;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The Spearman matrix. A column whose partner has a value wherever it has one keeps its ranks
 * over its own rows, computed once and reused across pairs; only the others are re-ranked for
 * the pair. Yields to the event loop between pairs so the worker keeps answering.
 */
export async function spearmanMatrix(
  columns: RankColumn[],
  tableRows: number,
  signal: AbortSignal,
): Promise<CorrelationMatrix | undefined> {
  if (columns.length < 2) return undefined;
  const cache =
    tableRows * columns.length * 8 <= RANK_CACHE_BYTES
      ? new Map<number, { ranks: Float64Array; count: number }>()
      : undefined;
  const bufferA = new Float64Array(tableRows);
  const bufferB = new Float64Array(tableRows);
  const ranksFor = (
    column: RankColumn,
    partner: RankColumn,
    buffer: Float64Array,
  ): { ranks: Float64Array; count: number } => {
    if (missesRowsOf(column.valid, partner.valid))
      return { ranks: buffer, count: restrictedRanks(column, partner.valid, buffer) };
    const cached = cache?.get(column.index);
    if (cached) return cached;
    const own = cache ? new Float64Array(tableRows) : buffer;
    const entry = { ranks: own, count: restrictedRanks(column, column.valid, own) };
    cache?.set(column.index, entry);
    return entry;
  };
  const pairs = new Map<string, number | null>();
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) {
      throwIfCancelled(signal);
      const a = ranksFor(columns[i], columns[j], bufferA);
      const b = ranksFor(columns[j], columns[i], bufferB);
      pairs.set(`${i},${j}`, rankCorrelation(columns[i], columns[j], a.ranks, b.ranks, Math.min(a.count, b.count)));
      await nextTurn();
    }
  }
  const names = columns.map((c) => c.name);
  return {
    method: 'spearman',
    columns: names,
    values: squareMatrix(names, (i, j) =>
      i === j ? (columns[i].constant ? null : 1) : (pairs.get(i < j ? `${i},${j}` : `${j},${i}`) ?? null),
    ),
  };
}
