// SHAP interaction values, path-dependent (Lundberg et al. 2020, "From local explanations to
// global understanding with explainable AI for trees"): Φ_ij for i ≠ j is half the difference of
// feature i's SHAP value with j always present and with j always absent,
//   Φ_ij = (φ_i | j in S − φ_i | j not in S) / 2,
// and Φ_ii = φ_i − Σ_{j ≠ i} Φ_ij, so each row's matrix sums to φ_i along a row and to
// output − base in all. Conditioning is Algorithm 2 with the conditioned feature kept out of the
// path: at its splits the walk follows only the row's branch (present) or both by cover (absent).
// Only the pairs of chosen features are computed (two walks per chosen feature), never rows × M².
import { treeDepth, type ShapTree } from './shapTree';
import { PathScratch, extendPath, unwindPath, unwoundPathSum } from './treeShapPath';

/** Adds φ of `row` for `tree` with feature `condition` always present (on) or absent to `phi`. */
export function addConditionedShap(
  tree: ShapTree,
  row: ArrayLike<number>,
  phi: Float64Array,
  condition: number,
  on: boolean,
  scratch: PathScratch = new PathScratch(treeDepth(tree)),
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
    if (level > 0) {
      scratch.feature.copyWithin(at, from, from + fromLength);
      scratch.zero.copyWithin(at, from, from + fromLength);
      scratch.one.copyWithin(at, from, from + fromLength);
      scratch.weight.copyWithin(at, from, from + fromLength);
    }
    // The conditioned feature never joins the path (feature −2 marks "do not extend").
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
    if (split === condition) {
      if (on) recurse(hot, at, length, 1, 1, -2, level + 1, fraction);
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

/**
 * Interaction values of one row for the chosen features (indices), for one tree: Φ as a
 * features × chosen × outputs array (Φ_ij at (i·chosen + c)·K + k, j = chosen[c]); the diagonal
 * entries (i = j) need the row's φ, added by `diagonal` afterwards.
 */
export function addInteractions(
  tree: ShapTree,
  row: ArrayLike<number>,
  chosen: readonly number[],
  features: number,
  out: Float64Array,
  scratch: PathScratch = new PathScratch(treeDepth(tree)),
): void {
  const K = tree.nOutputs;
  const on = new Float64Array(features * K);
  const off = new Float64Array(features * K);
  chosen.forEach((j, c) => {
    on.fill(0);
    off.fill(0);
    addConditionedShap(tree, row, on, j, true, scratch);
    addConditionedShap(tree, row, off, j, false, scratch);
    for (let i = 0; i < features; i++) {
      if (i === j) continue;
      for (let k = 0; k < K; k++) out[(i * chosen.length + c) * K + k] += (on[i * K + k] - off[i * K + k]) / 2;
    }
  });
}

/** Fills Φ_jj = φ_j − Σ_{i ≠ j} Φ_ij for each chosen j (phi: features × K of the same row). */
export function diagonal(
  out: Float64Array,
  phi: Float64Array,
  chosen: readonly number[],
  features: number,
  K: number,
): void {
  chosen.forEach((j, c) => {
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let i = 0; i < features; i++) if (i !== j) sum += out[(i * chosen.length + c) * K + k];
      out[(j * chosen.length + c) * K + k] = phi[j * K + k] - sum;
    }
  });
}
