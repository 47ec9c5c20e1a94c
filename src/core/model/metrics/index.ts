// The metrics API the trainer, feature selection and tuning call: every scikit-learn metric
// that applies to a target and a prediction, or one metric by its scikit-learn name. Metrics
// that are undefined for the data (roc_auc with one class in y_true, or with a class absent in
// a multi-class y_true; r2 with fewer than two rows) are left out of computeMetrics, never NaN;
// scoreMetric returns NaN for them.
import { greaterIsBetter } from '../../lifecycle/runSummary';
import type { Task } from '../models/estimator';
import type { Target } from '../matrix';
import type { MetricValues } from '../evaluation/evaluationTypes';
import {
  accuracy,
  averageStats,
  balancedAccuracy,
  classStats,
  confusionCounts,
  type ClassStats,
} from './classification';
import { checkPrediction, predictedLabels, resolvePositiveClass, type Prediction } from './prediction';
import { brierScore, brierScoreOvr, logLoss } from './probabilistic';
import {
  averagePrecisionOfCurve,
  averagePrecisionOvr,
  binaryClfCounts,
  oneVsRest,
  precisionRecallCurve,
  probaColumn,
  rocAucOvr,
  rocCurve,
  trapezoid,
  type ClfCounts,
} from './ranking';
import {
  explainedVariance,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  r2Score,
  rootMeanSquaredError,
} from './regression';

export { greaterIsBetter };
export type { Prediction } from './prediction';
export { argmaxLabels, checkPrediction, oneHotProba, predictedLabels, resolvePositiveClass } from './prediction';

export interface MetricOptions {
  /** Index of the positive class for the binary metrics (default 1, scikit-learn's pos_label=1). */
  positiveClass?: number;
}

type ClassTarget = Target & { task: 'classification' };
type ClassPrediction = Prediction & { task: 'classification' };

/** Lazily computed pieces shared by the classification metrics of one prediction. */
class ClassificationContext {
  readonly k: number;
  readonly positive: number;
  private labelsCache?: Int32Array;
  private countsCache?: Float64Array;
  private statsCache?: ClassStats[];
  private clfCache?: ClfCounts;

  constructor(
    readonly target: ClassTarget,
    readonly prediction: ClassPrediction,
    options: MetricOptions,
  ) {
    this.k = target.classes.length;
    this.positive = resolvePositiveClass(target.classes, options.positiveClass);
  }

  get binary(): boolean {
    return this.k === 2;
  }
  get probabilistic(): boolean {
    return this.prediction.probabilistic !== false;
  }
  get labels(): Int32Array {
    return (this.labelsCache ??= predictedLabels(this.target, this.prediction));
  }
  get counts(): Float64Array {
    return (this.countsCache ??= confusionCounts(this.target.y, this.labels, this.k));
  }
  get stats(): ClassStats[] {
    return (this.statsCache ??= classStats(this.counts, this.k));
  }
  /** Binary: true/false positive counts of the positive class's score (shared by roc_auc and average_precision). */
  get clf(): ClfCounts {
    return (this.clfCache ??= binaryClfCounts(this.positiveTruth(), this.positiveScore()));
  }
  positiveScore(): Float64Array {
    return probaColumn(this.prediction.proba, this.k, this.positive);
  }
  positiveTruth(): Uint8Array {
    return oneVsRest(this.target.y, this.positive);
  }
}

type ClassificationMetric = (c: ClassificationContext) => number | undefined;
type RegressionMetric = (y: Float64Array, p: Float64Array) => number | undefined;

const rocAucOf =
  (average: 'macro' | 'weighted'): ClassificationMetric =>
  (c) => {
    if (!c.probabilistic || c.k < 2) return undefined;
    if (c.binary) {
      const curve = rocCurve(c.clf);
      return curve ? trapezoid(curve.fpr, curve.tpr) : undefined;
    }
    return rocAucOvr(c.target.y, c.prediction.proba, c.k, average);
  };

/** Metrics for every classification target. */
const CLASSIFICATION: Record<string, ClassificationMetric> = {
  accuracy: (c) => accuracy(c.target.y, c.labels),
  balanced_accuracy: (c) => balancedAccuracy(c.counts, c.k),
  precision_macro: (c) => averageStats(c.stats, 'macro').precision,
  recall_macro: (c) => averageStats(c.stats, 'macro').recall,
  f1_macro: (c) => averageStats(c.stats, 'macro').f1,
  precision_weighted: (c) => averageStats(c.stats, 'weighted').precision,
  recall_weighted: (c) => averageStats(c.stats, 'weighted').recall,
  f1_weighted: (c) => averageStats(c.stats, 'weighted').f1,
  roc_auc: rocAucOf('macro'),
  average_precision: (c) => {
    if (!c.probabilistic || c.k < 2) return undefined;
    return c.binary
      ? averagePrecisionOfCurve(precisionRecallCurve(c.clf))
      : averagePrecisionOvr(c.target.y, c.prediction.proba, c.k);
  },
  log_loss: (c) => (c.probabilistic && c.k >= 2 ? logLoss(c.target.y, c.prediction.proba, c.k) : undefined),
  brier_score: (c) => {
    if (!c.probabilistic || c.k < 2) return undefined;
    return c.binary
      ? brierScore(c.target.y, c.prediction.proba, c.k, c.positive)
      : brierScoreOvr(c.target.y, c.prediction.proba, c.k);
  },
};

/** Binary only: scores of the positive class (average="binary"). */
const BINARY: Record<string, ClassificationMetric> = {
  precision: (c) => c.stats[c.positive].precision,
  recall: (c) => c.stats[c.positive].recall,
  f1: (c) => c.stats[c.positive].f1,
};

/** Multi-class only (for binary targets these names score like roc_auc). */
const MULTICLASS: Record<string, ClassificationMetric> = {
  roc_auc_ovr: rocAucOf('macro'),
  roc_auc_ovr_weighted: rocAucOf('weighted'),
};

const REGRESSION: Record<string, RegressionMetric> = {
  rmse: rootMeanSquaredError,
  mse: meanSquaredError,
  mae: meanAbsoluteError,
  r2: r2Score,
  mape: meanAbsolutePercentageError,
  median_absolute_error: medianAbsoluteError,
  explained_variance: explainedVariance,
  max_error: maxError,
};

/** The metric names computeMetrics reports for a task (and number of classes). */
export function metricNames(task: Task, nClasses = 2): string[] {
  if (task === 'regression') return Object.keys(REGRESSION);
  const names = Object.keys(CLASSIFICATION);
  if (nClasses === 2) names.push(...Object.keys(BINARY));
  if (nClasses > 2) names.push(...Object.keys(MULTICLASS));
  return names;
}

/** True for a metric name scoreMetric understands for the task. */
export function isKnownMetric(name: string, task: Task): boolean {
  if (task === 'regression') return name in REGRESSION;
  return name in CLASSIFICATION || name in BINARY || name in MULTICLASS;
}

/**
 * The metric a run is judged by when the spec names none: balanced accuracy (robust to class
 * imbalance, where accuracy flatters the majority baseline) and RMSE (scikit-learn's usual
 * regression loss, in the target's units).
 */
export function defaultPrimaryMetric(task: Task, _nClasses?: number): string {
  return task === 'classification' ? 'balanced_accuracy' : 'rmse';
}

/** Every metric that applies, by scikit-learn name; undefined metrics are left out. */
export function computeMetrics(target: Target, prediction: Prediction, options: MetricOptions = {}): MetricValues {
  checkPrediction(target, prediction);
  const out: MetricValues = {};
  if (target.task === 'regression') {
    const values = (prediction as Prediction & { task: 'regression' }).values;
    for (const [name, metric] of Object.entries(REGRESSION)) {
      const v = metric(target.y, values);
      if (v !== undefined && Number.isFinite(v)) out[name] = v;
    }
    return out;
  }
  const context = new ClassificationContext(target, prediction as ClassPrediction, options);
  for (const name of metricNames('classification', context.k)) {
    const v = classificationMetric(name)!(context);
    if (v !== undefined && Number.isFinite(v)) out[name] = v;
  }
  return out;
}

function classificationMetric(name: string): ClassificationMetric | undefined {
  return CLASSIFICATION[name] ?? BINARY[name] ?? MULTICLASS[name];
}

/**
 * One metric by its scikit-learn name (as computeMetrics reports it), NaN when undefined for
 * this data. Throws for a name unknown for the task, or a binary metric on a multi-class target.
 */
export function scoreMetric(
  metric: string,
  target: Target,
  prediction: Prediction,
  options: MetricOptions = {},
): number {
  checkPrediction(target, prediction);
  if (target.task === 'regression') {
    const fn = REGRESSION[metric];
    if (!fn) throw new Error(unknownMetricMessage(metric, 'regression'));
    return fn(target.y, (prediction as Prediction & { task: 'regression' }).values) ?? Number.NaN;
  }
  const fn = classificationMetric(metric);
  if (!fn) throw new Error(unknownMetricMessage(metric, 'classification'));
  if (metric in BINARY && target.classes.length !== 2) {
    throw new Error(
      `Metric "${metric}" is for binary targets; this target has ${target.classes.length} classes (use ${metric}_macro or ${metric}_weighted).`,
    );
  }
  return fn(new ClassificationContext(target, prediction as ClassPrediction, options)) ?? Number.NaN;
}

export function unknownMetricMessage(metric: string, task: Task): string {
  const names =
    task === 'regression'
      ? Object.keys(REGRESSION)
      : [...Object.keys(CLASSIFICATION), ...Object.keys(BINARY), ...Object.keys(MULTICLASS)];
  return `Unknown ${task} metric "${metric}"; known metrics: ${names.join(', ')}.`;
}
