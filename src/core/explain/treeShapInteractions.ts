// SHAP interaction values, path-dependent (Lundberg et al. 2020, "From local explanations to
// global understanding with explainable AI for trees"): Φ_ij for i ≠ j is half the difference of
// feature i's SHAP value with j always present and with j always absent,
//   Φ_ij = (φ_i | j in S − φ_i | j not in S) / 2,
// and Φ_ii = φ_i − Σ_{j ≠ i} Φ_ij, so each row's matrix sums to φ_i along a row and to
// output − base in all. Conditioning is Algorithm 2's own (addPathShap's `condition`).
// Only the pairs of chosen features are computed (two walks per chosen feature), never rows × M².
import { treeDepth, type ShapTree } from './shapTree';
import { addPathShap, PathScratch } from './treeShapPath';

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
    addPathShap(tree, row, on, scratch, { feature: j, on: true });
    addPathShap(tree, row, off, scratch, { feature: j, on: false });
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
