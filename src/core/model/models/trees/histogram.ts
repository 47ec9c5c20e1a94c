// Per-node, per-feature histograms of the tree split finder: for every bin the node's rows fall
// in, the summed weight, the row count and the target statistics (weighted class counts, or the
// weighted sum of y and y²). Also lists the non-empty bins, so small nodes scan only those.
// Stats layout per bin (stride S): [w, n, c_0 .. c_{K-1}] or [w, n, Σwy, Σwy²].

/**
 * Accumulates the classification histograms of features feats[0..F) over rows index[start..end)
 * in one pass (row-major bins: a row's features share a cache line). `weight` and `y` are per
 * position, aligned with index. Histogram k goes to hists[k]; its non-empty bins are listed in
 * binLists[k][0..counts[k]).
 */
export function classHistograms(
  hists: Float64Array[],
  binLists: Int32Array[],
  counts: Int32Array,
  S: number,
  rowBins: Uint8Array,
  cols: number,
  feats: Int32Array,
  F: number,
  index: Int32Array,
  start: number,
  end: number,
  weight: Float64Array,
  y: Int32Array,
): void {
  for (let k = 0; k < F; k++) counts[k] = 0;
  for (let i = start; i < end; i++) {
    const rowBase = index[i] * cols;
    const w = weight[i];
    const c = 2 + y[i];
    for (let k = 0; k < F; k++) {
      const b = rowBins[rowBase + feats[k]];
      const hist = hists[k];
      const o = b * S;
      if (hist[o + 1] === 0) binLists[k][counts[k]++] = b;
      hist[o + 1] += 1;
      hist[o + c] += w;
    }
  }
  // Bin weights as the sum of their class weights (one update per row fewer in the loop above).
  for (let k = 0; k < F; k++) {
    const hist = hists[k];
    const list = binLists[k];
    for (let t = 0; t < counts[k]; t++) {
      const o = list[t] * S;
      let w = 0;
      for (let c = 2; c < S; c++) w += hist[o + c];
      hist[o] = w;
    }
  }
}

/** As classHistograms, for a regression target: per bin [w, n, Σwy, Σwy²]. */
export function regressionHistograms(
  hists: Float64Array[],
  binLists: Int32Array[],
  counts: Int32Array,
  S: number,
  rowBins: Uint8Array,
  cols: number,
  feats: Int32Array,
  F: number,
  index: Int32Array,
  start: number,
  end: number,
  weight: Float64Array,
  y: Float64Array,
): void {
  for (let k = 0; k < F; k++) counts[k] = 0;
  for (let i = start; i < end; i++) {
    const rowBase = index[i] * cols;
    const w = weight[i];
    const wy = w * y[i];
    const wyy = wy * y[i];
    for (let k = 0; k < F; k++) {
      const b = rowBins[rowBase + feats[k]];
      const hist = hists[k];
      const o = b * S;
      if (hist[o + 1] === 0) binLists[k][counts[k]++] = b;
      hist[o] += w;
      hist[o + 1] += 1;
      hist[o + 2] += wy;
      hist[o + 3] += wyy;
    }
  }
}

/** Row-major copy of column-major bins (row r's features at r·cols ..). */
export function rowMajor(
  bins: Uint8Array,
  rows: number,
  cols: number,
  out: Uint8Array = new Uint8Array(rows * cols),
): Uint8Array {
  for (let j = 0; j < cols; j++) {
    const base = j * rows;
    for (let r = 0; r < rows; r++) out[r * cols + j] = bins[base + r];
  }
  return out;
}

/** Zeroes the bins listed in binList[0..u). */
export function clearHistogram(hist: Float64Array, binList: Int32Array, u: number, S: number): void {
  for (let t = 0; t < u; t++) {
    const o = binList[t] * S;
    for (let k = 0; k < S; k++) hist[o + k] = 0;
  }
}

/** Sorts a[0..n) ascending: insertion sort for short lists, native sort otherwise. */
export function sortBins(a: Int32Array, n: number): void {
  if (n > 24) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}
