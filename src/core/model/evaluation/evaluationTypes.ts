// What the evaluator computes for one model on one set of predictions (holdout, or out-of-fold
// predictions when there is no holdout). Plain JSON: stored in the run record, sent to the
// evaluation report. Curves are thinned to at most ~200 points so a report stays small.

/** scikit-learn metric name → value. Classification: accuracy, balanced_accuracy, precision_macro,
 * recall_macro, f1_macro, precision_weighted, recall_weighted, f1_weighted, roc_auc (binary; ovr
 * macro for multi-class, key roc_auc_ovr as well), average_precision (PR-AUC), log_loss,
 * brier_score (binary; multi-class: mean over classes of one-vs-rest), and for binary also
 * precision, recall, f1 of the positive class. Regression: rmse, mse, mae, r2, mape,
 * median_absolute_error, explained_variance, max_error. */
export type MetricValues = Record<string, number>;

export interface PerClassMetrics {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Curve {
  /** The positive class of this one-vs-rest curve. */
  class: string;
  x: number[];
  y: number[];
  thresholds: number[];
  /** Area: roc_auc for ROC, average precision for PR. */
  area: number;
}

export interface CalibrationCurve {
  class: string;
  /** Per non-empty bin (10 uniform bins): mean predicted probability, observed fraction positive, count. */
  meanPredicted: number[];
  fractionPositive: number[];
  count: number[];
}

/** Binary only: metrics of the positive class as the decision threshold moves. */
export interface ThresholdAnalysis {
  thresholds: number[];
  precision: number[];
  recall: number[];
  f1: number[];
  accuracy: number[];
  /** Fraction predicted positive. */
  positiveRate: number[];
  /** Threshold with the best F1. */
  bestF1Threshold: number;
}

export interface ClassificationEvaluation {
  task: 'classification';
  /** What the predictions are of: the untouched holdout, or out-of-fold predictions of cross-validation. */
  on: 'holdout' | 'cv';
  rows: number;
  classes: string[];
  positiveClass?: string;
  metrics: MetricValues;
  perClass: PerClassMetrics[];
  /** confusion[true][predicted] counts, classes in `classes` order. */
  confusion: number[][];
  roc: Curve[];
  pr: Curve[];
  calibration: CalibrationCurve[];
  threshold?: ThresholdAnalysis;
}

export interface RegressionEvaluation {
  task: 'regression';
  on: 'holdout' | 'cv';
  rows: number;
  metrics: MetricValues;
  /** A seeded sample of at most 2000 points for the predicted-vs-actual and residual plots. */
  points: { actual: number[]; predicted: number[] };
  residualHistogram: { edges: number[]; counts: number[] };
}

export type ModelEvaluation = ClassificationEvaluation | RegressionEvaluation;

/** One slice of the data where the model does worse than overall. */
export interface ErrorSlice {
  feature: string;
  /** Human description: "flipper_length_mm in [172, 185)", "Island = Dream", "bill_depth_mm missing". */
  description: string;
  kind: 'range' | 'category' | 'missing';
  count: number;
  /** Error measure on the slice: error rate (classification) or mean absolute error (regression). */
  error: number;
  /** The same measure on all rows, for comparison. */
  overallError: number;
}

export interface WorstRow {
  /** 0-based index within the evaluated rows. */
  index: number;
  /** Line in the source file, when known. */
  line?: number;
  actual: string | number;
  predicted: string | number;
  /** Per-row loss: log loss of the true class, or absolute error. */
  loss: number;
  /** The row's original (pre-encoding) values of up to 12 features. */
  values: Record<string, string | number | null>;
}

export interface ErrorAnalysis {
  model: string;
  on: 'holdout' | 'cv';
  measure: 'error_rate' | 'absolute_error';
  overallError: number;
  slices: ErrorSlice[];
  worstRows: WorstRow[];
}

export interface FairnessGroup {
  group: string;
  count: number;
  metrics: MetricValues;
  /** Classification: fraction predicted positive (binary) / per-class selection rate (multi-class: of the positive or first class). */
  selectionRate?: number;
  /** Multi-class: selection rate of every class (class name → fraction predicted as it). */
  selectionRates?: Record<string, number>;
}

export interface FairnessColumn {
  column: string;
  groups: FairnessGroup[];
  /** metric → max - min over groups. */
  difference: MetricValues;
  /** metric → min / max over groups (1 = parity). */
  ratio: MetricValues;
  /** Classification: max - min selection rate (Fairlearn's demographic_parity_difference). */
  demographicParityDifference?: number;
  /** Classification: max over TPR and FPR differences between groups (Fairlearn's equalized_odds_difference; multi-class: one-vs-rest, worst class). */
  equalizedOddsDifference?: number;
}

export interface FairnessReport {
  model: string;
  on: 'holdout' | 'cv';
  columns: FairnessColumn[];
}

export interface FeatureImportance {
  model: string;
  method: 'permutation';
  metric: string;
  repeats: number;
  /** Sorted by mean decrease, largest first; features are the pipeline's input columns (pre-encoding). */
  features: Array<{ feature: string; mean: number; std: number }>;
}
