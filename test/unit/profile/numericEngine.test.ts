// The numeric engine's two ways of reading a column — row by row sorted, or grouped into
// distinct values with counts — give the same statistics and the same Spearman ranks, and both
// agree with the reference on data with ties, infinities and missing values in different rows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  monotonicInOrder,
  monotonicSorted,
  numericStatsOf,
  type NumericCore,
} from '../../../src/core/profile/numericStats';
import type { SortedColumn } from '../../../src/core/profile/sortedColumn';
import { codedRanks, sortedRanks, spearmanPair } from '../../../src/core/profile/spearman';
import * as ref from './reference';
import { seededRandom as random } from '../seededRandom';

/** A column in file order: few distinct values (ties), some missing (null), optionally ±∞. */
function makeColumn(seed: number, rows: number, levels: number, missing: number, infinities = false): ref.Cell[] {
  const next = random(seed);
  return Array.from({ length: rows }, () => {
    const u = next();
    if (u < missing) return null;
    if (infinities && u > 0.99) return u > 0.995 ? Infinity : -Infinity;
    return Math.round(next() * levels) / 4 - levels / 8;
  });
}

function sortedRead(index: number, cells: ref.Cell[]): SortedColumn {
  const entries = cells
    .map((v, row) => [v, row] as const)
    .filter((e): e is readonly [number, number] => typeof e[0] === 'number');
  entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const finite = entries.filter((e) => Number.isFinite(e[0]));
  return {
    index,
    values: Float64Array.from(finite.map((e) => e[0])),
    rows: Uint32Array.from(finite.map((e) => e[1])),
    negativeInfinite: entries.filter((e) => e[0] === -Infinity).length,
    positiveInfinite: entries.filter((e) => e[0] === Infinity).length,
    tableRows: cells.length,
  };
}

function groupedRead(index: number, cells: ref.Cell[]): SortedColumn {
  const counts = new Map<number, number>();
  for (const v of cells) if (typeof v === 'number' && Number.isFinite(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const values = [...counts.keys()].sort((a, b) => a - b);
  return {
    index,
    values: Float64Array.from(values),
    counts: Float64Array.from(values.map((v) => counts.get(v) as number)),
    negativeInfinite: cells.filter((v) => v === -Infinity).length,
    positiveInfinite: cells.filter((v) => v === Infinity).length,
    tableRows: cells.length,
  };
}

function inOrder(cells: ref.Cell[]): Float64Array {
  return Float64Array.from(cells.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN)));
}

function assertSameStats(a: NumericCore, b: NumericCore): void {
  for (const key of [
    'mean',
    'std',
    'min',
    'max',
    'mad',
    'skewness',
    'kurtosis',
    'sum',
    'zeros',
    'infinite',
    'distinct',
    'finiteCount',
  ] as const) {
    assert.ok(ref.close(a[key] as number, b[key] as number), `${key}: ${a[key]} vs ${b[key]}`);
  }
  assert.deepEqual(a.quantiles, b.quantiles);
  assert.deepEqual(a.histogram, b.histogram);
}

describe('numeric engine', () => {
  const rows = 5000;
  const x = makeColumn(1, rows, 40, 0.05, true);
  const y = makeColumn(2, rows, 400, 0.1);

  it('gives the same statistics from a sorted and a grouped read, matching the reference', () => {
    const sorted = numericStatsOf(sortedRead(0, x)) as NumericCore;
    const grouped = numericStatsOf(groupedRead(0, x)) as NumericCore;
    assertSameStats(sorted, grouped);
    const finite = ref.present(x);
    assert.ok(ref.close(sorted.mean, ref.mean(finite)));
    assert.ok(ref.close(sorted.std, ref.std(finite)));
    assert.ok(ref.close(sorted.mad, ref.mad(finite)));
    assert.ok(ref.close(sorted.quantiles.p95, ref.quantile(finite, 0.95)));
    assert.equal(sorted.infinite, x.filter((v) => v === Infinity || v === -Infinity).length);
    assert.deepEqual(
      sorted.histogram.map((b) => b.count),
      ref.histogramCounts(finite),
    );
  });

  it('ranks pairs exactly as pandas, whichever way each column was read', () => {
    const expected = ref.spearman(x, y);
    const readX = sortedRead(0, x);
    const readY = sortedRead(1, y);
    const sx = sortedRanks({ ...readX, rows: readX.rows as Uint32Array }, 'x', false);
    const sy = sortedRanks({ ...readY, rows: readY.rows as Uint32Array }, 'y', false);
    const cx = codedRanks(0, 'x', inOrder(x), groupedRead(0, x).values, false);
    const cy = codedRanks(1, 'y', inOrder(y), groupedRead(1, y).values, false);
    const a = new Float64Array(rows);
    const b = new Float64Array(rows);
    for (const [left, right] of [
      [sx, sy],
      [cx, cy],
      [sx, cy],
      [cx, sy],
    ] as const) {
      assert.ok(ref.close(spearmanPair(left, right, a, b), expected), `${left.kind} × ${right.kind}`);
    }
  });

  it('tells monotonic columns from the sorted rows and from file order alike', () => {
    const cases: Array<[number[], string]> = [
      [[1, 2, 2, 3], 'increasing'],
      [[1, 2, 3, 4], 'strictly increasing'],
      [[4, 3, 3, 1], 'decreasing'],
      [[4, 3, 2, 1], 'strictly decreasing'],
      [[1, 3, 2, 4], 'none'],
      [[3, 3, 3, 3], 'increasing'],
    ];
    for (const [values, expected] of cases) {
      assert.equal(monotonicInOrder(Float64Array.from(values)), expected, `in order ${values}`);
      const read = sortedRead(0, values);
      assert.equal(monotonicSorted(read.values, read.rows as Uint32Array), expected, `sorted ${values}`);
    }
    assert.equal(
      monotonicInOrder(Float64Array.from([1, Number.NaN, 2, 5])),
      'strictly increasing',
      'missing values are skipped',
    );
  });
});
