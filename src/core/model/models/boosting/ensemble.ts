// The fitted trees of a boosting model in flat typed arrays (one entry per node, all trees
// concatenated, children as absolute node numbers), how they predict raw scores on raw features
// (threshold on the value, NaN → the learned side), and their compact JSON form (base64 arrays).
import type { BinMapper } from '../../binning';
import type { Matrix } from '../../matrix';
import { ModelFormatError } from '../estimator';
import type { GrownTree } from './grower';

export interface Ensemble {
  /** Trees per boosting round (1, or the number of classes). */
  nTrees: number;
  /** Starting raw score per tree of a round. */
  baseline: Float64Array;
  /** Node number of each tree's root, round-major (round r, class k → roots[r * nTrees + k]). */
  roots: Int32Array;
  /** Split feature, −1 for a leaf. */
  feature: Int32Array;
  /** Rows with value ≤ threshold go left (Infinity: every non-missing value left). */
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

/** Appends grown trees and converts their bin thresholds to value thresholds. */
export class EnsembleBuilder {
  private readonly trees: GrownTree[] = [];

  constructor(
    private readonly mapper: BinMapper,
    private readonly nTrees: number,
    private readonly baseline: Float64Array,
  ) {}

  add(tree: GrownTree): void {
    this.trees.push(tree);
  }

  get rounds(): number {
    return this.trees.length / this.nTrees;
  }

  build(): Ensemble {
    const total = this.trees.reduce((sum, t) => sum + t.feature.length, 0);
    const e: Ensemble = {
      nTrees: this.nTrees,
      baseline: this.baseline,
      roots: new Int32Array(this.trees.length),
      feature: new Int32Array(total),
      threshold: new Float64Array(total),
      missingLeft: new Uint8Array(total),
      left: new Int32Array(total),
      right: new Int32Array(total),
      value: new Float64Array(total),
    };
    let offset = 0;
    this.trees.forEach((tree, t) => {
      e.roots[t] = offset;
      for (let k = 0; k < tree.feature.length; k++) {
        const at = offset + k;
        const f = tree.feature[k];
        e.feature[at] = f;
        e.value[at] = tree.value[k];
        if (f < 0) {
          e.left[at] = -1;
          e.right[at] = -1;
          continue;
        }
        const edges = this.mapper.edges[f];
        e.threshold[at] = tree.binThreshold[k] < edges.length ? edges[tree.binThreshold[k]] : Infinity;
        e.missingLeft[at] = tree.missingLeft[k];
        e.left[at] = offset + tree.left[k];
        e.right[at] = offset + tree.right[k];
      }
      offset += tree.feature.length;
    });
    return e;
  }
}

/** Raw scores, class-major (raw[k * rows + i]). */
export function predictRaw(e: Ensemble, X: Matrix): Float64Array {
  const n = X.rows;
  const K = e.nTrees;
  const raw = new Float64Array(K * n);
  for (let k = 0; k < K; k++) raw.fill(e.baseline[k], k * n, (k + 1) * n);
  const { feature, threshold, missingLeft, left, right, value } = e;
  const data = X.data;
  for (let t = 0; t < e.roots.length; t++) {
    const out = (t % K) * n;
    const root = e.roots[t];
    for (let i = 0; i < n; i++) {
      let node = root;
      let f = feature[node];
      while (f >= 0) {
        const v = data[f * n + i];
        node =
          v <= threshold[node]
            ? left[node]
            : v > threshold[node]
              ? right[node]
              : missingLeft[node]
                ? left[node]
                : right[node];
        f = feature[node];
      }
      raw[out + i] += value[node];
    }
  }
  return raw;
}

/** Adds one grown tree's output on binned rows (the early-stopping split) to raw[offset + i]. */
export function addTreeBinned(
  tree: GrownTree,
  bins: Uint8Array,
  rows: number,
  raw: Float64Array,
  offset: number,
): void {
  const { feature, binThreshold, missingLeft, left, right, value } = tree;
  for (let i = 0; i < rows; i++) {
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      const b = bins[f * rows + i];
      node = (b === 255 ? missingLeft[node] === 1 : b <= binThreshold[node]) ? left[node] : right[node];
      f = feature[node];
    }
    raw[offset + i] += value[node];
  }
}

type ArrayName = 'roots' | 'feature' | 'threshold' | 'missingLeft' | 'left' | 'right' | 'value';
const ARRAYS: Record<
  ArrayName,
  { new (buffer: ArrayBuffer): Int32Array | Float64Array | Uint8Array; BYTES_PER_ELEMENT: number }
> = {
  roots: Int32Array,
  feature: Int32Array,
  threshold: Float64Array,
  missingLeft: Uint8Array,
  left: Int32Array,
  right: Int32Array,
  value: Float64Array,
};

export interface SerializedEnsemble {
  nTrees: number;
  baseline: number[];
  /** Each array as little-endian base64. */
  arrays: Record<ArrayName, string>;
}

export function ensembleToJSON(e: Ensemble): SerializedEnsemble {
  const arrays = {} as Record<ArrayName, string>;
  for (const name of Object.keys(ARRAYS) as ArrayName[]) {
    const a = e[name];
    arrays[name] = Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  }
  return { nTrees: e.nTrees, baseline: Array.from(e.baseline), arrays };
}

export function ensembleFromJSON(s: SerializedEnsemble, nFeatures: number): Ensemble {
  if (
    !s ||
    typeof s !== 'object' ||
    !Number.isInteger(s.nTrees) ||
    !Array.isArray(s.baseline) ||
    s.baseline.length !== s.nTrees ||
    typeof s.arrays !== 'object'
  ) {
    throw new ModelFormatError('hist_gradient_boosting: the saved model is damaged (missing trees or baseline).');
  }
  const out: Partial<Ensemble> = { nTrees: s.nTrees, baseline: Float64Array.from(s.baseline) };
  for (const name of Object.keys(ARRAYS) as ArrayName[]) {
    if (typeof s.arrays[name] !== 'string')
      throw new ModelFormatError(`hist_gradient_boosting: the saved model is damaged (array ${name} missing).`);
    const bytes = Buffer.from(s.arrays[name], 'base64');
    const Type = ARRAYS[name];
    if (bytes.length % Type.BYTES_PER_ELEMENT !== 0)
      throw new ModelFormatError(
        `hist_gradient_boosting: the saved model is damaged (array ${name} has a partial element).`,
      );
    const copy = new ArrayBuffer(bytes.length);
    new Uint8Array(copy).set(bytes);
    (out as Record<ArrayName, unknown>)[name] = new Type(copy);
  }
  const e = out as Ensemble;
  const n = e.feature.length;
  const consistent =
    [e.threshold, e.missingLeft, e.left, e.right, e.value].every((a) => a.length === n) &&
    e.roots.length % Math.max(1, e.nTrees) === 0 &&
    e.roots.every((r) => r >= 0 && r < n) &&
    e.feature.every(
      (f, i) => f < nFeatures && (f < 0 || (e.left[i] > i && e.left[i] < n && e.right[i] > i && e.right[i] < n)),
    );
  if (!consistent)
    throw new ModelFormatError('hist_gradient_boosting: the saved model is damaged (tree arrays do not fit together).');
  return e;
}
