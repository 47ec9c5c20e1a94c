// Linear regression with no, L2, L1 or elastic-net penalty, following scikit-learn model by model:
//   penalty "none"       → LinearRegression (least squares; minimum-norm solution when singular)
//   penalty "l2"         → Ridge:  ||y - Xw||² + alpha·||w||²   (closed form, Cholesky)
//   penalty "l1"         → Lasso:  1/(2n)||y - Xw||² + alpha·||w||₁   (coordinate descent)
//   penalty "elasticnet" → ElasticNet: 1/(2n)||y - Xw||² + alpha·l1_ratio·||w||₁ + alpha·(1-l1_ratio)/2·||w||²
// The intercept is never penalised (data are centred first). Needs imputed (NaN-free) features.
import type { Matrix, Target } from '../matrix';
import type { FitContext, ModelDefinition, SerializedModel } from './estimator';
import { ModelFormatError, throwIfAborted } from './estimator';
import { checkParams } from './linear/paramChecks';
import { assertFinite, assertRows, numbers, openSaved, savedNumber } from './linear/modelData';
import { centreColumns, centreVector } from './linear/centering';
import { solveRidge } from './linear/leastSquares';
import { elasticNetDescent } from './linear/coordinateDescent';
import { Cooperative } from './linear/cooperative';
import { FittedLinearRegression, LINEAR_VERSION } from './linear/linearModel';

const KIND = 'linear_regression';
const TITLE = 'Linear regression';

export interface LinearRegressionParams extends Record<string, unknown> {
  penalty: 'none' | 'l2' | 'l1' | 'elasticnet';
  alpha: number;
  l1_ratio: number;
  fit_intercept: boolean;
  max_iter: number;
  tol: number;
}

export const linearRegression: ModelDefinition<LinearRegressionParams> = {
  kind: KIND,
  title: 'Linear regression: least squares, ridge (l2), lasso (l1) or elastic net',
  tasks: ['regression'],
  handlesMissing: false,
  defaults: () => ({ penalty: 'none', alpha: 1, l1_ratio: 0.5, fit_intercept: true, max_iter: 1000, tol: 1e-4 }),
  params(raw) {
    return checkParams(KIND, raw, linearRegression.defaults('regression'), {
      penalty: { type: 'enum', values: ['none', 'l2', 'l1', 'elasticnet'] },
      alpha: { type: 'number', min: 0 },
      l1_ratio: { type: 'number', min: 0, max: 1 },
      fit_intercept: { type: 'boolean' },
      max_iter: { type: 'number', integer: true, min: 1 },
      tol: { type: 'number', min: 0, minExclusive: true },
    });
  },
  async fit(X: Matrix, y: Target, params: LinearRegressionParams, ctx: FitContext) {
    throwIfAborted(ctx.signal);
    if (y.task !== 'regression') throw new Error(`${KIND}: needs a regression target.`);
    assertRows(X, y.y.length, TITLE);
    assertFinite(X, TITLE, 'fit');
    for (let i = 0; i < y.y.length; i++)
      if (!Number.isFinite(y.y[i]))
        throw new Error(`${TITLE}: the target has a missing or infinite value at row ${i + 1}.`);
    const n = X.rows;
    const centred = centreColumns(X, params.fit_intercept);
    const target = centreVector(y.y, params.fit_intercept);
    const l1Ratio = params.penalty === 'l1' ? 1 : params.penalty === 'elasticnet' ? params.l1_ratio : 0;
    let coef: Float64Array;
    let info: Record<string, number | string | boolean>;
    if (params.penalty === 'none' || params.penalty === 'l2' || params.alpha === 0 || l1Ratio === 0) {
      // Ridge's alpha is against the sum of squares; the elastic net's against the mean (× n).
      const ridgeAlpha =
        params.penalty === 'none' ? 0 : params.penalty === 'l2' ? params.alpha : params.alpha * (1 - l1Ratio) * n;
      const solved = solveRidge(centred.X, n, X.cols, target.y, ridgeAlpha);
      coef = solved.coef;
      info = {
        solver: solved.singular ? 'pseudo-inverse' : 'cholesky',
        iterations: 1,
        converged: true,
        singular: solved.singular,
      };
      ctx.onIteration?.({
        iteration: 1,
        total: 1,
        trainLoss: halfMeanSquaredError(X, y.y, coef, target.mean - dot(centred.means, coef)),
      });
    } else {
      const cooperative = new Cooperative(ctx.signal);
      const result = await elasticNetDescent(centred.X, n, X.cols, target.y, {
        alpha: params.alpha,
        l1Ratio,
        maxIter: params.max_iter,
        tol: params.tol,
        cooperative,
        onPass: ctx.onIteration
          ? (pass, objective) =>
              ctx.onIteration?.({ iteration: pass, total: params.max_iter, trainLoss: objective }) === 'stop'
          : undefined,
      });
      coef = result.coef;
      info = {
        solver: 'coordinate_descent',
        iterations: result.iterations,
        converged: result.converged,
        stoppedEarly: result.stopped,
      };
      if (Number.isFinite(result.dualityGap)) info.dualityGap = result.dualityGap;
    }
    const intercept = params.fit_intercept ? target.mean - dot(centred.means, coef) : 0;
    return new FittedLinearRegression(coef, intercept, info);
  },
  load(saved: SerializedModel) {
    const state = openSaved(saved, KIND, LINEAR_VERSION);
    if (saved.task !== 'regression') throw new ModelFormatError(`${KIND}: the saved model is not a regressor.`);
    const coef = numbers(state, 'coef', KIND, saved.nFeatures);
    const info = (state.info && typeof state.info === 'object' ? state.info : {}) as Record<
      string,
      number | string | boolean
    >;
    return new FittedLinearRegression(coef, savedNumber(state, 'intercept', KIND), { ...info });
  },
};

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function halfMeanSquaredError(X: Matrix, y: Float64Array, coef: Float64Array, intercept: number): number {
  const prediction = new FittedLinearRegression(coef, intercept, {}).predict(X);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - prediction[i]) ** 2;
  return s / (2 * y.length);
}
