// The evaluation of one model on one set of predictions (holdout or out-of-fold): all metrics,
// per-class scores, the confusion matrix, ROC / PR / calibration curves, threshold analysis
// (binary), or, for regression, a sample of predicted-vs-actual points and the residual
// histogram. Curves are thinned for storage; their areas come from the full curves.
import type { Target } from '../matrix';
import { classStats, confusionCounts } from '../metrics/classification';
import { calibrationCurve, pick, thinIndices, thresholdMetrics } from '../metrics/curves';
import { computeMetrics } from '../metrics/index';
import { checkPrediction, predictedLabels, resolvePositiveClass, type Prediction } from '../metrics/prediction';
import {
  averagePrecisionOfCurve,
  binaryClfCounts,
  oneVsRest,
  precisionRecallCurve,
  probaColumn,
  rocCurve,
  trapezoid,
} from '../metrics/ranking';
import type {
  CalibrationCurve,
  ClassificationEvaluation,
  Curve,
  ModelEvaluation,
  RegressionEvaluation,
  ThresholdAnalysis,
} from './evaluationTypes';
import { sampleIndices, seededRandom } from './random';

/** Points kept per stored curve. */
export const CURVE_POINTS = 200;
/** Predicted-vs-actual points kept for regression plots. */
export const REGRESSION_POINTS = 2000;

export interface EvaluateInput {
  target: Target;
  prediction: Prediction;
  on: 'holdout' | 'cv';
  /** Positive class (name or index) for the binary metrics and curves; default the second class. */
  positiveClass?: string | number;
  /** Seed of the regression point sample. */
  seed: number;
}

export function evaluatePredictions(input: EvaluateInput): ModelEvaluation {
  const { target, prediction } = input;
  checkPrediction(target, prediction);
  if (target.task === 'regression') {
    return evaluateRegression(target, prediction as Prediction & { task: 'regression' }, input);
  }
  return evaluateClassification(target, prediction as Prediction & { task: 'classification' }, input);
}

function evaluateClassification(
  target: Target & { task: 'classification' },
  prediction: Prediction & { task: 'classification' },
  input: EvaluateInput,
): ClassificationEvaluation {
  const k = target.classes.length;
  const positive = resolvePositiveClass(target.classes, input.positiveClass);
  const binary = k === 2;
  const labels = predictedLabels(target, prediction);
  const counts = confusionCounts(target.y, labels, k);
  const stats = classStats(counts, k);
  const evaluation: ClassificationEvaluation = {
    task: 'classification',
    on: input.on,
    rows: target.y.length,
    classes: target.classes,
    metrics: computeMetrics(target, { ...prediction, labels }, { positiveClass: positive }),
    perClass: stats.map((s, c) => ({
      class: target.classes[c],
      precision: s.precision,
      recall: s.recall,
      f1: s.f1,
      support: s.support,
    })),
    confusion: Array.from({ length: k }, (_, t) => Array.from(counts.subarray(t * k, t * k + k))),
    roc: [],
    pr: [],
    calibration: [],
  };
  if (binary) evaluation.positiveClass = target.classes[positive];
  if (prediction.probabilistic === false || k < 2) return evaluation;

  const curveClasses = binary ? [positive] : Array.from({ length: k }, (_, c) => c);
  for (const c of curveClasses) {
    const truth = oneVsRest(target.y, c);
    const score = probaColumn(prediction.proba, k, c);
    const name = target.classes[c];
    const clf = binaryClfCounts(truth, score);
    const roc = rocCurve(clf);
    if (roc) {
      const keep = thinIndices(roc.fpr.length, CURVE_POINTS);
      evaluation.roc.push({
        class: name,
        x: pick(roc.fpr, keep),
        y: pick(roc.tpr, keep),
        thresholds: pick(roc.thresholds, keep),
        area: trapezoid(roc.fpr, roc.tpr),
      });
    }
    const pr = precisionRecallCurve(clf);
    const keep = thinIndices(pr.recall.length, CURVE_POINTS);
    const curve: Curve = {
      class: name,
      x: pick(pr.recall, keep),
      y: pick(pr.precision, keep),
      thresholds: pick(pr.thresholds, keep),
      area: averagePrecisionOfCurve(pr),
    };
    evaluation.pr.push(curve);
    const calibration: CalibrationCurve = { class: name, ...calibrationCurve(truth, score, 10) };
    evaluation.calibration.push(calibration);
    if (binary) evaluation.threshold = thresholdAnalysis(clf);
  }
  return evaluation;
}

function thresholdAnalysis(clf: ReturnType<typeof binaryClfCounts>): ThresholdAnalysis {
  const t = thresholdMetrics(clf);
  const keep = thinIndices(t.thresholds.length, CURVE_POINTS, [t.best]);
  return {
    thresholds: pick(t.thresholds, keep),
    precision: pick(t.precision, keep),
    recall: pick(t.recall, keep),
    f1: pick(t.f1, keep),
    accuracy: pick(t.accuracy, keep),
    positiveRate: pick(t.positiveRate, keep),
    bestF1Threshold: t.thresholds[t.best],
  };
}

function evaluateRegression(
  target: Target & { task: 'regression' },
  prediction: Prediction & { task: 'regression' },
  input: EvaluateInput,
): RegressionEvaluation {
  const n = target.y.length;
  const sample = sampleIndices(n, REGRESSION_POINTS, seededRandom(input.seed));
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = target.y[i] - prediction.values[i];
  return {
    task: 'regression',
    on: input.on,
    rows: n,
    metrics: computeMetrics(target, prediction),
    points: { actual: pick(target.y, Array.from(sample)), predicted: pick(prediction.values, Array.from(sample)) },
    residualHistogram: histogram(residuals),
  };
}

/** Equal-width histogram, min(30, ⌈√n⌉) bins at least 5; a constant sample gets one bin [v − 0.5, v + 0.5] like numpy. */
export function histogram(values: Float64Array): { edges: number[]; counts: number[] } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return { edges: [min - 0.5, min + 0.5], counts: [values.length] };
  const bins = Math.min(30, Math.max(5, Math.ceil(Math.sqrt(values.length))));
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, b) => (b === bins ? max : min + b * width));
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  return { edges, counts };
}
