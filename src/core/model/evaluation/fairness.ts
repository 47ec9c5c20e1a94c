// Fairness, after Fairlearn's MetricFrame: for each sensitive column, every metric per group,
// the difference (max − min) and ratio (min / max) between groups, and for classification
// Fairlearn's demographic_parity_difference and equalized_odds_difference.
//
// Binary: selection rate = share predicted positive; TPR and FPR per group as Fairlearn computes
// them (confusion_matrix normalize="true", so a group without positives has TPR 0 and a group
// without negatives FPR 0); equalized odds = max(TPR difference, FPR difference).
// Multi-class (one-vs-rest rule): each class in turn is "positive"; the demographic-parity and
// equalized-odds differences reported are the largest over classes (the worst class).
// Groups: categories (the 30 most frequent, the rest "(other)"), numeric columns by value when
// they take at most 20 values, else by quantile range; missing values form the group "(missing)".
import type { Frame } from '../frame';
import { takeTargetRows, type Target } from '../matrix';
import { computeMetrics } from '../metrics/index';
import { checkPrediction, predictedLabels, resolvePositiveClass, type Prediction } from '../metrics/prediction';
import type { FairnessColumn, FairnessGroup, FairnessReport, MetricValues } from './evaluationTypes';
import { segmentColumn, type Segment, type SegmentOptions } from './segments';

export interface FairnessInput {
  model: string;
  on: 'holdout' | 'cv';
  /** The evaluated rows with their original columns (the sensitive columns among them). */
  frame: Frame;
  target: Target;
  prediction: Prediction;
  columns: string[];
  /** Positive class (name or index) of the binary metrics; default the second class. */
  positiveClass?: string | number;
}

export const FAIRNESS_SEGMENTS: SegmentOptions = { bins: 5, maxDistinctValues: 20, topCategories: 30 };

/** Metrics compared between groups. */
const CLASSIFICATION_METRICS = ['accuracy', 'balanced_accuracy', 'f1_macro', 'precision_macro', 'recall_macro'];
const BINARY_METRICS = ['precision', 'recall', 'f1', 'selection_rate', 'true_positive_rate', 'false_positive_rate'];
const REGRESSION_METRICS = ['rmse', 'mae', 'r2'];

export function fairness(input: FairnessInput): FairnessReport {
  const { frame, target, prediction } = input;
  checkPrediction(target, prediction);
  if (frame.rows !== target.y.length)
    throw new Error(`Fairness: the data has ${frame.rows} rows but the predictions have ${target.y.length}.`);
  const columns = input.columns.map((name) => {
    const column = frame.columns.find((c) => c.name === name);
    if (!column) {
      throw new Error(
        `Fairness: sensitive column "${name}" is not among the evaluated columns (${frame.columns.map((c) => c.name).join(', ')}).`,
      );
    }
    return fairnessColumn(segmentColumn(column, FAIRNESS_SEGMENTS), input);
  });
  return { model: input.model, on: input.on, columns };
}

function fairnessColumn(segments: Segment[], input: FairnessInput): FairnessColumn {
  const { target, prediction } = input;
  const column = segments[0]?.feature ?? '';
  const labels =
    target.task === 'classification'
      ? predictedLabels(target, prediction as Prediction & { task: 'classification' })
      : undefined;
  const groups: FairnessGroup[] = segments.map((s) => ({
    group: s.label,
    count: s.rows.length,
    metrics: groupMetrics(s.rows, input, labels),
  }));
  const names =
    target.task === 'regression'
      ? REGRESSION_METRICS
      : target.classes.length === 2
        ? [...CLASSIFICATION_METRICS, ...BINARY_METRICS]
        : CLASSIFICATION_METRICS;
  const result: FairnessColumn = { column, groups, difference: {}, ratio: {} };
  for (const metric of names) {
    const values = groups.map((g) => g.metrics[metric]).filter((v): v is number => v !== undefined);
    if (values.length === 0) continue;
    const min = Math.min(...values);
    const max = Math.max(...values);
    result.difference[metric] = max - min;
    if (max === 0 && min === 0) result.ratio[metric] = 1;
    else if (min >= 0 && max > 0) result.ratio[metric] = min / max;
  }
  if (target.task === 'classification' && labels) {
    const k = target.classes.length;
    const selected =
      k === 2 || input.positiveClass !== undefined ? resolvePositiveClass(target.classes, input.positiveClass) : 0;
    const positives = k === 2 ? [selected] : Array.from({ length: k }, (_, c) => c);
    let dp = 0;
    let eo = 0;
    for (const c of positives) {
      const rates = segments.map((s) => groupRates(s.rows, target.y, labels, c));
      dp = Math.max(dp, spread(rates.map((r) => r.selectionRate)));
      eo = Math.max(eo, spread(rates.map((r) => r.tpr)), spread(rates.map((r) => r.fpr)));
      if (c === selected) rates.forEach((r, g) => (groups[g].selectionRate = r.selectionRate));
    }
    if (k > 2) {
      segments.forEach((s, g) => {
        groups[g].selectionRates = Object.fromEntries(
          target.classes.map((name, c) => [name, groupRates(s.rows, target.y, labels, c).selectionRate]),
        );
      });
    }
    result.demographicParityDifference = dp;
    result.equalizedOddsDifference = eo;
  }
  return result;
}

function groupMetrics(rows: Int32Array, input: FairnessInput, labels: Int32Array | undefined): MetricValues {
  const { target, prediction } = input;
  const sub = takeTargetRows(target, rows);
  if (target.task === 'regression') {
    const values = (prediction as Prediction & { task: 'regression' }).values;
    const all = computeMetrics(sub, { task: 'regression', values: Float64Array.from(rows, (i) => values[i]) });
    return pickMetrics(all, REGRESSION_METRICS);
  }
  const p = prediction as Prediction & { task: 'classification' };
  const k = target.classes.length;
  const predicted = labels ?? predictedLabels(target, p);
  const subLabels = Int32Array.from(rows, (i) => predicted[i]);
  const proba = new Float64Array(rows.length * k);
  rows.forEach((i, r) => proba.set(p.proba.subarray(i * k, i * k + k), r * k));
  const positive = resolvePositiveClass(target.classes, input.positiveClass);
  // Label metrics only: probability metrics per group are not part of the comparison.
  const all = computeMetrics(
    sub,
    { task: 'classification', proba, labels: subLabels, probabilistic: false },
    { positiveClass: positive },
  );
  const out = pickMetrics(all, CLASSIFICATION_METRICS);
  if (k === 2) {
    Object.assign(out, pickMetrics(all, ['precision', 'recall', 'f1']));
    const rates = groupRates(rows, target.y, predicted, positive);
    out.selection_rate = rates.selectionRate;
    out.true_positive_rate = rates.tpr;
    out.false_positive_rate = rates.fpr;
  }
  return out;
}

function pickMetrics(all: MetricValues, names: string[]): MetricValues {
  const out: MetricValues = {};
  for (const name of names) if (all[name] !== undefined) out[name] = all[name];
  return out;
}

/** Selection rate, TPR and FPR of class c (one-vs-rest) in a group; empty denominators give 0 like Fairlearn. */
function groupRates(
  rows: Int32Array,
  y: Int32Array,
  labels: Int32Array,
  c: number,
): { selectionRate: number; tpr: number; fpr: number } {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const predicted = labels[i] === c;
    if (y[i] === c) {
      pos++;
      if (predicted) tp++;
    } else if (predicted) fp++;
  }
  const neg = rows.length - pos;
  return { selectionRate: (tp + fp) / rows.length, tpr: pos === 0 ? 0 : tp / pos, fpr: neg === 0 ? 0 : fp / neg };
}

function spread(values: number[]): number {
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
}
