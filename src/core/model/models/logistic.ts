// Logistic regression with scikit-learn's LogisticRegression semantics: minimises
//   C · Σᵢ log-loss + (1 − r)/2 · ||W||² + r · ||W||₁     (r = 1 for "l1", 0 for "l2", l1_ratio for
// "elasticnet"; no penalty for "none"), intercepts unpenalised; binary (one vector) for two classes,
// multinomial (softmax) for more. Solvers: L-BFGS with a strong-Wolfe line search for l2/none,
// OWL-QN (orthant-wise L-BFGS) for l1/elasticnet. Internally the objective is divided by C, as
// scikit-learn's lbfgs does, so `tol` bounds the same gradient. Needs imputed features.
import type { Matrix, Target } from '../matrix';
import type { FitContext, ModelDefinition, SerializedModel } from './estimator';
import { ModelFormatError, ModelParamError, throwIfAborted } from './estimator';
import { checkParams } from './linear/paramChecks';
import { assertFinite, assertRows, classCounts, numbers, openSaved } from './linear/modelData';
import { logisticObjective, stride, vectors, type LogisticProblem } from './linear/logisticLoss';
import { FittedLogisticRegression, LOGISTIC_VERSION } from './linear/logisticModel';
import { Cooperative } from './linear/cooperative';
import { lbfgs, type SmoothObjective } from '../optim/lbfgs';
import { owlqn } from '../optim/owlqn';

const KIND = 'logistic_regression';

/**
 * scipy's L-BFGS-B default relative-decrease tolerance (factr 1e7 × machine epsilon), which
 * scikit-learn 1.2 leaves in place: at the default tol (1e-4) we stop exactly where it does.
 * A tighter tol tightens it proportionally (scikit-learn ignores tol here, so its lbfgs cannot
 * reach tight tolerances), down to 64 · machine epsilon.
 */
const SCIPY_FTOL = 1e7 * 2.220446049250313e-16;
const MIN_FTOL = 64 * 2.220446049250313e-16;
const DEFAULT_TOL = 1e-4;

function relativeDecreaseTolerance(tol: number): number {
  return Math.max(MIN_FTOL, SCIPY_FTOL * Math.min(1, tol / DEFAULT_TOL));
}
const TITLE = 'Logistic regression';

export interface LogisticRegressionParams extends Record<string, unknown> {
  penalty: 'l2' | 'none' | 'l1' | 'elasticnet';
  /** Inverse regularisation strength. */
  C: number;
  /** Elastic-net mixing (0 = l2, 1 = l1); required for penalty "elasticnet". */
  l1_ratio: number | null;
  fit_intercept: boolean;
  max_iter: number;
  tol: number;
}

/**
 * The objective, with the check for missing / infinite features folded into its first call (at
 * zero coefficients) instead of a separate pass over X: there every score is 0 · x, which is NaN
 * exactly when some x is NaN or infinite, so a non-finite first value means the data has one,
 * and assertFinite then names the feature and row.
 */
function checkedOnFirstCall(objective: SmoothObjective, X: Matrix): SmoothObjective {
  let first = true;
  return (params, grad) => {
    const value = objective(params, grad);
    if (first) {
      first = false;
      if (!Number.isFinite(value)) assertFinite(X, TITLE, 'fit');
    }
    return value;
  };
}

export const logisticRegression: ModelDefinition<LogisticRegressionParams> = {
  kind: KIND,
  title: 'Logistic regression (L2, L1, elastic net or no penalty; multinomial for several classes)',
  tasks: ['classification'],
  handlesMissing: false,
  defaults: () => ({ penalty: 'l2', C: 1, l1_ratio: null, fit_intercept: true, max_iter: 100, tol: 1e-4 }),
  params(raw) {
    const p = checkParams(KIND, raw, logisticRegression.defaults('classification'), {
      penalty: { type: 'enum', values: ['l2', 'none', 'l1', 'elasticnet'] },
      C: { type: 'number', min: 0, minExclusive: true },
      l1_ratio: { type: 'number', min: 0, max: 1, nullable: true },
      fit_intercept: { type: 'boolean' },
      max_iter: { type: 'number', integer: true, min: 1 },
      tol: { type: 'number', min: 0, minExclusive: true },
    });
    if (p.penalty === 'elasticnet' && p.l1_ratio === null) {
      throw new ModelParamError(KIND, 'l1_ratio', 'required (a number in [0, 1]) when penalty is "elasticnet".');
    }
    return p;
  },
  async fit(X: Matrix, y: Target, params: LogisticRegressionParams, ctx: FitContext) {
    throwIfAborted(ctx.signal);
    if (y.task !== 'classification') throw new Error(`${KIND}: needs a classification target.`);
    assertRows(X, y.y.length, TITLE);
    const counts = classCounts(y.y, y.classes.length);
    const presentList: number[] = [];
    counts.forEach((count, c) => {
      if (count > 0) presentList.push(c);
    });
    const present = Int32Array.from(presentList);
    const p = X.cols;
    if (present.length < 2) {
      assertFinite(X, TITLE, 'fit');
      return new FittedLogisticRegression([...y.classes], present, p, new Float64Array(0), new Float64Array(0), {
        solver: 'none',
        iterations: 0,
        converged: true,
        singleClass: true,
      });
    }
    // Re-index to the classes present (a CV fold may lack one).
    const remap = new Int32Array(y.classes.length).fill(-1);
    present.forEach((c, index) => {
      remap[c] = index;
    });
    const yLocal = new Int32Array(y.y.length);
    for (let i = 0; i < yLocal.length; i++) yLocal[i] = remap[y.y[i]];
    const r = params.penalty === 'l1' ? 1 : params.penalty === 'elasticnet' ? (params.l1_ratio ?? 0) : 0;
    const penalised = params.penalty !== 'none';
    const problem: LogisticProblem = {
      X: X.data,
      rows: X.rows,
      cols: p,
      y: yLocal,
      classes: present.length,
      fitIntercept: params.fit_intercept,
      l2: penalised ? (1 - r) / params.C : 0,
    };
    const width = stride(problem);
    const m = vectors(problem);
    const objective = checkedOnFirstCall(logisticObjective(problem), X);
    const cooperative = new Cooperative(ctx.signal);
    const options = {
      maxIter: params.max_iter,
      gtol: params.tol,
      ftol: relativeDecreaseTolerance(params.tol),
      onIteration: async (iteration: number, f: number) => {
        await cooperative.checkpoint();
        // trainLoss: the objective per row, i.e. mean log loss + penalty / (C·rows).
        return ctx.onIteration?.({ iteration, total: params.max_iter, trainLoss: f / X.rows }) === 'stop';
      },
    };
    const x0 = new Float64Array(width * m);
    let result;
    if (penalised && r > 0) {
      const l1 = new Float64Array(width * m);
      for (let v = 0; v < m; v++) for (let j = 0; j < p; j++) l1[v * width + j] = r / params.C;
      result = await owlqn(objective, l1, x0, options);
    } else {
      result = await lbfgs(objective, x0, options);
    }
    const coef = new Float64Array(m * p);
    const intercept = new Float64Array(m);
    for (let v = 0; v < m; v++) {
      for (let j = 0; j < p; j++) coef[v * p + j] = result.x[v * width + j];
      intercept[v] = params.fit_intercept ? result.x[v * width + p] : 0;
    }
    return new FittedLogisticRegression([...y.classes], present, p, coef, intercept, {
      solver: r > 0 && penalised ? 'owlqn' : 'lbfgs',
      iterations: result.iterations,
      converged: result.converged,
      stopReason: result.reason,
      evaluations: result.evaluations,
      objective: penalised ? result.f * params.C : result.f,
      multinomial: m > 1,
    });
  },
  load(saved: SerializedModel) {
    const state = openSaved(saved, KIND, LOGISTIC_VERSION);
    if (saved.task !== 'classification') throw new ModelFormatError(`${KIND}: the saved model is not a classifier.`);
    const classes = saved.classes as string[];
    const present = numbers(state, 'present', KIND);
    if (present.some((c) => !Number.isInteger(c) || c < 0 || c >= classes.length) || present.length < 1)
      throw new ModelFormatError(`${KIND}: the saved state's "present" classes are invalid.`);
    const m = present.length < 2 ? 0 : present.length === 2 ? 1 : present.length;
    const coef = numbers(state, 'coef', KIND, m * saved.nFeatures);
    const intercept = numbers(state, 'intercept', KIND, m);
    const info = (state.info && typeof state.info === 'object' ? state.info : {}) as Record<
      string,
      number | string | boolean
    >;
    return new FittedLogisticRegression([...classes], Int32Array.from(present), saved.nFeatures, coef, intercept, {
      ...info,
    });
  },
};
