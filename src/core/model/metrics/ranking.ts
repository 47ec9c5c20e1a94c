// Ranking metrics of a binary score, like scikit-learn 1.2.1's _binary_clf_curve, roc_curve
// (drop_intermediate=True, first threshold = max score + 1), roc_auc_score (trapezoid over the
// distinct thresholds, so tied scores count half), precision_recall_curve (every threshold kept)
// and average_precision_score (the step-wise sum, not the trapezoid).

/** Cumulative counts at each distinct score, highest score first: predict positive when score >= threshold. */
export interface ClfCounts {
  fps: Float64Array;
  tps: Float64Array;
  thresholds: Float64Array;
}

/**
 * Counts of true and false positives at every distinct score. Sorts the positives' and the
 * negatives' scores separately (typed-array sorts, no comparator) and merges them from the top.
 */
export function binaryClfCounts(positive: Uint8Array, score: Float64Array): ClfCounts {
  const n = score.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += positive[i];
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(n - nPos);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (positive[i]) pos[a++] = score[i];
    else neg[b++] = score[i];
  }
  pos.sort();
  neg.sort();
  const fps = new Float64Array(n);
  const tps = new Float64Array(n);
  const thresholds = new Float64Array(n);
  let ip = pos.length - 1;
  let ineg = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let m = 0;
  while (ip >= 0 || ineg >= 0) {
    const t = ip < 0 ? neg[ineg] : ineg < 0 ? pos[ip] : Math.max(pos[ip], neg[ineg]);
    while (ip >= 0 && pos[ip] === t) {
      tp++;
      ip--;
    }
    while (ineg >= 0 && neg[ineg] === t) {
      fp++;
      ineg--;
    }
    tps[m] = tp;
    fps[m] = fp;
    thresholds[m] = t;
    m++;
  }
  return { fps: fps.slice(0, m), tps: tps.slice(0, m), thresholds: thresholds.slice(0, m) };
}

export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
}

/** roc_curve(drop_intermediate=True); undefined when y_true has a single class (the curve is NaN in scikit-learn). */
export function rocCurve(counts: ClfCounts): RocCurve | undefined {
  let { fps, tps, thresholds } = counts;
  const m = fps.length;
  if (m > 2) {
    const keep: number[] = [0];
    for (let i = 0; i + 2 < m; i++) {
      const d2f = fps[i + 2] - fps[i + 1] - (fps[i + 1] - fps[i]);
      const d2t = tps[i + 2] - tps[i + 1] - (tps[i + 1] - tps[i]);
      if (d2f !== 0 || d2t !== 0) keep.push(i + 1);
    }
    keep.push(m - 1);
    fps = Float64Array.from(keep, (i) => fps[i]);
    tps = Float64Array.from(keep, (i) => tps[i]);
    thresholds = Float64Array.from(keep, (i) => thresholds[i]);
  }
  const len = fps.length + 1;
  const lastFp = fps[fps.length - 1];
  const lastTp = tps[tps.length - 1];
  if (!(lastFp > 0) || !(lastTp > 0)) return undefined;
  const fpr = new Float64Array(len);
  const tpr = new Float64Array(len);
  const thr = new Float64Array(len);
  thr[0] = thresholds[0] + 1;
  for (let i = 1; i < len; i++) {
    fpr[i] = fps[i - 1] / lastFp;
    tpr[i] = tps[i - 1] / lastTp;
    thr[i] = thresholds[i - 1];
  }
  return { fpr, tpr, thresholds: thr };
}

/** Area under a curve by the trapezoidal rule (x increasing), like sklearn.metrics.auc. */
export function trapezoid(x: Float64Array, y: Float64Array): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

/** Binary ROC AUC; undefined when y_true holds one class only (scikit-learn raises). */
export function rocAuc(positive: Uint8Array, score: Float64Array): number | undefined {
  const curve = rocCurve(binaryClfCounts(positive, score));
  return curve ? trapezoid(curve.fpr, curve.tpr) : undefined;
}

export interface PrCurve {
  /** Decreasing recall, ending at 0; precision ends at 1 (scikit-learn's order). */
  precision: Float64Array;
  recall: Float64Array;
  /** Increasing; one fewer than the points (the final (recall 0, precision 1) point has none). */
  thresholds: Float64Array;
}

/** precision_recall_curve; with no positive row, recall is 1 at every threshold (scikit-learn warns). */
export function precisionRecallCurve(counts: ClfCounts): PrCurve {
  const { fps, tps, thresholds } = counts;
  const m = tps.length;
  const lastTp = tps[m - 1];
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thr = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const i = m - 1 - j;
    const ps = tps[i] + fps[i];
    precision[j] = ps !== 0 ? tps[i] / ps : 0;
    recall[j] = lastTp === 0 ? 1 : tps[i] / lastTp;
    thr[j] = thresholds[i];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: thr };
}

/** average_precision_score: Σ (R_n − R_{n−1}) P_n, the step function, not the trapezoid. */
export function averagePrecisionOfCurve(curve: PrCurve): number {
  let sum = 0;
  for (let j = 0; j + 1 < curve.recall.length; j++) sum += (curve.recall[j + 1] - curve.recall[j]) * curve.precision[j];
  return -sum;
}

export function averagePrecision(positive: Uint8Array, score: Float64Array): number {
  return averagePrecisionOfCurve(precisionRecallCurve(binaryClfCounts(positive, score)));
}

/** Column c of row-major probabilities. */
export function probaColumn(proba: Float64Array, classes: number, c: number): Float64Array {
  const rows = proba.length / classes;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = proba[i * classes + c];
  return out;
}

/** 1 where y == c. */
export function oneVsRest(y: Int32Array, c: number): Uint8Array {
  const out = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] === c ? 1 : 0;
  return out;
}

/**
 * roc_auc_score(multi_class="ovr", average="macro" | "weighted"): undefined when a class is
 * absent from y_true, where scikit-learn raises ("Number of classes in y_true not equal to the
 * number of columns in 'y_score'").
 */
export function rocAucOvr(
  y: Int32Array,
  proba: Float64Array,
  classes: number,
  average: 'macro' | 'weighted',
): number | undefined {
  const support = new Float64Array(classes);
  for (let i = 0; i < y.length; i++) support[y[i]]++;
  if (support.some((s) => s === 0)) return undefined;
  let sum = 0;
  let weight = 0;
  for (let c = 0; c < classes; c++) {
    const auc = rocAuc(oneVsRest(y, c), probaColumn(proba, classes, c));
    if (auc === undefined) return undefined;
    const w = average === 'macro' ? 1 : support[c];
    sum += w * auc;
    weight += w;
  }
  return sum / weight;
}

/**
 * Multi-class average precision: the macro mean of one-vs-rest average precision
 * (average_precision_score on label_binarize(y) — scikit-learn 1.2.1's function refuses a
 * multiclass y directly). A class absent from y_true scores 0, as scikit-learn's does.
 */
export function averagePrecisionOvr(y: Int32Array, proba: Float64Array, classes: number): number {
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += averagePrecision(oneVsRest(y, c), probaColumn(proba, classes, c));
  return sum / classes;
}
