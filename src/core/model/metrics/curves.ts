// Curves for the report: calibration (scikit-learn's calibration_curve, 10 uniform bins,
// only non-empty bins), threshold analysis of a binary score, and thinning of long curves to a
// few hundred points for storage (areas are always computed on the full curve).
import type { ClfCounts } from './ranking';

export interface Calibration {
  meanPredicted: number[];
  fractionPositive: number[];
  count: number[];
}

/**
 * calibration_curve(strategy="uniform"): bin b holds probabilities p with edges[b] < p <= edges[b+1]
 * (numpy searchsorted on the inner edges, side="left"), edges = i / nBins as numpy's linspace makes them.
 */
export function calibrationCurve(positive: Uint8Array, prob: Float64Array, nBins = 10): Calibration {
  const step = 1 / nBins;
  const inner = Float64Array.from({ length: nBins - 1 }, (_, i) => (i + 1) * step);
  const sums = new Float64Array(nBins);
  const trues = new Float64Array(nBins);
  const totals = new Float64Array(nBins);
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i];
    let lo = 0;
    let hi = inner.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inner[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    sums[lo] += p;
    trues[lo] += positive[i];
    totals[lo] += 1;
  }
  const out: Calibration = { meanPredicted: [], fractionPositive: [], count: [] };
  for (let b = 0; b < nBins; b++) {
    if (totals[b] === 0) continue;
    out.meanPredicted.push(sums[b] / totals[b]);
    out.fractionPositive.push(trues[b] / totals[b]);
    out.count.push(totals[b]);
  }
  return out;
}

export interface Thresholds {
  /** Distinct scores, decreasing: the positive class is predicted when score >= threshold. */
  thresholds: Float64Array;
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
  accuracy: Float64Array;
  positiveRate: Float64Array;
  /** Index of the best F1 (the highest threshold among ties). */
  best: number;
}

/** Precision, recall, F1, accuracy and positive rate at every distinct threshold (zero divisions → 0). */
export function thresholdMetrics(counts: ClfCounts): Thresholds {
  const m = counts.tps.length;
  const positives = counts.tps[m - 1];
  const negatives = counts.fps[m - 1];
  const n = positives + negatives;
  const out: Thresholds = {
    thresholds: counts.thresholds,
    precision: new Float64Array(m),
    recall: new Float64Array(m),
    f1: new Float64Array(m),
    accuracy: new Float64Array(m),
    positiveRate: new Float64Array(m),
    best: 0,
  };
  for (let i = 0; i < m; i++) {
    const tp = counts.tps[i];
    const fp = counts.fps[i];
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = positives === 0 ? 0 : tp / positives;
    const denom = precision + recall;
    out.precision[i] = precision;
    out.recall[i] = recall;
    out.f1[i] = denom === 0 ? 0 : (2 * precision * recall) / denom;
    out.accuracy[i] = (tp + negatives - fp) / n;
    out.positiveRate[i] = (tp + fp) / n;
    if (out.f1[i] > out.f1[out.best]) out.best = i;
  }
  return out;
}

/** At most `max` indices out of 0..n-1, evenly spread, always the first and last, plus any `keep`. */
export function thinIndices(n: number, max = 200, keep: number[] = []): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>(keep.filter((i) => i >= 0 && i < n));
  const slots = Math.max(2, max - chosen.size);
  for (let s = 0; s < slots; s++) chosen.add(Math.round((s * (n - 1)) / (slots - 1)));
  return [...chosen].sort((a, b) => a - b);
}

/** The values of `values` at `indices`, as a plain array (for JSON). */
export function pick(values: ArrayLike<number>, indices: number[]): number[] {
  return indices.filter((i) => i < values.length).map((i) => values[i]);
}
