// Interventional TreeSHAP in probability space (treeShapProbability.ts) held to what shap
// computes for model_output="probability": per background reference, the margin's Shapley values
// by brute force over 2^M coalitions, rescaled to sum to the change in probability, averaged.
// Binary: shap's chord slope of the sigmoid. Multi-class (shap has none): the score changes'
// exact Shapley split of each softmax change, brute force over 2^K. On random boosting sets, on
// real boosting classifiers fitted to penguins (against predictProba too), and, where Debian's
// python3 with numpy is there, against an independent numpy implementation of shap's algorithm.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { leafOf, type ShapTree } from '../../../src/core/explain/shapTree';
import { explainTreesInterventional } from '../../../src/core/explain/treeExplainer';
import { rowMajor, treeSetOf, type TreeSet } from '../../../src/core/explain/treeModels';
import {
  explainTreesProbability,
  sigmoid,
  softmax,
  softmaxFactors,
  SoftmaxScratch,
} from '../../../src/core/explain/treeShapProbability';
import { createMatrix } from '../../../src/core/model/matrix';
import { histGradientBoosting } from '../../../src/core/model/models/boosting';
import type { FittedModel } from '../../../src/core/model/models/estimator';
import { penguins } from '../model/models/boostingData';
import { sklearn as python } from '../model/sklearnReference';
import { seededRandom } from '../seededRandom';
import { bruteShapley } from './bruteShapley';
import { randomData, randomTree } from './randomTrees';

function close(actual: number, expected: number, what: string, tolerance = 1e-9) {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

/** The set's margins on a row, straight from the leaves. */
function margins(set: TreeSet, row: ArrayLike<number>): Float64Array {
  const m = Float64Array.from(set.offset);
  set.trees.forEach((tree, t) => (m[set.target![t]] += set.scale * tree.values[leafOf(tree, row)]));
  return m;
}

function probabilities(m: Float64Array): Float64Array {
  if (m.length === 1) return Float64Array.of(sigmoid(m[0]));
  const p = new Float64Array(m.length);
  softmax(m, p);
  return p;
}

/**
 * shap's computation by brute force: per reference z, φ^margin over 2^M coalitions (the margin
 * of the hybrid row), then binary: × (σ(m_x) − σ(m_z)) / (m_x − m_z); multi-class: φ_fk =
 * Σ_j ψ_jk / Δm_j · φ^margin_fj with ψ the Shapley values of the K scores (2^K brute force).
 * Returns features × outputs and the base.
 */
function reference(set: TreeSet, x: Float64Array, background: Float64Array[]) {
  const M = x.length;
  const K = set.outputs;
  const phi = Array.from({ length: M }, () => new Array<number>(K).fill(0));
  const base = new Array<number>(K).fill(0);
  const mx = margins(set, x);
  const hybrid = new Float64Array(M);
  for (const z of background) {
    const mz = margins(set, z);
    probabilities(mz).forEach((p, k) => (base[k] += p / background.length));
    const margin = bruteShapley(M, K, (mask) => {
      for (let f = 0; f < M; f++) hybrid[f] = mask & (1 << f) ? x[f] : z[f];
      return margins(set, hybrid);
    });
    // ψ[j][k]: score j's share of the change in p_k.
    const psi =
      K === 1
        ? [[sigmoid(mx[0]) - sigmoid(mz[0])]]
        : bruteShapley(K, K, (mask) => probabilities(Float64Array.from(mx, (v, j) => (mask & (1 << j) ? v : mz[j]))));
    for (let j = 0; j < K; j++) {
      const d = mx[j] - mz[j];
      if (d === 0) {
        // x and z reach the same leaves of every tree of score j: no margin contributions.
        for (let f = 0; f < M; f++) close(margin[f][j], 0, 'tied score, zero margin contributions');
        continue;
      }
      for (let f = 0; f < M; f++)
        for (let k = 0; k < K; k++) phi[f][k] += ((psi[j][k] / d) * margin[f][j]) / background.length;
    }
  }
  return { phi, base };
}

/** Random one-output trees summed into K scores (tree t → score t mod K), as boosting is. */
function randomBoosting(seed: number, K: number, count: number, M: number) {
  const random = seededRandom(seed);
  const trees: ShapTree[] = [];
  let data: Float64Array[] = [];
  for (let t = 0; t < count; t++) {
    const grown = randomTree(seed * 100 + t, { features: M, maxDepth: 1 + Math.floor(random() * 5), rows: 60 });
    trees.push(grown.tree);
    if (t === 0) data = grown.data;
  }
  const set: TreeSet = {
    trees,
    target: Int32Array.from(trees, (_, t) => t % K),
    scale: 0.3,
    outputs: K,
    offset: Float64Array.from({ length: K }, () => random() * 2 - 1),
    outputKind: K === 1 ? 'log-odds' : 'softmax-score',
    outputNames: [],
    classes: K === 1 ? ['no', 'yes'] : Array.from({ length: K }, (_, k) => `c${k}`),
  };
  return { set, data, random };
}

function checkAgainstReference(set: TreeSet, rows: Float64Array[], background: Float64Array[], label: string) {
  const M = rows[0].length;
  const K = set.outputs;
  const flat = (xs: Float64Array[]) => {
    const out = new Float64Array(xs.length * M);
    xs.forEach((x, i) => out.set(x, i * M));
    return out;
  };
  const ours = explainTreesProbability(set, flat(rows), M, flat(background));
  assert.ok(ours.additivityError <= 1e-9, `${label}: additivity ${ours.additivityError}`);
  rows.forEach((x, i) => {
    const expected = reference(set, x, background);
    const p = probabilities(margins(set, x));
    for (let k = 0; k < K; k++) {
      close(ours.base[k], expected.base[k], `${label} base ${k}`);
      close(ours.output[i * K + k], p[k], `${label} row ${i} output ${k}`);
      let sum = ours.base[k];
      for (let f = 0; f < M; f++) {
        const v = ours.values[(i * M + f) * K + k];
        close(v, expected.phi[f][k], `${label} row ${i} feature ${f} output ${k}`);
        sum += v;
      }
      close(sum, p[k], `${label} row ${i} additivity ${k}`);
    }
  });
  return ours;
}

describe('interventional TreeSHAP in probability space', () => {
  test("binary (sigmoid): shap's rescaled margin values, against brute force on 40 random boosting sets", () => {
    for (let s = 0; s < 40; s++) {
      const M = 1 + (s % 7);
      const { set, data, random } = randomBoosting(100 + s, 1, 1 + (s % 6), M);
      const rows = randomData(random, 3, M, 0.2);
      checkAgainstReference(set, rows, data.slice(0, 5), `set ${s}`);
    }
  });

  test("multi-class (softmax): the scores' exact Shapley split, against brute force on 30 random sets", () => {
    for (let s = 0; s < 30; s++) {
      const M = 1 + (s % 6);
      const K = 2 + (s % 4);
      const { set, data, random } = randomBoosting(300 + s, K, K * (1 + (s % 3)), M);
      const rows = randomData(random, 3, M, 0.2);
      const ours = checkAgainstReference(set, rows, data.slice(0, 4), `set ${s}`);
      // Each feature's probability contributions sum to 0 over the classes.
      for (let i = 0; i < rows.length; i++)
        for (let f = 0; f < M; f++) {
          let sum = 0;
          for (let k = 0; k < K; k++) sum += ours.values[(i * M + f) * K + k];
          close(sum, 0, `set ${s} row ${i} feature ${f}: Σ over classes`);
        }
    }
  });

  test("a tied score takes the chord slope's limit (continuous in the reference)", () => {
    const s = new SoftmaxScratch(3);
    const mx = Float64Array.of(0.3, -1.2, 2);
    const tied = new Float64Array(9);
    const near = new Float64Array(9);
    softmaxFactors(mx, Float64Array.of(1, -1.2, 0.5), tied, s);
    softmaxFactors(mx, Float64Array.of(1, -1.2 + 1e-7, 0.5), near, s);
    for (let i = 0; i < 9; i++) close(tied[i], near[i], `factor ${i}`, 1e-6);
    assert.ok(Math.abs(tied[1 * 3 + 1]) > 0.01, 'the limit is not 0');
  });
});

async function fitPenguins(
  binary: boolean,
): Promise<{ model: FittedModel; set: TreeSet; rows: Float64Array; M: number }> {
  const { X, y } = penguins('train');
  if (y.task !== 'classification') throw new Error('classification data');
  const target = binary
    ? { task: 'classification' as const, classes: ['other', 'Chinstrap'], y: y.y.map((c) => (c === 1 ? 1 : 0)) }
    : y;
  const model = await histGradientBoosting.fit(
    X,
    target,
    histGradientBoosting.params({ max_iter: 25, max_leaf_nodes: 8 }, 'classification'),
    { seed: 3, threads: 1 },
  );
  return { model, set: treeSetOf(model, X)!, rows: rowMajor(X), M: X.cols };
}

describe('probability output of boosting classifiers fitted to penguins', () => {
  for (const binary of [true, false])
    test(`${binary ? 'Chinstrap or not (sigmoid)' : 'three species (softmax)'}: brute force, and base + Σ φ = predictProba`, async () => {
      const { model, set, rows, M } = await fitPenguins(binary);
      const K = set.outputs;
      assert.equal(K, binary ? 1 : 3);
      const pick = (from: number, count: number, step: number) =>
        Array.from({ length: count }, (_, i) => rows.slice((from + i * step) * M, (from + i * step + 1) * M));
      const explained = pick(0, 8, 29);
      const background = pick(5, 6, 37);
      checkAgainstReference(set, explained, background, binary ? 'binary' : 'species');
      // All rows against a background of 20: the probabilities are predictProba's.
      const n = rows.length / M;
      const X = createMatrix(
        n,
        Array.from({ length: M }, (_, f) => `x${f}`),
      );
      for (let i = 0; i < n; i++) for (let f = 0; f < M; f++) X.data[f * n + i] = rows[i * M + f];
      const proba = model.predictProba!(X);
      const bg = new Float64Array(20 * M);
      pick(1, 20, 11).forEach((r, i) => bg.set(r, i * M));
      const shap = explainTreesProbability(set, rows, M, bg);
      assert.ok(shap.additivityError <= 1e-9, `additivity ${shap.additivityError}`);
      const classes = proba.length / n;
      for (let i = 0; i < n; i++)
        for (let k = 0; k < K; k++) {
          const p = proba[i * classes + (binary ? 1 : k)];
          close(shap.output[i * K + k], p, `row ${i} output ${k}`);
          let sum = shap.base[k];
          for (let f = 0; f < M; f++) sum += shap.values[(i * M + f) * K + k];
          close(sum, p, `row ${i} class ${k}: base + Σ φ = predictProba`);
        }
      // The raw explanation is unchanged: margins, not probabilities.
      const raw = explainTreesInterventional(set, rows.subarray(0, 5 * M), M, bg);
      assert.ok(raw.output.some((v) => v < 0 || v > 1) || K === 1, 'raw output is in margin space');
    });

  test("against an independent numpy implementation of shap's dense_independent (binary and softmax)", async () => {
    for (const binary of [true, false]) {
      const { set, rows, M } = await fitPenguins(binary);
      const K = set.outputs;
      const explained = rows.subarray(0, 12 * M);
      const background = rows.subarray(40 * M, 50 * M);
      const ours = explainTreesProbability(set, explained, M, background);
      const list = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));
      const theirs = python<{ phi: number[][][]; base: number[] }>(PYTHON_REFERENCE, {
        trees: set.trees.map((t) => ({
          feature: Array.from(t.feature),
          threshold: Array.from(t.threshold),
          missingLeft: Array.from(t.missingLeft),
          left: Array.from(t.left),
          right: Array.from(t.right),
          values: Array.from(t.values),
          root: t.root ?? 0,
        })),
        target: Array.from(set.target!),
        scale: set.scale,
        offset: Array.from(set.offset),
        M,
        X: list(explained),
        R: list(background),
      });
      let worst = 0;
      for (let i = 0; i < 12; i++)
        for (let f = 0; f < M; f++)
          for (let k = 0; k < K; k++)
            worst = Math.max(worst, Math.abs(theirs.phi[i][f][k] - ours.values[(i * M + f) * K + k]));
      for (let k = 0; k < K; k++) worst = Math.max(worst, Math.abs(theirs.base[k] - ours.base[k]));
      assert.ok(worst < 1e-9, `${binary ? 'binary' : 'softmax'}: numpy and ours differ by ${worst}`);
    }
  });
});

// shap's dense_independent restated in numpy (trees walked in Python, float64): per reference,
// the margin's Shapley values by enumerating the 2^M hybrid rows, then the rescaling (sigmoid's
// chord slope; softmax: the scores' Shapley split by enumerating 2^K), averaged.
const PYTHON_REFERENCE = `
from itertools import product
from math import factorial
M = data["M"]; K = len(data["offset"])
X = np.array([np.nan if v is None else v for v in data["X"]], dtype=float).reshape(-1, M)
R = np.array([np.nan if v is None else v for v in data["R"]], dtype=float).reshape(-1, M)
def leaf_value(t, row):
    n = t["root"]
    while t["feature"][n] >= 0:
        v = row[t["feature"][n]]
        left = t["missingLeft"][n] == 1 if np.isnan(v) else v <= t["threshold"][n]
        n = t["left"][n] if left else t["right"][n]
    return t["values"][n]
def margin(row):
    m = np.array(data["offset"], dtype=float)
    for t, k in zip(data["trees"], data["target"]):
        m[k] += data["scale"] * leaf_value(t, row)
    return m
def transform(m):
    if K == 1: return 1 / (1 + np.exp(-m))
    e = np.exp(m - m.max()); return e / e.sum()
def shapley(n, v):
    values = {S: v(S) for S in product([0, 1], repeat=n)}
    out = np.zeros((n, len(values[(0,) * n])))
    for S, vs in values.items():
        s = sum(S)
        for i in range(n):
            if S[i]: continue
            T = list(S); T[i] = 1
            out[i] += factorial(s) * factorial(n - s - 1) / factorial(n) * (values[tuple(T)] - vs)
    return out
phis = []
base = np.zeros(K)
for z in R: base += transform(margin(z)) / len(R)
for x in X:
    mx = margin(x)
    phi = np.zeros((M, K))
    for z in R:
        mz = margin(z)
        pm = shapley(M, lambda S: margin(np.where(np.array(S) == 1, x, z)))
        if K == 1:
            d = mx[0] - mz[0]
            factor = np.array([[1.0 if d == 0 else (transform(mx)[0] - transform(mz)[0]) / d]])
        else:
            psi = shapley(K, lambda S: transform(np.where(np.array(S) == 1, mx, mz)))
            d = mx - mz
            factor = np.array([[psi[j][k] / d[j] if d[j] != 0 else 0.0 for j in range(K)] for k in range(K)])
        phi += pm @ factor.T / len(R)
    phis.append(phi)
result = {"phi": np.array(phis), "base": base}
`;
