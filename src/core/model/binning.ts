// Feature binning as in scikit-learn's HistGradientBoosting (_BinMapper) and LightGBM: each
// feature's non-missing values map to at most `maxBins` (≤ 255) ordered bins, missing values to
// bin 255. Trees then search splits over bin histograms instead of sorted values. Thresholds are
// midpoints between distinct values when there are few, else quantiles of a (seeded) subsample.
import { seededRandom as mulberry32 } from '../seededRandom';
import type { Matrix } from './matrix';
import { column } from './matrix';
import { radixSortFloat64 } from './radixSort';

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

/** Bin edges for one feature from its sorted, non-missing values. */
function edgesFor(sorted: Float64Array, maxBins: number): Float64Array {
  const n = sorted.length;
  if (n === 0) return new Float64Array(0);
  // Few distinct values: midpoints between them (the count stops early once above maxBins).
  let distinct = 1;
  for (let i = 1; i < n && distinct <= maxBins; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  if (distinct <= maxBins) {
    const edges = new Float64Array(distinct - 1);
    let e = 0;
    for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) edges[e++] = (sorted[i - 1] + sorted[i]) / 2;
    return edges;
  }
  // Quantiles (linear interpolation, like numpy.percentile) at maxBins-1 inner points.
  const edges = new Float64Array(maxBins - 1);
  let count = 0;
  for (let b = 1; b < maxBins; b++) {
    const pos = (b / maxBins) * (n - 1);
    const lo = Math.floor(pos);
    const frac = pos - lo;
    const v = frac === 0 ? sorted[lo] : sorted[lo] + (sorted[lo + 1] - sorted[lo]) * frac;
    if (count === 0 || v > edges[count - 1]) edges[count++] = v;
  }
  return edges.slice(0, count);
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
      const t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    index = all.subarray(0, subsample);
  }
  const edges: Float64Array[] = [];
  const nBins = new Int32Array(X.cols);
  const n = index ? index.length : X.rows;
  const values = new Float64Array(n);
  const scratch = new Float64Array(n);
  for (let j = 0; j < X.cols; j++) {
    const col = column(X, j);
    let k = 0;
    if (index) {
      for (let i = 0; i < n; i++) {
        const v = col[index[i]];
        if (v === v) values[k++] = v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (v === v) values[k++] = v;
      }
    }
    edges.push(edgesFor(radixSortFloat64(values.subarray(0, k), scratch), maxBins));
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

/** A feature's edges followed by +Infinity up to 255 entries, for the fixed-step search of applyBins. */
function paddedEdges(edges: Float64Array): Float64Array {
  if (edges.length > MISSING_BIN)
    throw new Error(`binning: a feature has ${edges.length} bin edges; at most ${MISSING_BIN - 1} are allowed.`);
  const padded = new Float64Array(MISSING_BIN).fill(Infinity);
  padded.set(edges);
  return padded;
}

export function applyBins(mapper: BinMapper, X: Matrix): BinnedMatrix {
  const bins = new Uint8Array(X.rows * X.cols);
  const hasMissing = new Uint8Array(X.cols);
  const missing: number = MISSING_BIN;
  for (let j = 0; j < X.cols; j++) {
    const col = column(X, j);
    const e = paddedEdges(mapper.edges[j]);
    const base = j * X.rows;
    for (let i = 0; i < X.rows; i++) {
      const v = col[i];
      // The bin is the number of edges below v: a binary search of always 8 steps over the
      // padded edges (+Infinity is never below v), with no data-dependent loop exit.
      let b = v > e[127] ? 128 : 0;
      if (v > e[b + 63]) b += 64;
      if (v > e[b + 31]) b += 32;
      if (v > e[b + 15]) b += 16;
      if (v > e[b + 7]) b += 8;
      if (v > e[b + 3]) b += 4;
      if (v > e[b + 1]) b += 2;
      if (v > e[b]) b += 1;
      if (v !== v) {
        b = missing;
        hasMissing[j] = 1;
      }
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
