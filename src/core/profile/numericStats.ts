// Statistics of a numeric column from its ascending finite values (see sortedColumn.ts; each
// value weighted by its count for a grouped read), each a linear pass: mean and the central
// moments (two passes, compensated sum), exact quantiles by linear interpolation (NumPy's rule,
// as pandas), the median absolute deviation (a merge of the deviations below and above the
// median, which are already in order), the histogram, zeros. Moments, quantiles and histogram
// are over finite values; infinite ones are counted apart.
import type { HistogramBin, NumericStats, Quantiles } from './profileTypes';
import type { SortedColumn } from './sortedColumn';
import { distinctSorted } from './sortedColumn';
import { finiteOrNull, kurtosis, lerp, quantilePositions, sampleStd, skewness } from './statsMath';
import type { ColumnSummary } from './valueCounts';

export const QUANTILE_LEVELS: Record<keyof Quantiles, number> = { p5: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95 };
export const HISTOGRAM_BINS = 30;

/** Numeric statistics plus the counts the column summary and the alerts need. */
export interface NumericCore extends NumericStats {
  finiteCount: number;
  /** Distinct values, infinite ones included. */
  distinct: number;
}

const weightOf = (counts: Float64Array | undefined, i: number) => (counts ? counts[i] : 1);

/** Σw·x (Neumaier-compensated, to match pandas' pairwise sum to the last digits), then the central moments. */
function moments(values: Float64Array, counts: Float64Array | undefined, n: number) {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] * weightOf(counts, i);
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  const total = sum + compensation;
  const mean = total / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weightOf(counts, i);
    const d = values[i] - mean;
    const d2 = d * d;
    m2 += w * d2;
    m3 += w * d2 * d;
    m4 += w * d2 * d2;
  }
  return { total, mean, m2, m3, m4 };
}

/** Index into `values` of the value at 0-based order position `k` (walks the counts when grouped). */
function positionIndex(cumulative: Float64Array | undefined, k: number): number {
  if (!cumulative) return k;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cumulative[mid] > k) high = mid;
    else low = mid + 1;
  }
  return low;
}

function cumulativeCounts(counts: Float64Array | undefined): Float64Array | undefined {
  if (!counts) return undefined;
  const cumulative = new Float64Array(counts.length);
  let running = 0;
  for (let i = 0; i < counts.length; i++) cumulative[i] = running += counts[i];
  return cumulative;
}

function quantileAt(values: Float64Array, cumulative: Float64Array | undefined, n: number, p: number): number {
  const { lo, hi, fraction } = quantilePositions(n, p);
  return lerp(values[positionIndex(cumulative, lo)], values[positionIndex(cumulative, hi)], fraction);
}

/** Quantile of plain ascending values (linear interpolation). */
export function quantileSorted(values: Float64Array, p: number): number {
  return quantileAt(values, undefined, values.length, p);
}

/** The bin count: 30, or fewer when the column has fewer distinct values. */
export function binCount(distinct: number): number {
  return Math.max(1, Math.min(HISTOGRAM_BINS, distinct));
}

/** Bin edges: NumPy's linspace(min, max, bins + 1). */
export function binEdges(min: number, max: number, bins: number): number[] {
  const step = (max - min) / bins;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * step));
}

/**
 * The 0-based bin of x among `edges`, as numpy.histogram: (x - min) · bins / (max - min), then
 * corrected by one where rounding disagrees with the edges, so x lies in [edges[i], edges[i+1])
 * (the last bin closed).
 */
export function binIndex(x: number, edges: number[], scale: number): number {
  const bins = edges.length - 1;
  let i = Math.min(bins - 1, Math.floor((x - edges[0]) * scale));
  if (x < edges[i]) i--;
  else if (i < bins - 1 && x >= edges[i + 1]) i++;
  return i;
}

function histogram(values: Float64Array, counts: Float64Array | undefined, distinct: number): HistogramBin[] {
  const min = values[0];
  const max = values[values.length - 1];
  const bins = binCount(distinct);
  const tally = new Array<number>(bins).fill(0);
  const edges = binEdges(min, max, bins);
  const scale = max === min ? 0 : bins / (max - min);
  for (let i = 0; i < values.length; i++) tally[binIndex(values[i], edges, scale)] += weightOf(counts, i);
  return tally.map((count, i) => ({ start: edges[i], end: edges[i + 1], count }));
}

/** Median of |x - median|: merges the deviations on both sides of the median, each already ordered. */
function medianAbsoluteDeviation(
  values: Float64Array,
  counts: Float64Array | undefined,
  n: number,
  median: number,
): number {
  const { lo, hi, fraction } = quantilePositions(n, 0.5);
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid] < median) low = mid + 1;
    else high = mid;
  }
  let right = low;
  let left = right - 1;
  let taken = 0;
  let atLo = Number.NaN;
  for (;;) {
    const leftDeviation = left >= 0 ? median - values[left] : Infinity;
    const rightDeviation = right < values.length ? values[right] - median : Infinity;
    const fromLeft = leftDeviation <= rightDeviation;
    const deviation = fromLeft ? leftDeviation : rightDeviation;
    taken += weightOf(counts, fromLeft ? left : right);
    if (fromLeft) left--;
    else right++;
    if (Number.isNaN(atLo) && taken > lo) atLo = deviation;
    if (taken > hi) return lerp(atLo, deviation, fraction);
  }
}

/**
 * Monotonicity in file order from a row-by-row sorted read: ascending values come with
 * ascending rows when the column never falls; with rows that fall from one value group to the
 * next (ties keep file order within a group) when it never rises.
 */
export function monotonicSorted(values: Float64Array, rows: Uint32Array): NumericStats['monotonic'] {
  const n = values.length;
  if (n < 2) return 'none';
  let increasing = true;
  let ties = false;
  for (let i = 1; i < n; i++) {
    if (values[i] === values[i - 1]) ties = true;
    if (rows[i] < rows[i - 1]) increasing = false;
  }
  if (increasing) return ties ? 'increasing' : 'strictly increasing';
  let groupStart = 0;
  let previousGroupFirstRow = -1;
  for (let i = 1; i <= n; i++) {
    if (i < n && values[i] === values[groupStart]) continue;
    if (previousGroupFirstRow !== -1 && rows[i - 1] >= previousGroupFirstRow) return 'none';
    previousGroupFirstRow = rows[groupStart];
    groupStart = i;
  }
  return ties ? 'decreasing' : 'strictly decreasing';
}

/** Monotonicity of values in file order (NaN = missing, skipped), as pandas' is_monotonic_*. */
export function monotonicInOrder(ordered: Float64Array): NumericStats['monotonic'] {
  let previous = Number.NaN;
  let seen = 0;
  let up = true;
  let down = true;
  let strict = true;
  for (let i = 0; i < ordered.length; i++) {
    const x = ordered[i];
    if (x !== x) continue;
    if (seen > 0) {
      if (x < previous) up = false;
      if (x > previous) down = false;
      if (x === previous) strict = false;
    }
    previous = x;
    seen++;
  }
  if (seen < 2) return 'none';
  if (up) return strict ? 'strictly increasing' : 'increasing';
  if (down) return strict ? 'strictly decreasing' : 'decreasing';
  return 'none';
}

/** The summary type inference reads, for a column read in order. */
export function sortedSummary(column: SortedColumn, core: NumericCore | undefined): ColumnSummary {
  const infinite = column.negativeInfinite + column.positiveInfinite;
  const count = (core?.finiteCount ?? 0) + infinite;
  let integral = true;
  for (let i = 0; i < column.values.length && integral; i++) integral = Number.isInteger(column.values[i]);
  return {
    count,
    missing: column.tableRows - count,
    distinct: core?.distinct ?? (column.negativeInfinite > 0 ? 1 : 0) + (column.positiveInfinite > 0 ? 1 : 0),
    topCount: 0,
    memoryBytes: 8 * column.tableRows,
    integral,
    infinite,
  };
}

/** Statistics of the column's finite values; undefined when it has none. Monotonicity is 'none' for grouped reads until measured in file order. */
export function numericStatsOf(column: SortedColumn): NumericCore | undefined {
  const { values, counts } = column;
  let n = 0;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weightOf(counts, i);
    n += w;
    if (values[i] === 0) zeros += w;
  }
  const finiteDistinct = counts ? values.length : distinctSorted(values);
  const distinct = finiteDistinct + (column.negativeInfinite > 0 ? 1 : 0) + (column.positiveInfinite > 0 ? 1 : 0);
  if (n === 0) return undefined;
  const { total, mean, m2, m3, m4 } = moments(values, counts, n);
  const sums = { n, m2, m3, m4 };
  const cumulative = cumulativeCounts(counts);
  const quantiles = {} as Quantiles;
  for (const [key, p] of Object.entries(QUANTILE_LEVELS) as Array<[keyof Quantiles, number]>)
    quantiles[key] = quantileAt(values, cumulative, n, p);
  const min = values[0];
  const max = values[values.length - 1];
  return {
    mean,
    std: finiteOrNull(sampleStd(sums)),
    min,
    max,
    range: max - min,
    quantiles,
    iqr: quantiles.p75 - quantiles.p25,
    mad: medianAbsoluteDeviation(values, counts, n, quantiles.p50),
    skewness: finiteOrNull(skewness(sums)),
    kurtosis: finiteOrNull(kurtosis(sums)),
    sum: total,
    zeros,
    infinite: column.negativeInfinite + column.positiveInfinite,
    monotonic: column.rows ? monotonicSorted(values, column.rows) : 'none',
    histogram: histogram(values, counts, finiteDistinct),
    finiteCount: n,
    distinct,
  };
}
