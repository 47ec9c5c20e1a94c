// A fitted tree in flat typed arrays (preorder; a node's left child is the next node), its
// prediction on raw feature values, and its compact JSON form. Thresholds are real numbers (the
// bin edges the split was found on), so predicting needs no binning: x ≤ threshold goes left,
// NaN goes to the side learned at fit time.
import type { Matrix } from '../../matrix';
import { ModelFormatError } from '../estimator';
import type { GrownTree } from './grow';

export interface FlatTree {
  nodeCount: number;
  /** Split feature, -1 for a leaf. */
  feature: Int32Array;
  threshold: Float64Array;
  thresholdBin: Uint8Array;
  missingLeft: Uint8Array;
  /** Left child; for a leaf, the leaf's index into leafValues. */
  left: Int32Array;
  right: Int32Array;
  nLeaves: number;
  nOutputs: number;
  leafValues: Float64Array;
  depth: number;
}

/** Saved form: preorder features (-1 = leaf), split codes (bin·2 + missing-goes-left) and leaf values. */
export interface SerializedTree {
  f: number[];
  b: number[];
  v: number[];
}

function thresholdFor(edges: Float64Array, bin: number): number {
  // The last bin has no upper edge: "every non-missing value goes left".
  return bin < edges.length ? edges[bin] : Number.POSITIVE_INFINITY;
}

export function flatTreeFrom(grown: GrownTree, edges: Float64Array[]): FlatTree {
  const threshold = new Float64Array(grown.nodeCount);
  for (let i = 0; i < grown.nodeCount; i++) {
    const f = grown.feature[i];
    if (f >= 0) threshold[i] = thresholdFor(edges[f], grown.thresholdBin[i]);
  }
  return {
    nodeCount: grown.nodeCount,
    feature: grown.feature,
    threshold,
    thresholdBin: grown.thresholdBin,
    missingLeft: grown.missingLeft,
    left: grown.left,
    right: grown.right,
    nLeaves: grown.nLeaves,
    nOutputs: grown.nOutputs,
    leafValues: grown.leafValues,
    depth: grown.depth,
  };
}

/** X's values row-major (row i's features at i·cols ..): a row's traversal then reads one place. */
export function rowMajorValues(X: Matrix): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const base = j * rows;
    for (let i = 0; i < rows; i++) out[i * cols + j] = data[base + i];
  }
  return out;
}

/**
 * Adds `scale` × the leaf values each row reaches to `out` (row-major rows × nOutputs); `values`
 * is the data row-major (rowMajorValues), `cols` its row length.
 */
export function accumulateLeafValues(
  tree: FlatTree,
  values: Float64Array,
  rows: number,
  cols: number,
  out: Float64Array,
  scale: number,
): void {
  const { feature, threshold, missingLeft, left, right, leafValues, nOutputs } = tree;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      const x = values[base + f];
      if (x <= threshold[node]) node = left[node];
      else if (x !== x && missingLeft[node] === 1) node = left[node];
      else node = right[node];
      f = feature[node];
    }
    const leaf = left[node] * nOutputs;
    const o = i * nOutputs;
    for (let k = 0; k < nOutputs; k++) out[o + k] += scale * leafValues[leaf + k];
  }
}

export function serializeTree(tree: FlatTree): SerializedTree {
  const f = Array.from(tree.feature);
  const b = new Array<number>(tree.nodeCount);
  for (let i = 0; i < tree.nodeCount; i++)
    b[i] = tree.feature[i] >= 0 ? tree.thresholdBin[i] * 2 + tree.missingLeft[i] : 0;
  return { f, b, v: Array.from(tree.leafValues) };
}

function isIntArray(a: unknown): a is number[] {
  return Array.isArray(a) && a.every((x) => Number.isInteger(x));
}

/** Rebuilds a tree from its saved form, checking that the structure is whole. */
export function deserializeTree(saved: SerializedTree, edges: Float64Array[], nOutputs: number): FlatTree {
  const bad = (why: string): never => {
    throw new ModelFormatError(`The saved tree is damaged: ${why}.`);
  };
  if (!saved || !isIntArray(saved.f) || !isIntArray(saved.b) || !Array.isArray(saved.v)) bad('missing node arrays');
  const n = saved.f.length;
  if (n === 0 || saved.b.length !== n) bad('node arrays of different lengths');
  const feature = Int32Array.from(saved.f);
  const thresholdBin = new Uint8Array(n);
  const missingLeft = new Uint8Array(n);
  const threshold = new Float64Array(n);
  const left = new Int32Array(n);
  const right = new Int32Array(n).fill(-1);
  const nodeDepth = new Int32Array(n);
  const pending: number[] = [];
  let leaves = 0;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      let parent: number | undefined = i - 1;
      if (feature[i - 1] >= 0) left[i - 1] = i;
      else {
        parent = pending.pop();
        if (parent === undefined) bad('nodes after the last leaf');
        right[parent!] = i;
      }
      nodeDepth[i] = nodeDepth[parent!] + 1;
      depth = Math.max(depth, nodeDepth[i]);
    }
    const f = feature[i];
    if (f >= 0) {
      if (f >= edges.length) bad(`feature ${f} out of range`);
      const code = saved.b[i];
      if (code < 0 || code > 511) bad(`split code ${code} out of range`);
      thresholdBin[i] = code >> 1;
      missingLeft[i] = code & 1;
      threshold[i] = thresholdFor(edges[f], thresholdBin[i]);
      pending.push(i);
    } else {
      if (f !== -1) bad(`feature ${f} out of range`);
      left[i] = leaves++;
    }
  }
  if (pending.length > 0) bad('splits without a right child');
  if (saved.v.length !== leaves * nOutputs || !saved.v.every((x) => typeof x === 'number' && Number.isFinite(x)))
    bad('leaf values do not match the leaves');
  return {
    nodeCount: n,
    feature,
    threshold,
    thresholdBin,
    missingLeft,
    left,
    right,
    nLeaves: leaves,
    nOutputs,
    leafValues: Float64Array.from(saved.v),
    depth,
  };
}

/** Importances normalised like scikit-learn's: divided by their sum (all zero for a single leaf). */
export function normalise(importance: Float64Array): Float64Array {
  let total = 0;
  for (let j = 0; j < importance.length; j++) total += importance[j];
  const out = new Float64Array(importance.length);
  if (total > 0) for (let j = 0; j < importance.length; j++) out[j] = importance[j] / total;
  return out;
}
