// Exact Shapley values by brute force over all 2^M coalitions: the reference the tree explainers
// are held to. Each value function is computed from its definition, independently of the
// explainers' recursions: path-dependent — the expected output with the features of S fixed to
// the row and the others split by cover; interventional — the mean output over the background
// of the hybrid rows (x on S, the background row elsewhere).
import { childFor, leafOf, type ShapTree } from '../../../src/core/explain/shapTree';

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Shapley values φ[f][k] of a value function over M features (bitmask coalitions). */
export function bruteShapley(M: number, outputs: number, value: (mask: number) => Float64Array): number[][] {
  const cache = new Map<number, Float64Array>();
  const v = (mask: number) => {
    let out = cache.get(mask);
    if (!out) cache.set(mask, (out = value(mask)));
    return out;
  };
  const phi = Array.from({ length: M }, () => new Array<number>(outputs).fill(0));
  for (let mask = 0; mask < 1 << M; mask++) {
    let size = 0;
    for (let f = 0; f < M; f++) if (mask & (1 << f)) size++;
    const w = (factorial(size) * factorial(M - size - 1)) / factorial(M);
    for (let f = 0; f < M; f++) {
      if (mask & (1 << f)) continue;
      const withF = v(mask | (1 << f));
      const without = v(mask);
      for (let k = 0; k < outputs; k++) phi[f][k] += w * (withF[k] - without[k]);
    }
  }
  return phi;
}

/** E[f(x) | x_S] with the features outside S following the covers. */
export function pathValue(tree: ShapTree, row: ArrayLike<number>, mask: number): Float64Array {
  const out = new Float64Array(tree.nOutputs);
  const walk = (node: number, share: number) => {
    const f = tree.feature[node];
    if (f < 0) {
      for (let k = 0; k < tree.nOutputs; k++) out[k] += share * tree.values[node * tree.nOutputs + k];
      return;
    }
    if (mask & (1 << f)) return walk(childFor(tree, node, row[f]), share);
    const l = tree.left[node];
    const r = tree.right[node];
    walk(l, (share * tree.cover[l]) / tree.cover[node]);
    walk(r, (share * tree.cover[r]) / tree.cover[node]);
  };
  walk(tree.root ?? 0, 1);
  return out;
}

/** Mean output over the background of the rows taking x's values on S. */
export function interventionalValue(
  tree: ShapTree,
  x: ArrayLike<number>,
  background: ArrayLike<number>[],
  mask: number,
): Float64Array {
  const out = new Float64Array(tree.nOutputs);
  const hybrid = new Float64Array(x.length);
  for (const z of background) {
    for (let f = 0; f < x.length; f++) hybrid[f] = mask & (1 << f) ? x[f] : z[f];
    const leaf = leafOf(tree, hybrid);
    for (let k = 0; k < tree.nOutputs; k++) out[k] += tree.values[leaf * tree.nOutputs + k] / background.length;
  }
  return out;
}
