// The quadrature TreeSHAP of treeShapFast.ts for a batch of rows at once: path-dependent
// TreeSHAP visits every node of a tree whatever the row, so walking the tree once for R rows
// reads each node once per batch and turns the per-node work into tight loops over rows and
// quadrature points. The factors a split contributes depend on the row only through whether it
// follows the split (o ∈ {0, 1}), so each node's two factors, the two it replaces and their
// ratios are computed once per node for the whole batch. Trees with a node no training row
// reached (cover 0) are left to the one-row version, which skips such branches.
import type { ShapTree } from './shapTree';
import { cachedDepth } from './treeShapBatchOne';
import { distinctDepth, ruleFor } from './treeShapFast';

export const BATCH_ROWS = 32;

export class BatchScratch {
  readonly product: Float64Array;
  readonly below: Float64Array;
  readonly saved: Float64Array;
  readonly claimed: Float64Array;
  readonly one: Uint8Array;
  readonly oneSaved: Uint8Array;
  readonly hotLeft: Uint8Array;
  readonly zero: Float64Array;
  readonly present: Uint8Array;

  constructor(
    readonly features: number,
    maxDepth: number,
    readonly outputs: number,
    readonly rows = BATCH_ROWS,
  ) {
    const Q = Math.max(1, Math.ceil((maxDepth + 1) / 2));
    const levels = maxDepth + 2;
    this.product = new Float64Array(levels * rows * Q);
    this.below = new Float64Array(levels * rows * Q * outputs);
    this.saved = new Float64Array(levels * rows * Q * outputs);
    this.claimed = new Float64Array(features * rows * Q * outputs);
    this.one = new Uint8Array(features * rows);
    this.oneSaved = new Uint8Array(levels * rows);
    this.hotLeft = new Uint8Array(levels * rows);
    this.zero = new Float64Array(features);
    this.present = new Uint8Array(features);
  }
}

const ZERO_COVER = new WeakMap<ShapTree, boolean>();
/** Whether some node of the tree has no cover (then the one-row version handles it). */
export function hasZeroCover(tree: ShapTree): boolean {
  let flag = ZERO_COVER.get(tree);
  if (flag === undefined) {
    flag = false;
    const stack = [tree.root ?? 0];
    while (stack.length > 0 && !flag) {
      const n = stack.pop()!;
      if (tree.cover[n] <= 0) flag = true;
      else if (tree.feature[n] >= 0) stack.push(tree.left[n], tree.right[n]);
    }
    ZERO_COVER.set(tree, flag);
  }
  return flag;
}

/**
 * Adds the path-dependent SHAP values of `R` rows (row-major, `features` each, starting at
 * `rows[0]`) for `tree` to `phi` (row r, feature f, tree output k at (r·features + f)·K + k).
 * The tree must have no zero cover (hasZeroCover); `s` sized for its depth, outputs and R.
 */
export function addBatchPathShap(
  tree: ShapTree,
  rows: Float64Array,
  R: number,
  features: number,
  phi: Float64Array,
  s: BatchScratch,
): void {
  const K = tree.nOutputs;
  const { points, oneMinus, weights } = ruleFor(distinctDepth(tree));
  const Q = points.length;
  const RQ = R * Q;
  const block = RQ * K;
  const { product, below, saved, claimed, one, oneSaved, hotLeft, zero, present } = s;
  const { feature, left, right, cover, values, threshold, missingLeft } = tree;
  // Per level (a child's recursion must not overwrite its parent's), per point: the new factor
  // for o = 0 and 1: its inverse, and its ratio to the old one for oBefore = 0 and 1.
  const levels = cachedDepth(tree) + 2;
  const inverseAll = new Float64Array(levels * 2 * Q);
  const ratioAll = new Float64Array(levels * 4 * Q);

  const recurse = (node: number, level: number): void => {
    const at = level * block;
    const pAt = level * RQ;
    const split = feature[node];
    const t = threshold[node];
    const nanLeft = missingLeft[node] === 1;
    const hAt = level * R;
    for (let r = 0; r < R; r++) {
      const v = rows[r * features + split];
      hotLeft[hAt + r] = (v !== v ? nanLeft : v <= t) ? 1 : 0;
      oneSaved[hAt + r] = one[split * R + r];
    }
    const had = present[split] === 1;
    const zBefore = had ? zero[split] : 1;
    const cAt = split * block;
    for (let j = 0; j < block; j++) {
      saved[at + j] = claimed[cAt + j];
      below[at + j] = 0;
    }
    const next = (level + 1) * block;
    const nextP = (level + 1) * RQ;
    const inverse = inverseAll.subarray(level * 2 * Q, (level + 1) * 2 * Q);
    const ratio = ratioAll.subarray(level * 4 * Q, (level + 1) * 4 * Q);
    for (let side = 0; side < 2; side++) {
      const child = side === 0 ? left[node] : right[node];
      const z = (zBefore * cover[child]) / cover[node];
      for (let q = 0; q < Q; q++) {
        const f0 = oneMinus[q] * z;
        const f1 = f0 + points[q];
        inverse[q] = 1 / f0;
        inverse[Q + q] = 1 / f1;
        // ratio[(oBefore·2 + o)·Q + q] = new factor / old factor
        const old0 = had ? oneMinus[q] * zBefore : 1;
        const old1 = had ? old0 + points[q] : 1;
        ratio[q] = f0 / old0;
        ratio[Q + q] = f1 / old0;
        ratio[2 * Q + q] = f0 / old1;
        ratio[3 * Q + q] = f1 / old1;
      }
      const isLeaf = feature[child] < 0;
      for (let r = 0; r < R; r++) {
        const oBefore = had ? oneSaved[hAt + r] : 1;
        const follows = (hotLeft[hAt + r] === 1) === (side === 0);
        const o = follows ? oBefore : 0;
        const scale = o - z;
        const rAt = r * Q;
        const rk = (r * features + split) * K;
        const rat = (oBefore * 2 + o) * Q;
        if (isLeaf) {
          for (let q = 0; q < Q; q++) {
            // p = the leaf's path product; rest = p without this feature's factor.
            const p = product[pAt + rAt + q] * ratio[rat + q];
            const rest = p * inverse[o * Q + q];
            const w = weights[q] * scale * rest;
            for (let k = 0; k < K; k++) {
              const v = values[child * K + k];
              phi[rk + k] += w * v;
              below[at + (rAt + q) * K + k] += p * v;
            }
          }
        } else {
          for (let q = 0; q < Q; q++) product[nextP + rAt + q] = product[pAt + rAt + q] * ratio[rat + q];
          one[split * R + r] = o;
        }
      }
      if (isLeaf) continue;
      zero[split] = z;
      present[split] = 1;
      for (let j = 0; j < block; j++) claimed[cAt + j] = 0;
      recurse(child, level + 1);
      for (let r = 0; r < R; r++) {
        const oBefore = had ? oneSaved[hAt + r] : 1;
        const o = (hotLeft[hAt + r] === 1) === (side === 0) ? oBefore : 0;
        const scale = o - z;
        const rk = (r * features + split) * K;
        for (let q = 0; q < Q; q++) {
          const w = weights[q] * scale * inverse[o * Q + q];
          const base = (r * Q + q) * K;
          for (let k = 0; k < K; k++) {
            const b = below[next + base + k];
            phi[rk + k] += w * (b - claimed[cAt + base + k]);
            below[at + base + k] += b;
          }
        }
      }
    }
    zero[split] = zBefore;
    present[split] = had ? 1 : 0;
    for (let r = 0; r < R; r++) one[split * R + r] = oneSaved[hAt + r];
    for (let j = 0; j < block; j++) claimed[cAt + j] = saved[at + j] + below[at + j];
  };
  const root = tree.root ?? 0;
  if (feature[root] < 0) return;
  for (let j = 0; j < RQ; j++) product[j] = 1;
  recurse(root, 0);
}
