// Scans one feature's histogram for the best threshold of a node: bins in increasing order, the
// left child accumulating; each threshold is tried with the missing values on the right and on
// the left (kept where the impurity drops most). The score is scikit-learn's "proxy impurity
// improvement" (larger is better), which orders splits like the impurity decrease.
import type { Criterion } from './grow';

/** The best split found so far for a node (updated in place by scanFeature). */
export class BestSplit {
  feature = -1;
  bin = 0;
  missingLeft = false;
  hasMissing = false;
  proxy = Number.NEGATIVE_INFINITY;
  readonly left: Float64Array;

  constructor(S: number) {
    this.left = new Float64Array(S);
  }

  reset(): void {
    this.feature = -1;
    this.proxy = Number.NEGATIVE_INFINITY;
  }
}

/** Proxy score of left = cum (+ missing stats at missOffset when m = 1), right = tot − left. */
export function proxyScore(
  criterion: Criterion,
  S: number,
  tot: Float64Array,
  cum: Float64Array,
  hist: Float64Array,
  missOffset: number,
  m: number,
): number {
  const wL = cum[0] + m * hist[missOffset];
  const wR = tot[0] - wL;
  if (wL <= 0 || wR <= 0) return Number.NEGATIVE_INFINITY;
  if (criterion === 'squared_error') {
    const sL = cum[2] + m * hist[missOffset + 2];
    const sR = tot[2] - sL;
    return (sL * sL) / wL + (sR * sR) / wR;
  }
  if (criterion === 'gini') {
    let qL = 0;
    let qR = 0;
    for (let k = 2; k < S; k++) {
      const cL = cum[k] + m * hist[missOffset + k];
      const cR = tot[k] - cL;
      qL += cL * cL;
      qR += cR * cR;
    }
    return qL / wL + qR / wR;
  }
  // Entropy: −(wL·H_L + wR·H_R) in nats = Σ c·ln c − w·ln w over both children.
  let sum = 0;
  for (let k = 2; k < S; k++) {
    const cL = cum[k] + m * hist[missOffset + k];
    const cR = tot[k] - cL;
    if (cL > 0) sum += cL * Math.log(cL);
    if (cR > 0) sum += cR * Math.log(cR);
  }
  return sum - wL * Math.log(wL) - wR * Math.log(wR);
}

/**
 * Scans feature f's histogram (non-empty bins sorted in binList[0..nonMissingBins)); `tot` is the
 * node's stats, `n` its row count. Updates `best` when a split beats it (strictly, so the first
 * feature/threshold found wins ties, as in scikit-learn).
 */
export function scanFeature(
  f: number,
  criterion: Criterion,
  S: number,
  hist: Float64Array,
  binList: Int32Array,
  nonMissingBins: number,
  missOffset: number,
  tot: Float64Array,
  n: number,
  minLeaf: number,
  cum: Float64Array,
  best: BestSplit,
): void {
  const nMissing = hist[missOffset + 1];
  cum.fill(0);
  for (let t = 0; t < nonMissingBins; t++) {
    const b = binList[t];
    const o = b * S;
    for (let k = 0; k < S; k++) cum[k] += hist[o + k];
    const last = t === nonMissingBins - 1;
    if (last && nMissing === 0) break;
    // Missing values right (for the last bin: every non-missing row left, the missing ones right).
    const nL = cum[1];
    if (nL >= minLeaf && n - nL >= minLeaf) {
      const proxy = proxyScore(criterion, S, tot, cum, hist, missOffset, 0);
      if (proxy > best.proxy) {
        best.proxy = proxy;
        best.feature = f;
        best.bin = b;
        best.missingLeft = false;
        best.hasMissing = nMissing > 0;
        best.left.set(cum);
      }
    }
    if (nMissing > 0 && !last) {
      const nLm = nL + nMissing;
      if (nLm >= minLeaf && n - nLm >= minLeaf) {
        const proxy = proxyScore(criterion, S, tot, cum, hist, missOffset, 1);
        if (proxy > best.proxy) {
          best.proxy = proxy;
          best.feature = f;
          best.bin = b;
          best.missingLeft = true;
          best.hasMissing = true;
          for (let k = 0; k < S; k++) best.left[k] = cum[k] + hist[missOffset + k];
        }
      }
    }
  }
}
