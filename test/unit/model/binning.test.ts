// Feature binning: the radix sort orders like Float64Array.prototype.sort, fitBins gives the
// documented edges (midpoints of few distinct values, else interpolated quantiles; NaN skipped),
// and applyBins' fixed-step search gives the same codes as a plain binary search (binOf),
// including ties with edges, ±Infinity, −0 and NaN (MISSING_BIN).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyBins, binOf, fitBins, MISSING_BIN } from '../../../src/core/model/binning';
import type { Matrix } from '../../../src/core/model/matrix';
import { radixSortFloat64 } from '../../../src/core/model/radixSort';
import { seededRandom as random32 } from '../seededRandom';

function matrix(columns: Float64Array[]): Matrix {
  const rows = columns[0].length;
  const data = new Float64Array(rows * columns.length);
  columns.forEach((c, j) => data.set(c, j * rows));
  return { rows, cols: columns.length, data, names: columns.map((_, j) => `x${j}`) };
}

/** The edges as binning.ts documents them, computed the plain way (native sort, number arrays). */
function referenceEdges(values: Float64Array, maxBins: number): number[] {
  const sorted = Array.from(values.filter((v) => !Number.isNaN(v))).sort((a, b) => a - b);
  const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
  if (distinct.length <= maxBins) return distinct.slice(1).map((v, i) => (distinct[i] + v) / 2);
  const edges: number[] = [];
  for (let b = 1; b < maxBins; b++) {
    const pos = (b / maxBins) * (sorted.length - 1);
    const lo = Math.floor(pos);
    const v = pos === lo ? sorted[lo] : sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (pos - lo);
    if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
  }
  return edges;
}

const random = random32(42);
const continuous = Float64Array.from({ length: 5000 }, () => (random() - 0.3) * 1e3 * random());
const withSpecials = Float64Array.from({ length: 3000 }, (_, i) => {
  const r = random();
  if (i % 97 === 0) return NaN;
  if (i % 211 === 0) return Infinity;
  if (i % 307 === 0) return -Infinity;
  if (i % 5 === 0) return -0;
  if (i % 7 === 0) return 0;
  return r < 0.5 ? -r * 1e-300 : Math.round(r * 1e6) / 7;
});
const fewDistinct = Float64Array.from({ length: 2000 }, () => Math.floor(random() * 40) - 20);
const constant = new Float64Array(100).fill(3.5);

describe('radixSortFloat64', () => {
  it('orders like Float64Array sort, negatives, zeros, infinities and ties included', () => {
    for (const values of [
      continuous,
      withSpecials.filter((v) => !Number.isNaN(v)),
      fewDistinct,
      constant,
      new Float64Array(0),
      Float64Array.of(-0, 0, -0),
    ]) {
      const expected = values.slice().sort();
      const sorted = radixSortFloat64(values.slice(), new Float64Array(values.length));
      assert.equal(sorted.length, expected.length);
      for (let i = 0; i < expected.length; i++)
        assert.ok(Object.is(sorted[i], expected[i]), `position ${i}: ${sorted[i]} vs ${expected[i]}`);
    }
  });
});

describe('fitBins / applyBins', () => {
  const X = matrix([
    continuous.subarray(0, 3000),
    withSpecials,
    fewDistinct.subarray(0, 3000),
    new Float64Array(3000).fill(3.5),
  ]);

  for (const maxBins of [255, 64, 2]) {
    it(`gives the documented edges (max_bins ${maxBins})`, () => {
      const mapper = fitBins(X, { maxBins });
      for (let j = 0; j < X.cols; j++) {
        const expected = referenceEdges(X.data.subarray(j * X.rows, (j + 1) * X.rows), maxBins);
        assert.deepEqual(Array.from(mapper.edges[j]), expected, `feature ${j}`);
        assert.equal(mapper.nBins[j], expected.length + 1);
        assert.ok(mapper.nBins[j] <= maxBins);
      }
    });

    it(`codes every value like a binary search over the edges (max_bins ${maxBins})`, () => {
      const mapper = fitBins(X, { maxBins });
      // Apply to other values too: the edges themselves, values between and beyond them.
      const probe = matrix(
        Array.from({ length: X.cols }, (_, j) => {
          const e = mapper.edges[j];
          const extra = [
            NaN,
            Infinity,
            -Infinity,
            -0,
            0,
            ...Array.from(e),
            ...Array.from(e, (v) => v + 1e-9),
            ...Array.from(e, (v) => v - 1e-9),
          ];
          const col = new Float64Array(X.rows + 600);
          col.set(X.data.subarray(j * X.rows, (j + 1) * X.rows));
          for (let i = 0; i < 600; i++) col[X.rows + i] = extra[i % extra.length];
          return col;
        }),
      );
      for (const M of [X, probe]) {
        const binned = applyBins(mapper, M);
        for (let j = 0; j < M.cols; j++) {
          let missing = 0;
          for (let i = 0; i < M.rows; i++) {
            const v = M.data[j * M.rows + i];
            const expected = binOf(mapper.edges[j], v);
            assert.equal(binned.bins[j * M.rows + i], expected, `feature ${j} value ${v}`);
            if (Number.isNaN(v)) {
              assert.equal(expected, MISSING_BIN);
              missing = 1;
            } else assert.ok(expected < mapper.nBins[j]);
          }
          assert.equal(binned.hasMissing[j], missing, `hasMissing of feature ${j}`);
        }
      }
    });
  }

  it('subsamples reproducibly under a seed', () => {
    const a = fitBins(X, { subsample: 1000, seed: 3 });
    const b = fitBins(X, { subsample: 1000, seed: 3 });
    const c = fitBins(X, { subsample: 1000, seed: 4 });
    assert.deepEqual(
      a.edges.map((e) => Array.from(e)),
      b.edges.map((e) => Array.from(e)),
    );
    assert.notDeepEqual(a.edges[0], c.edges[0]);
  });
});
