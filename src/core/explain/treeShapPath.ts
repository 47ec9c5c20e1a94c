// Path-dependent TreeSHAP (Lundberg, Erion & Lee, "Consistent individualized feature attribution
// for tree ensembles", Algorithm 2): exact Shapley values of one row for one tree in
// O(leaves · depth²), where the value of a coalition S is the tree's expected output when the
// features in S are fixed to the row's values and the others follow the training data down the
// tree in proportion to the nodes' covers. Walking the tree, each path carries, for every feature
// split on so far, the fraction of coalitions-without-it that flow this way ("zero" fraction: its
// cover share) and whether the row itself flows this way ("one" fraction: 1 or 0), plus the
// permutation weights of every coalition size; a feature met again is first unwound from the
// path so it counts once.

import { coverMean, treeDepth, type ShapTree } from './shapTree';

/** Buffers for one tree depth, reused across rows. */
export class PathScratch {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;
  readonly stride: number;

  constructor(maxDepth: number) {
    // A path holds at most depth + 1 elements (the root's dummy and one per distinct feature).
    this.stride = maxDepth + 2;
    const size = this.stride * (maxDepth + 2);
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

/** Adds element (feature, zero, one) to the path at `at` of length `length`; returns the new length. */
export function extendPath(
  s: PathScratch,
  at: number,
  length: number,
  zero: number,
  one: number,
  feature: number,
): number {
  const { weight } = s;
  s.feature[at + length] = feature;
  s.zero[at + length] = zero;
  s.one[at + length] = one;
  weight[at + length] = length === 0 ? 1 : 0;
  for (let i = length - 1; i >= 0; i--) {
    weight[at + i + 1] += (one * weight[at + i] * (i + 1)) / (length + 1);
    weight[at + i] = (zero * weight[at + i] * (length - i)) / (length + 1);
  }
  return length + 1;
}

/** Removes element `index` from the path (undoing its extend); returns the new length. */
export function unwindPath(s: PathScratch, at: number, length: number, index: number): number {
  const { weight } = s;
  const l = length - 1;
  const one = s.one[at + index];
  const zero = s.zero[at + index];
  let next = weight[at + l];
  for (let j = l - 1; j >= 0; j--) {
    if (one !== 0) {
      const kept = weight[at + j];
      weight[at + j] = (next * (l + 1)) / ((j + 1) * one);
      next = kept - (weight[at + j] * zero * (l - j)) / (l + 1);
    } else {
      weight[at + j] = (weight[at + j] * (l + 1)) / (zero * (l - j));
    }
  }
  for (let j = index; j < l; j++) {
    s.feature[at + j] = s.feature[at + j + 1];
    s.zero[at + j] = s.zero[at + j + 1];
    s.one[at + j] = s.one[at + j + 1];
  }
  return l;
}

/** The sum of the path's weights with element `index` unwound, without changing the path. */
export function unwoundPathSum(s: PathScratch, at: number, length: number, index: number): number {
  const { weight } = s;
  const l = length - 1;
  const one = s.one[at + index];
  const zero = s.zero[at + index];
  let total = 0;
  if (one !== 0) {
    let next = weight[at + l];
    for (let j = l - 1; j >= 0; j--) {
      const w = (next * (l + 1)) / ((j + 1) * one);
      total += w;
      next = weight[at + j] - (w * zero * (l - j)) / (l + 1);
    }
  } else {
    for (let j = l - 1; j >= 0; j--) total += (weight[at + j] * (l + 1)) / (zero * (l - j));
  }
  return total;
}

/** A feature held always present (`on`) or always absent, kept out of the game (interaction values). */
export interface PathCondition {
  feature: number;
  on: boolean;
}

/**
 * Adds the row's SHAP values for `tree` to `phi` (feature-major: feature f, output k at
 * f·nOutputs + k). `row` holds the features by number. Σ phi = output(row) − coverMean(tree).
 * With a `condition`, its feature never joins the path: at its splits the walk follows only the
 * row's branch (present) or both by cover (absent), scaling what lies below by that share.
 */
export function addPathShap(
  tree: ShapTree,
  row: ArrayLike<number>,
  phi: Float64Array,
  scratch: PathScratch = new PathScratch(treeDepth(tree)),
  condition?: PathCondition,
): void {
  const { nOutputs, values, cover } = tree;
  const stride = scratch.stride;

  const recurse = (
    node: number,
    from: number,
    fromLength: number,
    zero: number,
    one: number,
    feature: number,
    level: number,
    fraction: number,
  ): void => {
    const at = level * stride;
    // The path so far, copied so the sibling branch still sees the parent's.
    if (level > 0) {
      scratch.feature.copyWithin(at, from, from + fromLength);
      scratch.zero.copyWithin(at, from, from + fromLength);
      scratch.one.copyWithin(at, from, from + fromLength);
      scratch.weight.copyWithin(at, from, from + fromLength);
    }
    // feature −2: the conditioned feature's split, which does not extend the path.
    let length = feature === -2 ? fromLength : extendPath(scratch, at, fromLength, zero, one, feature);
    const split = tree.feature[node];
    if (split < 0) {
      for (let i = 1; i < length; i++) {
        const w = fraction * unwoundPathSum(scratch, at, length, i) * (scratch.one[at + i] - scratch.zero[at + i]);
        const base = scratch.feature[at + i] * nOutputs;
        for (let k = 0; k < nOutputs; k++) phi[base + k] += w * values[node * nOutputs + k];
      }
      return;
    }
    const value = row[split];
    const goesLeft = Number.isNaN(value) ? tree.missingLeft[node] === 1 : value <= tree.threshold[node];
    const hot = goesLeft ? tree.left[node] : tree.right[node];
    const cold = goesLeft ? tree.right[node] : tree.left[node];
    if (condition && split === condition.feature) {
      if (condition.on) recurse(hot, at, length, 1, 1, -2, level + 1, fraction);
      else {
        recurse(hot, at, length, 1, 1, -2, level + 1, (fraction * cover[hot]) / cover[node]);
        recurse(cold, at, length, 1, 1, -2, level + 1, (fraction * cover[cold]) / cover[node]);
      }
      return;
    }
    let zeroBefore = 1;
    let oneBefore = 1;
    for (let i = 1; i < length; i++) {
      if (scratch.feature[at + i] !== split) continue;
      zeroBefore = scratch.zero[at + i];
      oneBefore = scratch.one[at + i];
      length = unwindPath(scratch, at, length, i);
      break;
    }
    const hotZero = (zeroBefore * cover[hot]) / cover[node];
    const coldZero = (zeroBefore * cover[cold]) / cover[node];
    if (hotZero !== 0 || oneBefore !== 0) recurse(hot, at, length, hotZero, oneBefore, split, level + 1, fraction);
    if (coldZero !== 0) recurse(cold, at, length, coldZero, 0, split, level + 1, fraction);
  };
  recurse(tree.root ?? 0, 0, 0, 1, 1, -1, 0, 1);
}

/** The path-dependent base value of a tree: its cover-weighted mean output. */
export const pathBaseValue = coverMean;
