// Best split of one node from its histogram, as scikit-learn's HistGradientBoosting splitter:
// gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ); candidates must leave min_samples_leaf rows and
// a hessian sum of at least 1e-3 on each side. Missing values (bin 255) are first sent right
// (scanning thresholds left to right, including "all non-missing left"), then, for features that
// had missing values in training, left (scanning right to left): the better direction is learned.
import { FEATURE_STRIDE as STRIDE } from './histogram';

const FEATURE_STRIDE: number = STRIDE;

export const MIN_HESSIAN_TO_SPLIT = 1e-3;

export interface SplitConstraints {
  minSamplesLeaf: number;
  l2: number;
  /** Per feature: number of non-missing bins. */
  nBins: Int32Array;
  /** Per feature: 1 when the training rows had missing values. */
  hasMissing: Uint8Array;
}

export interface SplitInfo {
  gain: number;
  feature: number;
  /** Rows with bin ≤ binThreshold go left. */
  binThreshold: number;
  missingLeft: boolean;
  gLeft: number;
  hLeft: number;
  nLeft: number;
  gRight: number;
  hRight: number;
  nRight: number;
}

export function emptySplit(): SplitInfo {
  return {
    gain: -1,
    feature: -1,
    binThreshold: 0,
    missingLeft: false,
    gLeft: 0,
    hLeft: 0,
    nLeft: 0,
    gRight: 0,
    hRight: 0,
    nRight: 0,
  };
}

/** Writes the best split of features [f0, f1) into `best` (kept when nothing beats best.gain). */
export function findBestSplit(
  hist: Float64Array,
  G: number,
  H: number,
  N: number,
  c: SplitConstraints,
  best: SplitInfo,
  f0 = 0,
  f1 = c.nBins.length,
): void {
  const { minSamplesLeaf, l2 } = c;
  const parentScore = (G * G) / (H + l2);
  const minHessian = MIN_HESSIAN_TO_SPLIT;
  let bestGain = best.gain > 0 ? best.gain : 0;
  let bestFeature = -1;
  let bestBin = 0;
  let bestMissingLeft = false;
  let bestG = 0;
  let bestH = 0;
  let bestN = 0;
  for (let f = f0; f < f1; f++) {
    const off = f * FEATURE_STRIDE;
    const bins = c.nBins[f];
    const missing = c.hasMissing[f];
    // Missing values go right: thresholds 0 .. bins-2, plus bins-1 ("every non-missing left") when there are missing values.
    let gL = 0;
    let hL = 0;
    let nL = 0;
    const end = bins - 1 + missing;
    for (let b = 0; b < end; b++) {
      const o = off + b * 3;
      gL += hist[o];
      hL += hist[o + 1];
      nL += hist[o + 2];
      if (nL < minSamplesLeaf) continue;
      if (N - nL < minSamplesLeaf) break;
      const hR = H - hL;
      if (hL < minHessian || hR < minHessian) continue;
      const gR = G - gL;
      const gain = (gL * gL) / (hL + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = f;
        bestBin = b;
        bestMissingLeft = false;
        bestG = gL;
        bestH = hL;
        bestN = nL;
      }
    }
    if (!missing) continue;
    // Missing values go left: scan from the right, the left side being everything else.
    let gR = 0;
    let hR = 0;
    let nR = 0;
    for (let b = bins - 2; b >= 0; b--) {
      const o = off + (b + 1) * 3;
      gR += hist[o];
      hR += hist[o + 1];
      nR += hist[o + 2];
      if (nR < minSamplesLeaf) continue;
      if (N - nR < minSamplesLeaf) break;
      const hLeft = H - hR;
      if (hLeft < minHessian || hR < minHessian) continue;
      const gLeft = G - gR;
      const gain = (gLeft * gLeft) / (hLeft + l2) + (gR * gR) / (hR + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = f;
        bestBin = b;
        bestMissingLeft = true;
        bestG = gLeft;
        bestH = hLeft;
        bestN = N - nR;
      }
    }
  }
  if (bestFeature < 0) return;
  best.gain = bestGain;
  best.feature = bestFeature;
  best.binThreshold = bestBin;
  best.missingLeft = bestMissingLeft;
  best.gLeft = bestG;
  best.hLeft = bestH;
  best.nLeft = bestN;
  best.gRight = G - bestG;
  best.hRight = H - bestH;
  best.nRight = N - bestN;
}
