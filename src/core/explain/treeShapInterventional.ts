// Interventional TreeSHAP: exact Shapley values of a row x for one tree against a background
// row z, where the value of a coalition S is the tree's output on the hybrid row that takes x's
// values for S and z's for the rest; averaged over a background sample this is SHAP's
// "interventional" explanation. One walk of the tree per (x, z) pair: where x and z go the same
// way the feature does not matter; where they part, the walk follows both, committing the
// feature to x's side or z's. A leaf reached with the features X committed to x and Z to z is
// the hybrid's output exactly for the coalitions S ⊇ X with S ∩ Z = ∅, which gives each feature
// of X the weight (|X|−1)!·|Z|!/(|X|+|Z|)! and each of Z minus |X|!·(|Z|−1)!/(|X|+|Z|)!.
import { childFor, leafOf, treeDepth, type ShapTree } from './shapTree';

/** weights[a][b] = a!·b!/(a+b+1)!, the share of one feature among a + b + 1 committed ones. */
export function coalitionWeights(maxFeatures: number): Float64Array[] {
  const table: Float64Array[] = [];
  for (let a = 0; a <= maxFeatures; a++) {
    const row = new Float64Array(maxFeatures + 1);
    for (let b = 0; a + b <= maxFeatures; b++) {
      // a!·b!/(a+b+1)! = 1 / ((a+b+1) · C(a+b, a))
      let choose = 1;
      for (let i = 1; i <= a; i++) choose = (choose * (b + i)) / i;
      row[b] = 1 / ((a + b + 1) * choose);
    }
    table.push(row);
  }
  return table;
}

export class InterventionalScratch {
  /** Per feature: 0 free, 1 committed to x, 2 committed to z. */
  readonly side: Uint8Array;
  readonly committed: Int32Array;
  readonly weights: Float64Array[];

  constructor(features: number, maxDepth: number) {
    this.side = new Uint8Array(features);
    this.committed = new Int32Array(maxDepth + 1);
    this.weights = coalitionWeights(maxDepth + 1);
  }
}

/**
 * Adds `scale` × the SHAP values of row `x` against background row `z` for `tree` to `phi`
 * (feature-major, f·nOutputs + k). Σ over features = scale · (output(x) − output(z)).
 */
export function addInterventionalShap(
  tree: ShapTree,
  x: ArrayLike<number>,
  z: ArrayLike<number>,
  phi: Float64Array,
  scale: number,
  scratch: InterventionalScratch = new InterventionalScratch(Math.max(x.length, 1), treeDepth(tree)),
): void {
  const { nOutputs, values } = tree;
  const { side, committed, weights } = scratch;
  let nx = 0;
  let nz = 0;
  let count = 0;
  const recurse = (node: number) => {
    const feature = tree.feature[node];
    if (feature < 0) {
      if (count === 0) return;
      const toX = nx > 0 ? scale * weights[nx - 1][nz] : 0;
      const toZ = nz > 0 ? scale * weights[nx][nz - 1] : 0;
      for (let c = 0; c < count; c++) {
        const f = committed[c];
        const w = side[f] === 1 ? toX : -toZ;
        for (let k = 0; k < nOutputs; k++) phi[f * nOutputs + k] += w * values[node * nOutputs + k];
      }
      return;
    }
    if (side[feature] === 1) return recurse(childFor(tree, node, x[feature]));
    if (side[feature] === 2) return recurse(childFor(tree, node, z[feature]));
    const xChild = childFor(tree, node, x[feature]);
    const zChild = childFor(tree, node, z[feature]);
    if (xChild === zChild) return recurse(xChild);
    committed[count++] = feature;
    side[feature] = 1;
    nx++;
    recurse(xChild);
    side[feature] = 2;
    nx--;
    nz++;
    recurse(zChild);
    side[feature] = 0;
    nz--;
    count--;
  };
  recurse(tree.root ?? 0);
}

/** The tree's output on a row, per output (added to `out` × scale). */
export function addOutput(tree: ShapTree, row: ArrayLike<number>, out: Float64Array, scale = 1): void {
  const leaf = leafOf(tree, row);
  for (let k = 0; k < tree.nOutputs; k++) out[k] += scale * tree.values[leaf * tree.nOutputs + k];
}
