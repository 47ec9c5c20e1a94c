// Label metrics of classification, defined exactly like scikit-learn 1.2.1: accuracy,
// balanced accuracy (adjusted=False), the confusion matrix, and precision / recall / F1 per class
// with macro, weighted and binary averages. As in scikit-learn, the averages run over the labels
// present in y_true or y_pred (unique_labels), and a zero division gives 0 (zero_division="warn").

/** Confusion counts, k × k row-major: [true * k + predicted]. */
export function confusionCounts(yTrue: Int32Array, yPred: Int32Array, k: number): Float64Array {
  const counts = new Float64Array(k * k);
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i] * k + yPred[i]] += 1;
  return counts;
}

export function confusionMatrix(yTrue: Int32Array, yPred: Int32Array, k: number): number[][] {
  const counts = confusionCounts(yTrue, yPred, k);
  return Array.from({ length: k }, (_, t) => Array.from(counts.subarray(t * k, t * k + k)));
}

export function accuracy(yTrue: Int32Array, yPred: Int32Array): number {
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/** Mean recall over the classes present in y_true (scikit-learn drops the NaN rows of classes only predicted). */
export function balancedAccuracy(counts: Float64Array, k: number): number {
  let sum = 0;
  let n = 0;
  for (let c = 0; c < k; c++) {
    let support = 0;
    for (let p = 0; p < k; p++) support += counts[c * k + p];
    if (support === 0) continue;
    sum += counts[c * k + c] / support;
    n++;
  }
  return sum / n;
}

export interface ClassStats {
  precision: number;
  recall: number;
  f1: number;
  /** Rows of this class in y_true. */
  support: number;
  /** Rows predicted as this class. */
  predicted: number;
  /** Present in y_true or y_pred: counted by the macro and weighted averages. */
  present: boolean;
}

/** Per-class precision, recall and F1 from confusion counts, zero divisions → 0. */
export function classStats(counts: Float64Array, k: number): ClassStats[] {
  const stats: ClassStats[] = [];
  for (let c = 0; c < k; c++) {
    const tp = counts[c * k + c];
    let support = 0;
    let predicted = 0;
    for (let o = 0; o < k; o++) {
      support += counts[c * k + o];
      predicted += counts[o * k + c];
    }
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const denom = precision + recall;
    const f1 = denom === 0 ? 0 : (2 * precision * recall) / denom;
    stats.push({ precision, recall, f1, support, predicted, present: support > 0 || predicted > 0 });
  }
  return stats;
}

export type Average = 'macro' | 'weighted';

/** scikit-learn's average='macro' / 'weighted' over the present labels. */
export function averageStats(stats: ClassStats[], average: Average): { precision: number; recall: number; f1: number } {
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  let weight = 0;
  for (const s of stats) {
    if (!s.present) continue;
    const w = average === 'macro' ? 1 : s.support;
    precision += w * s.precision;
    recall += w * s.recall;
    f1 += w * s.f1;
    weight += w;
  }
  // Weighted with no true rows at all cannot happen for a non-empty y_true; keep sklearn's 0.
  if (weight === 0) return { precision: 0, recall: 0, f1: 0 };
  return { precision: precision / weight, recall: recall / weight, f1: f1 / weight };
}
