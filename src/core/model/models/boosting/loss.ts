// The losses gradient boosting minimises, as in scikit-learn 1.2 (sklearn._loss): binary log loss
// on one logit, multinomial log loss on one raw score per class (softmax), and half squared error.
// Raw predictions are class-major: raw[k * n + i] is class k's score of row i.
import type { Target } from '../../matrix';

export interface BoostingLoss {
  /** Trees grown per boosting round: 1, or the number of classes for multiclass. */
  readonly nTrees: number;
  /** Starting raw prediction per tree (log-odds of the prior, or the mean). */
  baseline(): Float64Array;
  /** Fills gradients/hessians (class-major, like raw) for the rows in `y`. */
  gradients(raw: Float64Array, g: Float32Array, h: Float32Array): void;
  /** Mean loss (sklearn's definition) of raw predictions against labels. */
  loss(raw: Float64Array, n: number, yIndex?: ArrayLike<number>): number;
  /** True when the hessian is constant (squared error): histograms can count instead of summing. */
  readonly constantHessian: boolean;
}

const EPS = 2.220446049250313e-16;

/** log(1 + exp(x)) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function binaryLogLoss(y: Int32Array): BoostingLoss {
  const n = y.length;
  return {
    nTrees: 1,
    constantHessian: false,
    baseline() {
      let positives = 0;
      for (let i = 0; i < n; i++) positives += y[i];
      const p = Math.min(1 - EPS, Math.max(EPS, positives / n));
      return Float64Array.of(Math.log(p / (1 - p)));
    },
    gradients(raw, g, h) {
      for (let i = 0; i < n; i++) {
        // One formula for every sign (no unpredictable branch); exp(−x) = Infinity gives p = 0.
        const p = 1 / (1 + Math.exp(-raw[i]));
        g[i] = p - y[i];
        h[i] = p * (1 - p);
      }
    },
    loss(raw, rows, labels = y) {
      let total = 0;
      for (let i = 0; i < rows; i++) total += softplus(raw[i]) - labels[i] * raw[i];
      return total / rows;
    },
  };
}

export function multinomialLogLoss(y: Int32Array, nClasses: number): BoostingLoss {
  const n = y.length;
  const K = nClasses;
  return {
    nTrees: K,
    constantHessian: false,
    baseline() {
      const counts = new Float64Array(K);
      for (let i = 0; i < n; i++) counts[y[i]]++;
      const out = new Float64Array(K);
      let mean = 0;
      for (let k = 0; k < K; k++) {
        out[k] = Math.log(Math.min(1 - EPS, Math.max(EPS, counts[k] / n)));
        mean += out[k] / K;
      }
      for (let k = 0; k < K; k++) out[k] -= mean;
      return out;
    },
    gradients(raw, g, h) {
      for (let i = 0; i < n; i++) {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, raw[k * n + i]);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(raw[k * n + i] - max);
        for (let k = 0; k < K; k++) {
          const p = Math.exp(raw[k * n + i] - max) / sum;
          g[k * n + i] = p - (y[i] === k ? 1 : 0);
          h[k * n + i] = p * (1 - p);
        }
      }
    },
    loss(raw, rows, labels = y) {
      let total = 0;
      for (let i = 0; i < rows; i++) {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, raw[k * rows + i]);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += Math.exp(raw[k * rows + i] - max);
        total += max + Math.log(sum) - raw[labels[i] * rows + i];
      }
      return total / rows;
    },
  };
}

export function halfSquaredError(y: Float64Array): BoostingLoss {
  const n = y.length;
  return {
    nTrees: 1,
    constantHessian: true,
    baseline() {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += y[i];
      return Float64Array.of(sum / n);
    },
    gradients(raw, g, h) {
      for (let i = 0; i < n; i++) {
        g[i] = raw[i] - y[i];
        h[i] = 1;
      }
    },
    loss(raw, rows, labels = y) {
      let total = 0;
      for (let i = 0; i < rows; i++) {
        const d = raw[i] - labels[i];
        total += 0.5 * d * d;
      }
      return total / rows;
    },
  };
}

export function lossFor(target: Target): BoostingLoss {
  if (target.task === 'regression') return halfSquaredError(target.y);
  return target.classes.length === 2 ? binaryLogLoss(target.y) : multinomialLogLoss(target.y, target.classes.length);
}
