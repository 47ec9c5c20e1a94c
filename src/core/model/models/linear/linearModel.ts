// A fitted linear predictor (coefficients + intercept) for regression, shared by the linear
// regression kinds: prediction, |coefficient| importances and the saved state.
import type { Matrix } from '../../matrix';
import type { FittedModel, SerializedModel } from '../estimator';
import { assertFeatureCount, assertFinite } from './modelData';

export const LINEAR_VERSION = 1;

export class FittedLinearRegression implements FittedModel {
  readonly kind = 'linear_regression';
  readonly task = 'regression' as const;
  readonly nFeatures: number;
  constructor(
    readonly coef: Float64Array,
    readonly intercept: number,
    readonly info: Record<string, number | string | boolean>,
  ) {
    this.nFeatures = coef.length;
  }

  predict(X: Matrix): Float64Array {
    assertFeatureCount(X, this.nFeatures, 'Linear regression');
    assertFinite(X, 'Linear regression', 'predict');
    const out = new Float64Array(X.rows).fill(this.intercept);
    for (let j = 0; j < X.cols; j++) {
      const w = this.coef[j];
      if (w === 0) continue;
      const start = j * X.rows;
      for (let i = 0; i < X.rows; i++) out[i] += w * X.data[start + i];
    }
    return out;
  }

  featureImportances(): Float64Array {
    return this.coef.map(Math.abs);
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      version: LINEAR_VERSION,
      task: this.task,
      nFeatures: this.nFeatures,
      state: { coef: Array.from(this.coef), intercept: this.intercept, info: { ...this.info } },
    };
  }
}
