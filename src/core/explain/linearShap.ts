// Exact SHAP for linear models: with the features independent (the interventional view), the
// Shapley value of feature f on a row x is coef_f · (x_f − mean_f), the mean taken over the
// background (default: the training rows), on the model's input scale (after the pipeline's
// scaling and encoding). The output is the linear score: the value for linear regression, the
// log-odds of the positive class for binary logistic regression, one softmax score per class
// for multinomial. base = intercept + coef · mean.
import type { FittedModel } from '../model/models/estimator';
import { FittedLinearRegression } from '../model/models/linear/linearModel';
import { FittedLogisticRegression } from '../model/models/linear/logisticModel';
import type { ShapValues } from './treeExplainer';

export interface LinearSet {
  /** Vectors × features, row-major. */
  coef: Float64Array;
  intercept: Float64Array;
  outputs: number;
  outputKind: 'value' | 'log-odds' | 'softmax-score';
  outputNames: string[];
}

export function linearSetOf(model: FittedModel): LinearSet | undefined {
  if (model instanceof FittedLinearRegression)
    return {
      coef: model.coef,
      intercept: Float64Array.of(model.intercept),
      outputs: 1,
      outputKind: 'value',
      outputNames: ['value'],
    };
  if (model instanceof FittedLogisticRegression) {
    const vectors = model.intercept.length;
    if (vectors === 0) return undefined;
    const names = Array.from(model.present, (c) => model.classes[c]);
    return {
      coef: model.coef,
      intercept: model.intercept,
      outputs: vectors,
      outputKind: vectors === 1 ? 'log-odds' : 'softmax-score',
      outputNames: vectors === 1 ? [`log-odds(${names[1]})`] : names.map((c) => `score(${c})`),
    };
  }
  return undefined;
}

/** Column means of row-major rows (NaN-free: the pipeline imputed them). */
export function columnMeans(rows: Float64Array, features: number): Float64Array {
  const n = rows.length / features;
  const mean = new Float64Array(features);
  for (let i = 0; i < n; i++) for (let f = 0; f < features; f++) mean[f] += rows[i * features + f];
  for (let f = 0; f < features; f++) mean[f] /= Math.max(1, n);
  return mean;
}

/** Linear SHAP of every row (row-major) against the background mean. */
export function explainLinear(set: LinearSet, rows: Float64Array, features: number, mean: Float64Array): ShapValues {
  const n = rows.length / features;
  const { outputs, coef, intercept } = set;
  const values = new Float64Array(n * features * outputs);
  const output = new Float64Array(n * outputs);
  const base = new Float64Array(outputs);
  for (let k = 0; k < outputs; k++) {
    base[k] = intercept[k];
    for (let f = 0; f < features; f++) base[k] += coef[k * features + f] * mean[f];
  }
  let worst = 0;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < outputs; k++) {
      let score = intercept[k];
      let sum = base[k];
      for (let f = 0; f < features; f++) {
        const x = rows[i * features + f];
        const w = coef[k * features + f];
        const phi = w * (x - mean[f]);
        values[(i * features + f) * outputs + k] = phi;
        score += w * x;
        sum += phi;
      }
      output[i * outputs + k] = score;
      worst = Math.max(worst, Math.abs(sum - score) / Math.max(1, Math.abs(score)));
    }
  return { rows: n, features, outputs, values, base, output, additivityError: worst };
}
