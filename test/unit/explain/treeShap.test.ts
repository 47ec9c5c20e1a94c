// TreeSHAP, both modes (path-dependent by Algorithm 2 and by quadrature), against brute-force
// exact Shapley values over all 2^M coalitions on 1,200 random trees (1–10 features, depth 1–8, NaN in the data with a learned side per split,
// 1–3 outputs), to 1e-9; and additivity: base value + Σ φ = the tree's output.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { coverMean, leafOf, treeDepth } from '../../../src/core/explain/shapTree';
import { addBatchPathShap, BatchScratch, hasZeroCover } from '../../../src/core/explain/treeShapBatch';
import { addBatchPathShapOne, BatchOneScratch, repeatsBelow } from '../../../src/core/explain/treeShapBatchOne';
import { addInterventionalShap } from '../../../src/core/explain/treeShapInterventional';
import { addFastPathShap } from '../../../src/core/explain/treeShapFast';
import { addInteractions, diagonal } from '../../../src/core/explain/treeShapInteractions';
import { addPathShap } from '../../../src/core/explain/treeShapPath';
import { seededRandom } from '../seededRandom';
import { bruteShapley, interventionalValue, pathValue } from './bruteShapley';
import { randomData, randomTree } from './randomTrees';

const TREES = 1200;

function close(actual: number, expected: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

describe('TreeSHAP against brute-force Shapley values', () => {
  for (const [name, add] of [
    ['Algorithm 2', addPathShap],
    ['quadrature, O(nodes · depth)', addFastPathShap],
  ] as const)
    test(`path-dependent (${name}): ${TREES} random trees`, () => {
      const random = seededRandom(11);
      let splits = 0;
      for (let t = 0; t < TREES; t++) {
        const M = 1 + Math.floor(random() * 10);
        const depth = 1 + Math.floor(random() * 8);
        const outputs = 1 + Math.floor(random() * 3);
        const { tree } = randomTree(1000 + t, { features: M, maxDepth: depth, rows: 60, outputs, missing: 0.15 });
        splits += tree.nodeCount;
        const rows = randomData(random, 2, M, 0.2);
        const base = coverMean(tree);
        for (const row of rows) {
          const phi = new Float64Array(M * outputs);
          add(tree, row, phi);
          const expected = bruteShapley(M, outputs, (mask) => pathValue(tree, row, mask));
          const leaf = leafOf(tree, row);
          for (let k = 0; k < outputs; k++) {
            let sum = base[k];
            for (let f = 0; f < M; f++) {
              close(phi[f * outputs + k], expected[f][k], `tree ${t} feature ${f} output ${k}`);
              sum += phi[f * outputs + k];
            }
            close(sum, tree.values[leaf * outputs + k], `tree ${t} additivity`);
          }
        }
      }
      assert.ok(splits > TREES * 5, 'the trees are not trivial');
    });

  test(`interventional: ${TREES} random trees against a background of 6 rows`, () => {
    const random = seededRandom(12);
    for (let t = 0; t < TREES; t++) {
      const M = 1 + Math.floor(random() * 10);
      const depth = 1 + Math.floor(random() * 8);
      const outputs = 1 + Math.floor(random() * 2);
      const { tree, data } = randomTree(5000 + t, { features: M, maxDepth: depth, rows: 60, outputs, missing: 0.15 });
      const background = data.slice(0, 6);
      const row = randomData(random, 1, M, 0.2)[0];
      const phi = new Float64Array(M * outputs);
      for (const z of background) addInterventionalShap(tree, row, z, phi, 1 / background.length);
      const expected = bruteShapley(M, outputs, (mask) => interventionalValue(tree, row, background, mask));
      const base = interventionalValue(tree, row, background, 0);
      const leaf = leafOf(tree, row);
      for (let k = 0; k < outputs; k++) {
        let sum = base[k];
        for (let f = 0; f < M; f++) {
          close(phi[f * outputs + k], expected[f][k], `tree ${t} feature ${f} output ${k}`);
          sum += phi[f * outputs + k];
        }
        close(sum, tree.values[leaf * outputs + k], `tree ${t} additivity`);
      }
    }
  });
});

describe('TreeSHAP in batches of rows', () => {
  test('equal to one row at a time on 600 random trees, for batches of 1, 5 and 32 rows', () => {
    const random = seededRandom(13);
    for (let t = 0; t < 600; t++) {
      const M = 1 + Math.floor(random() * 10);
      const depth = 1 + Math.floor(random() * 8);
      const outputs = 1 + Math.floor(random() * 3);
      const { tree } = randomTree(9000 + t, { features: M, maxDepth: depth, rows: 60, outputs, missing: 0.15 });
      assert.ok(!hasZeroCover(tree));
      const R = [1, 5, 32][t % 3];
      const rows = new Float64Array(R * M);
      randomData(random, R, M, 0.2).forEach((r, i) => rows.set(r, i * M));
      const batch = new Float64Array(R * M * outputs);
      addBatchPathShap(tree, rows, R, M, batch, new BatchScratch(M, treeDepth(tree), outputs, R));
      for (let r = 0; r < R; r++) {
        const one = new Float64Array(M * outputs);
        addFastPathShap(tree, rows.subarray(r * M, (r + 1) * M), one);
        for (let j = 0; j < M * outputs; j++) close(batch[r * M * outputs + j], one[j], `tree ${t} row ${r} #${j}`);
      }
    }
  });
});

describe('TreeSHAP in batches of rows, one output (treeShapBatchOne.ts)', () => {
  test('equal to brute force and to one row at a time on 800 random trees, one scratch for all of them', () => {
    const random = seededRandom(14);
    const scratch = new BatchOneScratch(10, 10, 32);
    let repeated = 0;
    for (let t = 0; t < 800; t++) {
      const M = 1 + Math.floor(random() * 10);
      const depth = 1 + Math.floor(random() * 10);
      const { tree } = randomTree(20000 + t, { features: M, maxDepth: depth, rows: 80, missing: 0.15 });
      assert.ok(!hasZeroCover(tree));
      repeated += repeatsBelow(tree).reduce((a, b) => a + b, 0);
      const R = [1, 7, 32][t % 3];
      const rows = new Float64Array(R * M);
      randomData(random, R, M, 0.2).forEach((r, i) => rows.set(r, i * M));
      const batch = new Float64Array(R * M);
      addBatchPathShapOne(tree, rows, R, M, batch, scratch);
      for (let r = 0; r < R; r++) {
        const row = rows.subarray(r * M, (r + 1) * M);
        const one = new Float64Array(M);
        addFastPathShap(tree, row, one);
        for (let f = 0; f < M; f++) close(batch[r * M + f], one[f], `tree ${t} row ${r} feature ${f}`);
        if (r < 2 && M <= 8) {
          const expected = bruteShapley(M, 1, (mask) => pathValue(tree, row, mask));
          for (let f = 0; f < M; f++) close(batch[r * M + f], expected[f][0], `tree ${t} row ${r} brute ${f}`);
        }
      }
    }
    assert.ok(repeated > 500, `features split on again below: ${repeated}`);
  });
});

/** Shapley interaction values by brute force: Φ_ij = Σ_S |S|!(M−|S|−2)!/(2(M−1)!) ∇_ij v(S), Φ_ii = φ_i − Σ_{j≠i} Φ_ij. */
function bruteInteractions(M: number, K: number, v: (mask: number) => Float64Array, phi: number[][]): number[][][] {
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const out = Array.from({ length: M }, () => Array.from({ length: M }, () => new Array<number>(K).fill(0)));
  for (let i = 0; i < M; i++)
    for (let j = 0; j < M; j++) {
      if (i === j) continue;
      for (let mask = 0; mask < 1 << M; mask++) {
        if (mask & (1 << i) || mask & (1 << j)) continue;
        let size = 0;
        for (let f = 0; f < M; f++) if (mask & (1 << f)) size++;
        const w = (fact(size) * fact(M - size - 2)) / (2 * fact(M - 1));
        const a = v(mask | (1 << i) | (1 << j));
        const b = v(mask | (1 << i));
        const c = v(mask | (1 << j));
        const d = v(mask);
        for (let k = 0; k < K; k++) out[i][j][k] += w * (a[k] - b[k] - c[k] + d[k]);
      }
    }
  for (let i = 0; i < M; i++)
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < M; j++) if (j !== i) s += out[i][j][k];
      out[i][i][k] = phi[i][k] - s;
    }
  return out;
}

describe('SHAP interaction values', () => {
  test('equal to the brute-force Shapley interaction index on 400 random trees, for the chosen pairs only', () => {
    const random = seededRandom(14);
    for (let t = 0; t < 400; t++) {
      const M = 2 + Math.floor(random() * 7);
      const depth = 1 + Math.floor(random() * 7);
      const K = 1 + Math.floor(random() * 2);
      const { tree } = randomTree(20000 + t, { features: M, maxDepth: depth, rows: 60, outputs: K, missing: 0.15 });
      const row = randomData(random, 1, M, 0.2)[0];
      const value = (mask: number) => pathValue(tree, row, mask);
      const phiBrute = bruteShapley(M, K, value);
      const expected = bruteInteractions(M, K, value, phiBrute);
      const chosen = Array.from({ length: M }, (_, f) => f).filter((f) => f % 2 === 0 || M < 4);
      const out = new Float64Array(M * chosen.length * K);
      addInteractions(tree, row, chosen, M, out);
      const phi = new Float64Array(M * K);
      addPathShap(tree, row, phi);
      diagonal(out, phi, chosen, M, K);
      for (let i = 0; i < M; i++)
        chosen.forEach((j, c) => {
          for (let k = 0; k < K; k++)
            close(out[(i * chosen.length + c) * K + k], expected[i][j][k], `tree ${t} Φ[${i}][${j}]`);
        });
    }
  });
});
