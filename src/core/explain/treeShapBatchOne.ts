// The batch walk of treeShapBatch.ts specialised for one-output trees (boosting, regression
// forests), the common case, with the per-node work taken out of the per-row loops:
//   - a node's path is the same for every row, so whether its feature was split on above and
//     whether it is split on again below are per-node facts (the second computed once per tree):
//     the bookkeeping for repeated features (a deeper split on the same feature claims its
//     share) runs only where a feature repeats;
//   - a row enters a child in one of three states (o before, o after) = (0,0), (1,0), (1,1):
//     per child and state the factors are computed once per batch (ratio of the new path factor
//     to the old; for a leaf, the leaf value times the ratio and the leaf's weight for φ);
//   - one output: no loop over outputs.
// The same sums as the generic walk, to rounding.
import { treeDepth, type ShapTree } from './shapTree';
import { distinctDepth, ruleFor } from './treeShapFast';

const DEPTHS = new WeakMap<ShapTree, number>();
/** The tree's depth, computed once per tree object. */
export function cachedDepth(tree: ShapTree): number {
  let d = DEPTHS.get(tree);
  if (d === undefined) DEPTHS.set(tree, (d = treeDepth(tree)));
  return d;
}

const REPEATS = new WeakMap<ShapTree, Uint8Array>();
/** Per node: 1 when its split feature is split on again somewhere below it. */
export function repeatsBelow(tree: ShapTree): Uint8Array {
  let flags = REPEATS.get(tree);
  if (flags) return flags;
  flags = new Uint8Array(tree.feature.length);
  const { feature, left, right } = tree;
  // Per node, the features in its subtree, as a sorted list (trees are shallow enough).
  const below = (node: number): Set<number> => {
    if (feature[node] < 0) return new Set();
    const l = below(left[node]);
    const r = below(right[node]);
    for (const f of r) l.add(f);
    if (l.has(feature[node])) flags![node] = 1;
    l.add(feature[node]);
    return l;
  };
  below(tree.root ?? 0);
  REPEATS.set(tree, flags);
  return flags;
}

export class BatchOneScratch {
  readonly product: Float64Array;
  readonly below: Float64Array;
  readonly saved: Float64Array;
  readonly claimed: Float64Array;
  readonly one: Uint8Array;
  readonly oneSaved: Uint8Array;
  /** Per level and row: the state a row enters the left and the right child in (2·oBefore + o). */
  readonly state: Uint8Array;
  readonly zero: Float64Array;
  readonly present: Uint8Array;
  /** Per level: 4·Q ratios (Q of them free: 1 / the old factor for o = 0), 4·Q leaf values × ratio, 4·Q leaf weights, 2·Q inner weights, Q for 1 / the old factor for o = 1. */
  readonly coef: Float64Array;
  readonly Q: number;

  constructor(
    readonly features: number,
    maxDepth: number,
    readonly rows: number,
  ) {
    const Q = (this.Q = Math.max(1, Math.ceil((maxDepth + 1) / 2)));
    const levels = maxDepth + 2;
    this.product = new Float64Array(levels * rows * Q);
    this.below = new Float64Array(levels * rows * Q);
    this.saved = new Float64Array(levels * rows * Q);
    this.claimed = new Float64Array(features * rows * Q);
    this.one = new Uint8Array(features * rows);
    this.oneSaved = new Uint8Array(levels * rows);
    this.state = new Uint8Array(levels * 2 * rows);
    this.zero = new Float64Array(features);
    this.present = new Uint8Array(features);
    this.coef = new Float64Array(levels * 15 * Q);
  }
}

/**
 * Adds the path-dependent SHAP values of `R` rows (row-major, `features` each) for a one-output
 * tree without zero covers to `phi` (row r, feature f at r·features + f).
 */
export function addBatchPathShapOne(
  tree: ShapTree,
  rows: Float64Array,
  R: number,
  features: number,
  phi: Float64Array,
  s: BatchOneScratch,
): void {
  const { points, oneMinus, weights } = ruleFor(distinctDepth(tree));
  const Q = points.length;
  const RQ = R * Q;
  const { product, below, saved, claimed, one, oneSaved, state, zero, present, coef } = s;
  const { feature, left, right, cover, values, threshold, missingLeft } = tree;
  const repeats = repeatsBelow(tree);
  const C = 15 * Q;

  const recurse = (node: number, level: number): void => {
    const at = level * RQ;
    const split = feature[node];
    const t = threshold[node];
    const nanLeft = missingLeft[node] === 1;
    const had = present[split] === 1;
    const rep = repeats[node] === 1;
    const hAt = level * R;
    const sAt = 2 * hAt;
    const oAt = split * R;
    for (let r = 0; r < R; r++) {
      const v = rows[r * features + split];
      const goesLeft = v !== v ? nanLeft : v <= t;
      const oBefore = had ? one[oAt + r] : 1;
      if (had) oneSaved[hAt + r] = oBefore;
      const base = oBefore * 2;
      state[sAt + r] = goesLeft ? base + oBefore : base;
      state[sAt + R + r] = goesLeft ? base : base + oBefore;
    }
    const zBefore = had ? zero[split] : 1;
    const cAt = split * RQ;
    if (had && rep) for (let j = 0; j < RQ; j++) saved[at + j] = claimed[cAt + j];
    below.fill(0, at, at + RQ);
    const next = at + RQ;
    const k = level * C;
    // coef[k + state·Q + q]: ratio; [k + 4Q + state·Q + q]: leaf v·ratio; [k + 8Q + …]: leaf weight;
    // [k + 12Q + o·Q + q]: inner weight.
    // 1 / the factor the feature had on the path above, for o = 0 and 1 (1 when it had none).
    const i0At = k + Q;
    const i1At = k + 14 * Q;
    for (let q = 0; q < Q; q++) {
      const old0 = oneMinus[q] * zBefore;
      coef[i0At + q] = had ? 1 / old0 : 1;
      coef[i1At + q] = had ? 1 / (old0 + points[q]) : 1;
    }
    for (let side = 0; side < 2; side++) {
      const child = side === 0 ? left[node] : right[node];
      const z = (zBefore * cover[child]) / cover[node];
      const isLeaf = feature[child] < 0;
      const v = isLeaf ? values[child] : 0;
      for (let q = 0; q < Q; q++) {
        const f0 = oneMinus[q] * z;
        const f1 = f0 + points[q];
        const inv0 = coef[i0At + q];
        const inv1 = coef[i1At + q];
        coef[k + q] = f0 * inv0;
        coef[k + 2 * Q + q] = f0 * inv1;
        coef[k + 3 * Q + q] = f1 * inv1;
        if (isLeaf) {
          coef[k + 4 * Q + q] = coef[k + q] * v;
          coef[k + 6 * Q + q] = coef[k + 2 * Q + q] * v;
          coef[k + 7 * Q + q] = coef[k + 3 * Q + q] * v;
          // φ gets weight · (o − z) · (path product without this feature's factor) · v
          const wv = weights[q] * v;
          coef[k + 8 * Q + q] = -z * wv * inv0;
          coef[k + 10 * Q + q] = -z * wv * inv1;
          coef[k + 11 * Q + q] = (1 - z) * wv * inv1;
        } else {
          // weight · (o − z) / (the new factor): for o = 0, −z / ((1 − t)·z) = −1 / (1 − t)
          coef[k + 12 * Q + q] = -weights[q] / oneMinus[q];
          coef[k + 13 * Q + q] = (weights[q] * (1 - z)) / f1;
        }
      }
      const stAt = sAt + side * R;
      if (isLeaf) {
        for (let r = 0; r < R; r++) {
          const st = state[stAt + r];
          const ra = k + 4 * Q + st * Q;
          const wa = k + 8 * Q + st * Q;
          const rq = r * Q;
          let acc = 0;
          for (let q = 0; q < Q; q++) {
            const p = product[at + rq + q];
            acc += p * coef[wa + q];
            below[at + rq + q] += p * coef[ra + q];
          }
          phi[r * features + split] += acc;
        }
        continue;
      }
      for (let r = 0; r < R; r++) {
        const st = state[stAt + r];
        const ra = k + st * Q;
        const rq = r * Q;
        for (let q = 0; q < Q; q++) product[next + rq + q] = product[at + rq + q] * coef[ra + q];
        one[oAt + r] = st & 1;
      }
      zero[split] = z;
      present[split] = 1;
      if (rep) claimed.fill(0, cAt, cAt + RQ);
      recurse(child, level + 1);
      for (let r = 0; r < R; r++) {
        const wa = k + 12 * Q + (state[stAt + r] & 1) * Q;
        const rq = r * Q;
        let acc = 0;
        if (rep)
          for (let q = 0; q < Q; q++) {
            const b = below[next + rq + q];
            acc += coef[wa + q] * (b - claimed[cAt + rq + q]);
            below[at + rq + q] += b;
          }
        else
          for (let q = 0; q < Q; q++) {
            const b = below[next + rq + q];
            acc += coef[wa + q] * b;
            below[at + rq + q] += b;
          }
        phi[r * features + split] += acc;
      }
    }
    zero[split] = zBefore;
    present[split] = had ? 1 : 0;
    if (had) {
      for (let r = 0; r < R; r++) one[oAt + r] = oneSaved[hAt + r];
      // For the split on this feature above, this whole subtree is claimed.
      if (rep) for (let j = 0; j < RQ; j++) claimed[cAt + j] = saved[at + j] + below[at + j];
      else for (let j = 0; j < RQ; j++) claimed[cAt + j] += below[at + j];
    }
  };
  const root = tree.root ?? 0;
  if (feature[root] < 0) return;
  product.fill(1, 0, RQ);
  recurse(root, 0);
}
