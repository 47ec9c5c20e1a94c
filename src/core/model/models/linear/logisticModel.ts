// A fitted logistic regression (binary: one coefficient vector for the higher of the two classes;
// multinomial: one per class, softmax). Classes absent from the training rows get probability 0;
// with a single class present every row gets probability 1 for it.
import type { Matrix } from '../../matrix';
import type { FittedModel, SerializedModel } from '../estimator';
import { argmaxRows, assertFeatureCount, assertFinite } from './modelData';

export const LOGISTIC_VERSION = 1;

export class FittedLogisticRegression implements FittedModel {
  readonly kind = 'logistic_regression';
  readonly task = 'classification' as const;
  readonly nFeatures: number;
  /**
   * @param present indices (into classes) of the classes seen in training, ascending
   * @param coef row-major vectors × nFeatures (vectors = 1 binary, present.length multinomial, 0 one class)
   */
  constructor(
    readonly classes: string[],
    readonly present: Int32Array,
    nFeatures: number,
    readonly coef: Float64Array,
    readonly intercept: Float64Array,
    readonly info: Record<string, number | string | boolean>,
  ) {
    this.nFeatures = nFeatures;
  }

  private get vectors(): number {
    return this.intercept.length;
  }

  /** Linear scores, vector-major: z[v*rows + i]. */
  private scores(X: Matrix): Float64Array {
    const rows = X.rows;
    const z = new Float64Array(rows * this.vectors);
    for (let v = 0; v < this.vectors; v++) {
      const zv = z.subarray(v * rows, (v + 1) * rows);
      zv.fill(this.intercept[v]);
      for (let j = 0; j < this.nFeatures; j++) {
        const w = this.coef[v * this.nFeatures + j];
        if (w === 0) continue;
        const start = j * rows;
        for (let i = 0; i < rows; i++) zv[i] += w * X.data[start + i];
      }
    }
    return z;
  }

  predictProba(X: Matrix): Float64Array {
    assertFeatureCount(X, this.nFeatures, 'Logistic regression');
    assertFinite(X, 'Logistic regression', 'predict');
    const rows = X.rows;
    const k = this.classes.length;
    const out = new Float64Array(rows * k);
    if (this.vectors === 0) {
      for (let i = 0; i < rows; i++) out[i * k + this.present[0]] = 1;
      return out;
    }
    const z = this.scores(X);
    if (this.vectors === 1) {
      const [negative, positive] = this.present;
      for (let i = 0; i < rows; i++) {
        const zi = z[i];
        const p = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi));
        out[i * k + positive] = p;
        out[i * k + negative] = 1 - p;
      }
      return out;
    }
    const m = this.vectors;
    for (let i = 0; i < rows; i++) {
      let max = -Infinity;
      for (let v = 0; v < m; v++) max = Math.max(max, z[v * rows + i]);
      let sum = 0;
      for (let v = 0; v < m; v++) sum += Math.exp(z[v * rows + i] - max);
      for (let v = 0; v < m; v++) out[i * k + this.present[v]] = Math.exp(z[v * rows + i] - max) / sum;
    }
    return out;
  }

  predict(X: Matrix): Float64Array {
    return argmaxRows(this.predictProba(X), X.rows, this.classes.length);
  }

  /** |coefficient| per feature; the mean over classes for multinomial models. */
  featureImportances(): Float64Array {
    const out = new Float64Array(this.nFeatures);
    const m = this.vectors;
    if (m === 0) return out;
    for (let v = 0; v < m; v++)
      for (let j = 0; j < this.nFeatures; j++) out[j] += Math.abs(this.coef[v * this.nFeatures + j]) / m;
    return out;
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      version: LOGISTIC_VERSION,
      task: this.task,
      nFeatures: this.nFeatures,
      classes: [...this.classes],
      state: {
        present: Array.from(this.present),
        coef: Array.from(this.coef),
        intercept: Array.from(this.intercept),
        info: { ...this.info },
      },
    };
  }
}
