// What a model predicted for a set of rows, in the form every metric reads: class probabilities
// (row-major, rows × classes, in the Target's class order) or regression values. Also the
// checks that a prediction fits its target, with messages that say which row is wrong.
import type { Target } from '../matrix';

export type Prediction =
  | {
      task: 'classification';
      /** Probabilities, rows × classes row-major, classes in `Target.classes` order. */
      proba: Float64Array;
      /**
       * Predicted class indices, when they are not simply the argmax of `proba` (ties to the
       * lowest index), e.g. an external trainer's own labels.
       */
      labels?: Int32Array;
      /**
       * False when `proba` carries no real probabilities (an external trainer that wrote only
       * labels, one-hot encoded): the probability and ranking metrics (roc_auc,
       * average_precision, log_loss, brier_score) and curves are then left out.
       */
      probabilistic?: boolean;
    }
  | { task: 'regression'; values: Float64Array };

/** Predicted class per row: argmax of the probabilities, ties to the lowest class index (like numpy's argmax). */
export function argmaxLabels(proba: Float64Array, rows: number, classes: number): Int32Array {
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const base = i * classes;
    let best = 0;
    let bestValue = proba[base];
    for (let c = 1; c < classes; c++) {
      const v = proba[base + c];
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}

/** One-hot probabilities for label-only predictions (mark them `probabilistic: false`). */
export function oneHotProba(labels: Int32Array, classes: number): Float64Array {
  const proba = new Float64Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) proba[i * classes + labels[i]] = 1;
  return proba;
}

/** Predicted class indices of a classification prediction. */
export function predictedLabels(
  target: Target & { task: 'classification' },
  prediction: Prediction & { task: 'classification' },
): Int32Array {
  return prediction.labels ?? argmaxLabels(prediction.proba, target.y.length, target.classes.length);
}

/** Throws a clear Error when the prediction does not fit the target (task, length, values). */
export function checkPrediction(target: Target, prediction: Prediction): void {
  if (target.task !== prediction.task) {
    throw new Error(`The prediction is for ${prediction.task} but the target is ${target.task}.`);
  }
  const rows = target.y.length;
  if (rows === 0) throw new Error('There are no rows to evaluate.');
  if (target.task === 'regression') {
    const values = (prediction as Prediction & { task: 'regression' }).values;
    if (values.length !== rows) throw new Error(`The prediction has ${values.length} values for ${rows} rows.`);
    for (let i = 0; i < rows; i++) {
      if (!Number.isFinite(target.y[i]))
        throw new Error(`The target value of row ${i + 1} is ${target.y[i]}, not a finite number.`);
      if (!Number.isFinite(values[i]))
        throw new Error(`The predicted value of row ${i + 1} is ${values[i]}, not a finite number.`);
    }
    return;
  }
  const p = prediction as Prediction & { task: 'classification' };
  const k = target.classes.length;
  if (k < 1) throw new Error('The target has no classes.');
  if (p.proba.length !== rows * k) {
    throw new Error(
      `The predicted probabilities have ${p.proba.length} values; expected ${rows} rows × ${k} classes = ${rows * k}.`,
    );
  }
  if (p.labels && p.labels.length !== rows)
    throw new Error(`The predicted labels have ${p.labels.length} values for ${rows} rows.`);
  for (let i = 0; i < rows; i++) {
    const y = target.y[i];
    if (y < 0 || y >= k) throw new Error(`The target of row ${i + 1} is class index ${y}, outside the ${k} classes.`);
    if (p.labels && (p.labels[i] < 0 || p.labels[i] >= k))
      throw new Error(`The predicted label of row ${i + 1} is class index ${p.labels[i]}, outside the ${k} classes.`);
    for (let c = 0; c < k; c++) {
      const v = p.proba[i * k + c];
      if (!(v >= -1e-9 && v <= 1 + 1e-9)) {
        throw new Error(
          `The predicted probability of class "${target.classes[c]}" in row ${i + 1} is ${v}, not a probability in [0, 1].`,
        );
      }
    }
  }
}

/** Resolves a positive class given by name or index (default: index 1, scikit-learn's pos_label=1 for sorted labels). */
export function resolvePositiveClass(classes: string[], positive?: string | number): number {
  if (positive === undefined) return classes.length > 1 ? 1 : 0;
  if (typeof positive === 'number') {
    if (!Number.isInteger(positive) || positive < 0 || positive >= classes.length) {
      throw new Error(
        `Positive class index ${positive} is outside the ${classes.length} classes (${classes.join(', ')}).`,
      );
    }
    return positive;
  }
  const index = classes.indexOf(positive);
  if (index < 0)
    throw new Error(`Positive class "${positive}" is not one of the target's classes (${classes.join(', ')}).`);
  return index;
}
