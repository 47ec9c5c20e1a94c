// Turning a fitted model's output into the evaluator's Prediction, and gathering out-of-fold
// predictions: each fold's test rows written into one array over the training part, so that
// cross-validation is evaluated like a holdout (only rows some fold tested are kept: with
// time-ordered folds the earliest block is never tested).
import type { Matrix, Target } from '../matrix';
import { oneHotProba, type Prediction } from '../metrics/prediction';
import type { FittedModel, Task } from '../models/estimator';
import { takeTargetRows } from '../matrix';

/** The prediction of `model` for every row of X. */
export function predictMatrix(model: FittedModel, X: Matrix, classes: number): Prediction {
  if (model.task === 'regression') return { task: 'regression', values: model.predict(X) };
  if (model.predictProba) return { task: 'classification', proba: model.predictProba(X) };
  const labels = Int32Array.from(model.predict(X));
  return { task: 'classification', proba: oneHotProba(labels, classes), labels, probabilistic: false };
}

/** Rows of a prediction at `index`, in that order. */
export function takePredictionRows(p: Prediction, index: ArrayLike<number>, classes: number): Prediction {
  const n = index.length;
  if (p.task === 'regression') {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = p.values[index[i]];
    return { task: 'regression', values };
  }
  const proba = new Float64Array(n * classes);
  for (let i = 0; i < n; i++) proba.set(p.proba.subarray(index[i] * classes, (index[i] + 1) * classes), i * classes);
  const out: Prediction = { task: 'classification', proba };
  if (p.labels) {
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) labels[i] = p.labels[index[i]];
    out.labels = labels;
  }
  if (p.probabilistic === false) out.probabilistic = false;
  return out;
}

/** Out-of-fold predictions over `rows` training rows, filled fold by fold. */
export class OutOfFold {
  private readonly tested: Uint8Array;
  private readonly values: Float64Array;
  private labels?: Int32Array;
  private probabilistic = true;

  constructor(
    private readonly task: Task,
    private readonly rows: number,
    private readonly classes: number,
  ) {
    this.tested = new Uint8Array(rows);
    this.values = new Float64Array(task === 'regression' ? rows : rows * classes);
  }

  add(testIndex: ArrayLike<number>, p: Prediction): void {
    const k = this.classes;
    for (let i = 0; i < testIndex.length; i++) {
      const r = testIndex[i];
      this.tested[r] = 1;
      if (p.task === 'regression') this.values[r] = p.values[i];
      else {
        this.values.set(p.proba.subarray(i * k, (i + 1) * k), r * k);
        if (p.labels) {
          this.labels ??= new Int32Array(this.rows);
          this.labels[r] = p.labels[i];
        }
      }
    }
    if (p.task === 'classification' && p.probabilistic === false) this.probabilistic = false;
  }

  /** Training-part row indices some fold tested, ascending. */
  index(): Int32Array {
    const out: number[] = [];
    for (let i = 0; i < this.rows; i++) if (this.tested[i]) out.push(i);
    return Int32Array.from(out);
  }

  /** The prediction over the tested rows (in `index()` order) and their target. */
  result(target: Target): { index: Int32Array; prediction: Prediction; target: Target } {
    const index = this.index();
    const full: Prediction =
      this.task === 'regression'
        ? { task: 'regression', values: this.values }
        : {
            task: 'classification',
            proba: this.values,
            ...(this.labels ? { labels: this.labels } : {}),
            ...(this.probabilistic ? {} : { probabilistic: false }),
          };
    return { index, prediction: takePredictionRows(full, index, this.classes), target: takeTargetRows(target, index) };
  }
}
