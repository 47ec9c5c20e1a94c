// Linear SHAP against brute-force Shapley values of the linear score over the background, and
// additive against the model's own probabilities; the permutation estimator against exact
// interventional TreeSHAP on a real forest: within 1% of the row's total attribution at ≤ 2,000
// model evaluations per feature, exact values inside ±3 standard errors in ≥ 99% of cases over
// seeds, reproducible for a seed, and additive.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { columnMeans, explainLinear, linearSetOf } from '../../../src/core/explain/linearShap';
import { explainKernel, kmeansSummary } from '../../../src/core/explain/kernelShap';
import { explainSampling } from '../../../src/core/explain/samplingShap';
import { explainTreesInterventional } from '../../../src/core/explain/treeExplainer';
import { rowMajor, treeSetOf } from '../../../src/core/explain/treeModels';
import { createMatrix, type Matrix } from '../../../src/core/model/matrix';
import type { FittedModel } from '../../../src/core/model/models/estimator';
import { randomForest } from '../../../src/core/model/models/forest';
import { logisticRegression } from '../../../src/core/model/models/logistic';
import { penguins } from '../model/models/boostingData';
import { bruteShapley } from './bruteShapley';

/** Penguins with the missing values dropped and every column standardised (what a pipeline feeds a linear model). */
function standardPenguins(classes?: string[]): { X: Matrix; y: Int32Array; classes: string[] } {
  const { X, y } = penguins('train', classes);
  if (y.task !== 'classification') throw new Error('classification');
  const keep: number[] = [];
  for (let i = 0; i < X.rows; i++) {
    let ok = true;
    for (let j = 0; j < X.cols; j++) if (Number.isNaN(X.data[j * X.rows + i])) ok = false;
    if (ok) keep.push(i);
  }
  const out = createMatrix(keep.length, X.names);
  for (let j = 0; j < X.cols; j++) {
    const col = keep.map((i) => X.data[j * X.rows + i]);
    const mean = col.reduce((a, b) => a + b, 0) / col.length;
    const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length) || 1;
    col.forEach((v, r) => (out.data[j * keep.length + r] = (v - mean) / sd));
  }
  // A species not among `classes` is the first class ("other").
  return { X: out, y: Int32Array.from(keep, (i) => Math.max(0, y.y[i])), classes: y.classes };
}

function batchOf(model: FittedModel, features: number, names: string[]) {
  return (rows: Float64Array, n: number) => {
    const X = createMatrix(n, names);
    for (let i = 0; i < n; i++) for (let f = 0; f < features; f++) X.data[f * n + i] = rows[i * features + f];
    return model.predictProba!(X);
  };
}

describe('Linear SHAP', () => {
  test('binary logistic regression: equal to brute force over the background, additive in probability', async () => {
    const { X, y, classes } = standardPenguins(['other', 'Gentoo']);
    const model = await logisticRegression.fit(
      X,
      { task: 'classification', classes, y },
      logisticRegression.params({ C: 0.5 }, 'classification'),
      { seed: 0 },
    );
    const set = linearSetOf(model)!;
    assert.equal(set.outputKind, 'log-odds');
    const rows = rowMajor(X);
    const M = X.cols;
    const mean = columnMeans(rows, M);
    const shap = explainLinear(set, rows, M, mean);
    const score = (r: ArrayLike<number>) => {
      let s = set.intercept[0];
      for (let f = 0; f < M; f++) s += set.coef[f] * r[f];
      return s;
    };
    const n = X.rows;
    for (const i of [0, 5, 50]) {
      const x = rows.subarray(i * M, (i + 1) * M);
      const expected = bruteShapley(M, 1, (mask) => {
        let v = 0;
        const h = new Float64Array(M);
        for (let j = 0; j < n; j++) {
          for (let f = 0; f < M; f++) h[f] = mask & (1 << f) ? x[f] : rows[j * M + f];
          v += score(h) / n;
        }
        return Float64Array.of(v);
      });
      for (let f = 0; f < M; f++) assert.ok(Math.abs(shap.values[i * M + f] - expected[f][0]) < 1e-9);
    }
    const proba = model.predictProba!(X);
    for (let i = 0; i < n; i++) {
      let sum = shap.base[0];
      for (let f = 0; f < M; f++) sum += shap.values[i * M + f];
      assert.ok(Math.abs(1 / (1 + Math.exp(-sum)) - proba[i * 2 + 1]) < 1e-12, `row ${i}`);
    }
  });
});

describe('permutation sampling estimator', () => {
  test('a real forest: within 1% at ≤ 2,000 evaluations per feature, honest standard errors, reproducible', async () => {
    const { X, y } = penguins('train');
    if (y.task !== 'classification') throw new Error('classification');
    const fixed = { ...y, y: Int32Array.from(y.y, (v) => Math.max(v, 0)) };
    const model = await randomForest.fit(
      X,
      fixed,
      randomForest.params({ n_estimators: 25, max_depth: 5 }, 'classification'),
      {
        seed: 1,
        threads: 1,
      },
    );
    const M = X.cols;
    const K = 3;
    const rows = rowMajor(X);
    const background = rows.subarray(0, 25 * M);
    const explained = rows.subarray(60 * M, 75 * M);
    const exact = explainTreesInterventional(treeSetOf(model, X)!, explained, M, background);
    const pairs = Math.floor((2000 * M) / (2 * (M + 1)));
    let inside = 0;
    let cases = 0;
    let worstShare = 0;
    for (const seed of [1, 2, 3, 4]) {
      const est = await explainSampling(batchOf(model, M, X.names), K, explained, M, background, { pairs, seed });
      assert.ok(est.evaluations / M / est.rows <= 2000 + 25 / M);
      assert.ok(est.additivityError < 1e-12);
      for (let i = 0; i < est.rows; i++)
        for (let k = 0; k < K; k++) {
          let total = 0;
          let worst = 0;
          for (let f = 0; f < M; f++) {
            const at = (i * M + f) * K + k;
            total += Math.abs(exact.values[at]);
            worst = Math.max(worst, Math.abs(est.values[at] - exact.values[at]));
            cases++;
            if (Math.abs(est.values[at] - exact.values[at]) <= 3 * est.standardErrors[at] + 1e-12) inside++;
          }
          if (total > 1e-9) worstShare = Math.max(worstShare, worst / total);
        }
      if (seed === 1) {
        const again = await explainSampling(batchOf(model, M, X.names), K, explained, M, background, { pairs, seed });
        assert.deepEqual(again.values, est.values, 'a seed reproduces its estimate');
        // Several rows per model call (as an external predictor is called): the same estimate, fewer calls.
        let calls = 0;
        const counted = batchOf(model, M, X.names);
        const grouped = await explainSampling(
          (rows, n) => {
            calls++;
            return counted(rows, n);
          },
          K,
          explained,
          M,
          background,
          { pairs, seed, batchRows: 3 * pairs * 2 * (M + 1) },
        );
        assert.deepEqual(grouped.values, est.values);
        assert.deepEqual(grouped.standardErrors, est.standardErrors);
        assert.equal(calls, 1 + Math.ceil(est.rows / 3));
      }
    }
    console.log(
      `sampling: worst error ${(worstShare * 100).toFixed(2)}% of the row's total, ${((inside / cases) * 100).toFixed(2)}% inside ±3 SE (${cases} cases)`,
    );
    assert.ok(worstShare <= 0.01, `worst error ${worstShare}`);
    assert.ok(inside / cases >= 0.99, `inside ±3 SE: ${inside / cases}`);
  });
});

describe('KernelSHAP', () => {
  test('every coalition enumerated: equal to exact interventional TreeSHAP on a real forest; sampled: additive, with standard errors', async () => {
    const { X, y } = penguins('train');
    if (y.task !== 'classification') throw new Error('classification');
    const fixed = { ...y, y: Int32Array.from(y.y, (v) => Math.max(v, 0)) };
    const model = await randomForest.fit(
      X,
      fixed,
      randomForest.params({ n_estimators: 15, max_depth: 5 }, 'classification'),
      {
        seed: 4,
        threads: 1,
      },
    );
    const M = X.cols;
    const rows = rowMajor(X);
    const background = rows.subarray(0, 16 * M);
    const explained = rows.subarray(40 * M, 48 * M);
    const exact = explainTreesInterventional(treeSetOf(model, X)!, explained, M, background);
    const centres = { centres: background.slice(), weights: new Float64Array(16).fill(1 / 16) };
    const all = await explainKernel(batchOf(model, M, X.names), 3, explained, M, centres, {
      coalitions: 1000,
      seed: 1,
    });
    for (let j = 0; j < exact.values.length; j++) assert.ok(Math.abs(all.values[j] - exact.values[j]) < 1e-9, `#${j}`);
    assert.ok(all.standardErrors.every((e) => e === 0));
    assert.equal(all.evaluations, 16 + 8 * (1 + (2 ** M - 2) * 16));
    const sampled = await explainKernel(batchOf(model, M, X.names), 3, explained, M, centres, {
      coalitions: 60,
      seed: 1,
    });
    assert.ok(sampled.additivityError < 1e-9);
    assert.ok(sampled.standardErrors.some((e) => e > 0));
    // Several rows per model call (as an external predictor is called): the same values and errors.
    let calls = 0;
    const counted = batchOf(model, M, X.names);
    const grouped = await explainKernel(
      (rows, n) => {
        calls++;
        return counted(rows, n);
      },
      3,
      explained,
      M,
      centres,
      { coalitions: 60, seed: 1, batchRows: 3 * (1 + 60 * 16) },
    );
    assert.deepEqual(grouped.values, sampled.values);
    assert.deepEqual(grouped.standardErrors, sampled.standardErrors);
    assert.ok(calls < 1 + sampled.rows, `${calls} calls for ${sampled.rows} rows`);
    let inside = 0;
    for (let j = 0; j < exact.values.length; j++)
      if (Math.abs(sampled.values[j] - exact.values[j]) <= 3 * sampled.standardErrors[j] + 1e-9) inside++;
    console.log(
      `KernelSHAP, 60 coalitions of ${2 ** M - 2}: ${((inside / exact.values.length) * 100).toFixed(1)}% of values within ±3 SE of exact`,
    );
    assert.ok(inside / exact.values.length >= 0.9);
  });

  test('the k-means summary: centres of the clusters, weights their shares', () => {
    const rows = Float64Array.from([0, 0, 0.1, 0, 10, 10, 10.2, 10, 0, 0.1]);
    const { centres, weights } = kmeansSummary(rows, 2, 2, 1);
    const pairs = [0, 1]
      .map((c) => ({ x: centres[c * 2], y: centres[c * 2 + 1], w: weights[c] }))
      .sort((a, b) => a.x - b.x);
    assert.ok(Math.abs(pairs[0].x - 0.1 / 3) < 1e-12 && Math.abs(pairs[0].w - 0.6) < 1e-12);
    assert.ok(Math.abs(pairs[1].x - 10.1) < 1e-12 && Math.abs(pairs[1].w - 0.4) < 1e-12);
  });
});
