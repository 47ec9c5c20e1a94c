// Feature binning as in scikit-learn's HistGradientBoosting (_BinMapper) and LightGBM: each
// feature's non-missing values map to at most `maxBins` (≤ 255) ordered bins, missing values to
// bin 255. Trees then search splits over bin histograms instead of sorted values. Thresholds are
// midpoints between distinct values when there are few, else quantiles of a (seeded) subsample.
import type { Matrix } from './matrix';
import { column } from './matrix';

export const MISSING_BIN = 255;

export interface BinMapper {
  /** Per feature: upper edges; value v goes to the first bin b with v <= edges[b] (last bin is open). */
  edges: Float64Array[];
  /** Per feature: number of non-missing bins actually used (edges.length + 1). */
  nBins: Int32Array;
}

export interface BinnedMatrix {
  rows: number;
  cols: number;
  /** Column-major bin codes; MISSING_BIN for NaN. */
  bins: Uint8Array;
  mapper: BinMapper;
  /** Per feature: true when the training data had missing values in it. */
  hasMissing: Uint8Array;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bin edges for one feature from its (sorted, finite) values. */
function edgesFor(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  if (n === 0) return new Float64Array(0);
  const distinct: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  if (distinct.length <= maxBins) {
    const edges = new Float64Array(distinct.length - 1);
    for (let i = 0; i < edges.length; i++) edges[i] = (distinct[i] + distinct[i + 1]) / 2;
    return edges;
  }
  // Quantiles (linear interpolation, like numpy.percentile) at maxBins-1 inner points.
  const edges: number[] = [];
  for (let b = 1; b < maxBins; b++) {
    const pos = (b / maxBins) * (n - 1);
    const lo = Math.floor(pos);
    const frac = pos - lo;
    const v = frac === 0 ? sorted[lo] : sorted[lo] + (sorted[lo + 1] - sorted[lo]) * frac;
    if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
  }
  return Float64Array.from(edges);
}

/** Learns bin edges from X (rows with NaN are skipped per feature). */
export function fitBins(X: Matrix, options: { maxBins?: number; subsample?: number; seed?: number } = {}): BinMapper {
  const maxBins = Math.min(255, Math.max(2, options.maxBins ?? 255));
  const subsample = options.subsample ?? 200_000;
  let index: Int32Array | undefined;
  if (X.rows > subsample) {
    // Seeded sample without replacement (partial Fisher-Yates).
    const random = mulberry32(options.seed ?? 0);
    const all = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) all[i] = i;
    for (let i = 0; i < subsample; i++) {
      const j = i + Math.floor(random() * (X.rows - i));
      const t = all[i]; all[i] = all[j]; all[j] = t;
    }
    index = all.subarray(0, subsample);
  }
  const edges: Float64Array[] = [];
  const nBins = new Int32Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    const col = column(X, j);
    const n = index ? index.length : X.rows;
    const values = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const v = col[index ? index[i] : i];
      if (!Number.isNaN(v)) values[k++] = v;
    }
    const sorted = values.subarray(0, k).sort();
    edges.push(edgesFor(sorted, maxBins));
    nBins[j] = edges[j].length + 1;
  }
  return { edges, nBins };
}

/** Bin code of one value (binary search over the edges). */
export function binOf(edges: Float64Array, v: number): number {
  if (Number.isNaN(v)) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function applyBins(mapper: BinMapper, X: Matrix): BinnedMatrix {
  const bins = new Uint8Array(X.rows * X.cols);
  const hasMissing = new Uint8Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    const col = column(X, j);
    const edges = mapper.edges[j];
    const base = j * X.rows;
    for (let i = 0; i < X.rows; i++) {
      const b = binOf(edges, col[i]);
      if (b === MISSING_BIN) hasMissing[j] = 1;
      bins[base + i] = b;
    }
  }
  return { rows: X.rows, cols: X.cols, bins, mapper, hasMissing };
}

/** Binned rows `index` of an already-binned matrix (a fold of a study binned once). */
export function takeBinnedRows(b: BinnedMatrix, index: ArrayLike<number>): BinnedMatrix {
  const n = index.length;
  const bins = new Uint8Array(n * b.cols);
  for (let j = 0; j < b.cols; j++) {
    const src = j * b.rows;
    const dst = j * n;
    for (let i = 0; i < n; i++) bins[dst + i] = b.bins[src + index[i]];
  }
  return { rows: n, cols: b.cols, bins, mapper: b.mapper, hasMissing: b.hasMissing };
}
