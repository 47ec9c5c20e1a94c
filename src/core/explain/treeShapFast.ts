// Path-dependent TreeSHAP in O(nodes · depth) per row instead of Algorithm 2's
// O(leaves · depth²), by an integral form of the Shapley weights (the idea of Linear TreeShap,
// Yu et al. 2022). A leaf l's share of the value function is a product game over the distinct
// features on its path: v_l · Π_j (j ∈ S ? o_j : z_j), with z_j the product of the cover ratios
// of j's splits on the path and o_j = 1 when the row follows all of them, else 0. For such a
// game the Shapley weights Σ_k k!(d−1−k)!/d! · e_k integrate to
//     φ_i = v_l · (o_i − z_i) · ∫₀¹ Π_{j ≠ i} ((1 − t) z_j + t o_j) dt,
// a polynomial in t of degree < depth, so Gauss–Legendre with ⌈depth/2⌉ points is exact. Walking
// the tree top-down carries the product of the factors at each point; bottom-up, each node
// returns B(t) = Σ_{leaves below} v_l · Π(t); the edge a feature's last split on the path takes
// gets (o − z) · Σ_q w_q · B(t_q) / factor(t_q), where B counts only the leaves for which this split
// is the feature's deepest (deeper splits on the same feature claim theirs).
import { gaussLegendre01 } from './quadrature';
import { treeDepth, type ShapTree } from './shapTree';

export class FastScratch {
  /** The most quadrature points any tree it serves needs. */
  readonly Q: number;
  /** Per level: the path product at each point. */
  readonly product: Float64Array;
  /** Per level: B (points × outputs). */
  readonly below: Float64Array;
  /** Per level: the split feature's claimed sum saved on entry (points × outputs). */
  readonly saved: Float64Array;
  /** Per feature: what deeper splits on it have claimed (points × outputs). */
  readonly claimed: Float64Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly present: Uint8Array;
  readonly outputs: number;

  constructor(features: number, maxDepth: number, outputs: number) {
    this.Q = Math.max(1, Math.ceil((maxDepth + 1) / 2));
    this.outputs = outputs;
    const levels = maxDepth + 2;
    const block = this.Q * outputs;
    this.product = new Float64Array(levels * this.Q);
    this.below = new Float64Array(levels * block);
    this.saved = new Float64Array(levels * block);
    this.claimed = new Float64Array(features * block);
    this.zero = new Float64Array(features);
    this.one = new Float64Array(features);
    this.present = new Uint8Array(features);
  }
}

/** Quadrature rules by the number of points, built once. */
const RULES: Array<{ points: Float64Array; oneMinus: Float64Array; weights: Float64Array }> = [];
export function ruleFor(distinct: number) {
  // The integrand of a leaf on d distinct features has degree d − 1: ⌈d/2⌉ points.
  const n = Math.max(1, Math.ceil(distinct / 2));
  if (!RULES[n]) {
    const { points, weights } = gaussLegendre01(n);
    RULES[n] = { points, oneMinus: points.map((t) => 1 - t), weights };
  }
  return RULES[n];
}

/**
 * The most distinct features on a root-to-leaf path (the degree the quadrature must integrate is
 * one less), computed once per tree object: often well below the depth in boosting trees, which
 * split on the same feature again along a path.
 */
const DISTINCT = new WeakMap<ShapTree, number>();
export function distinctDepth(tree: ShapTree): number {
  let d = DISTINCT.get(tree);
  if (d !== undefined) return d;
  const { feature, left, right } = tree;
  const count = new Map<number, number>();
  let most = 0;
  const walk = (node: number, distinct: number): void => {
    const f = feature[node];
    if (f < 0) {
      most = Math.max(most, distinct);
      return;
    }
    const seen = count.get(f) ?? 0;
    count.set(f, seen + 1);
    const next = seen === 0 ? distinct + 1 : distinct;
    walk(left[node], next);
    walk(right[node], next);
    count.set(f, seen);
  };
  walk(tree.root ?? 0, 0);
  DISTINCT.set(tree, (d = most));
  return d;
}

/**
 * Adds the row's path-dependent SHAP values for `tree` to `phi` (feature-major, f·nOutputs + k).
 * `s` must be sized for at least the tree's depth and outputs and the row's features.
 */
export function addFastPathShap(
  tree: ShapTree,
  row: ArrayLike<number>,
  phi: Float64Array,
  s: FastScratch = new FastScratch(row.length, treeDepth(tree), tree.nOutputs),
): void {
  const K = tree.nOutputs;
  // The fewest points exact for this tree.
  const { points, oneMinus, weights } = ruleFor(distinctDepth(tree));
  const Q = points.length;
  const { product, below, saved, claimed, zero, one, present } = s;
  const block = Q * K;
  const { feature, left, right, cover, values, threshold, missingLeft } = tree;

  // Fills below[level] with B of the subtree at `node` (an inner node), whose path product is product[level].
  const recurse = (node: number, level: number): void => {
    const at = level * block;
    const pAt = level * Q;
    const split = feature[node];
    const value = row[split];
    const goesLeft = value !== value ? missingLeft[node] === 1 : value <= threshold[node];
    const hot = goesLeft ? left[node] : right[node];
    const had = present[split] === 1;
    const zBefore = had ? zero[split] : 1;
    const oBefore = had ? one[split] : 1;
    const cAt = split * block;
    for (let j = 0; j < block; j++) {
      saved[at + j] = claimed[cAt + j];
      below[at + j] = 0;
    }
    const next = (level + 1) * block;
    const nextP = (level + 1) * Q;
    for (let side = 0; side < 2; side++) {
      const child = side === 0 ? left[node] : right[node];
      const z = (zBefore * cover[child]) / cover[node];
      const o = child === hot ? oBefore : 0;
      if (z === 0 && o === 0) continue;
      const scale = o - z;
      if (feature[child] < 0) {
        // A leaf: B = product · v, and nothing deeper claims any of it.
        for (let q = 0; q < Q; q++) {
          const rest = had ? product[pAt + q] / (oneMinus[q] * zBefore + points[q] * oBefore) : product[pAt + q];
          const p = rest * (oneMinus[q] * z + points[q] * o);
          const w = weights[q] * scale * rest;
          for (let k = 0; k < K; k++) {
            const v = values[child * K + k];
            phi[split * K + k] += w * v;
            below[at + q * K + k] += p * v;
          }
        }
        continue;
      }
      for (let q = 0; q < Q; q++) {
        const old = had ? oneMinus[q] * zBefore + points[q] * oBefore : 1;
        product[nextP + q] = (product[pAt + q] / old) * (oneMinus[q] * z + points[q] * o);
      }
      zero[split] = z;
      one[split] = o;
      present[split] = 1;
      for (let j = 0; j < block; j++) claimed[cAt + j] = 0;
      recurse(child, level + 1);
      for (let q = 0; q < Q; q++) {
        const w = (weights[q] * scale) / (oneMinus[q] * z + points[q] * o);
        for (let k = 0; k < K; k++) {
          const b = below[next + q * K + k];
          phi[split * K + k] += w * (b - claimed[cAt + q * K + k]);
          below[at + q * K + k] += b;
        }
      }
    }
    zero[split] = zBefore;
    one[split] = oBefore;
    present[split] = had ? 1 : 0;
    // For the split on this feature above (if any), this whole subtree is claimed.
    for (let j = 0; j < block; j++) claimed[cAt + j] = saved[at + j] + below[at + j];
  };
  const root = tree.root ?? 0;
  if (feature[root] < 0) return; // a single leaf: every contribution is 0
  for (let q = 0; q < Q; q++) product[q] = 1;
  recurse(root, 0);
}
