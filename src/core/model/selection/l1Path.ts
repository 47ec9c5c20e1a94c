// Embedded selection by an L1 penalty: a LASSO path (linear_regression, penalty l1, over alphas
// from alpha_max — where every coefficient is zero — down to alpha_max/1000, like LassoCV's grid)
// or L1 logistic regression (over C from sklearn's l1_min_c up 10³ times). Each value is scored by
// k-fold CV; the chosen value follows the one-standard-error rule (the most regularised value whose
// CV score is within one standard error of the best), and the sources whose coefficients are
// non-zero there (|coef| summed over a source's encoded columns > threshold, default 1e-5 like
// SelectFromModel for L1 models) are kept; spec.k keeps at most the k largest of them.
import { column, takeMatrixColumns, type Matrix, type Target } from '../matrix';
import { betweenFits } from './betweenFits';
import type { FeatureRationale } from '../runTypes';
import { crossValidate, displayScore, makeFolds, metricName, type CvScore } from './crossValidation';
import { importancesOf, makeEstimator, resolveEstimator } from './estimatorChoice';
import { formatNumber, rankScores } from './ranking';
import { groupScores, type SourceGroups } from './sourceGroups';
import type { SelectionOutcome, WrapperContext } from './wrapperTypes';

const REGRESSION_GRID = 20;
const CLASSIFICATION_GRID = 10;
/** SelectFromModel's threshold for L1-penalised models. */
const L1_THRESHOLD = 1e-5;

/** LassoCV's alpha_max = max_j |x_jᵀ(y - ȳ)| / n on centred columns. */
export function alphaMax(X: Matrix, y: Float64Array): number {
  const n = X.rows;
  let my = 0;
  for (let i = 0; i < n; i++) my += y[i];
  my /= n;
  let best = 0;
  for (let j = 0; j < X.cols; j++) {
    const x = column(X, j);
    let mx = 0;
    for (let i = 0; i < n; i++) mx += x[i];
    mx /= n;
    let dot = 0;
    for (let i = 0; i < n; i++) dot += (x[i] - mx) * (y[i] - my);
    best = Math.max(best, Math.abs(dot) / n);
  }
  return best;
}

/** sklearn's l1_min_c for the log loss with an intercept: 2 / max |Yᵀ[X, 1]|, Y in {-1, +1} one-vs-rest. */
export function l1MinC(X: Matrix, y: Int32Array, nClasses: number): number {
  let den = 0;
  const sums = new Float64Array(nClasses);
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  const n = y.length;
  for (let c = 0; c < nClasses; c++) den = Math.max(den, Math.abs(2 * counts[c] - n));
  for (let j = 0; j < X.cols; j++) {
    const x = column(X, j);
    let total = 0;
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      sums[y[i]] += x[i];
      total += x[i];
    }
    // Σ_i Y_ic x_ij with Y = +1 in class c, -1 elsewhere = 2·(class sum) - total.
    for (let c = 0; c < nClasses; c++) den = Math.max(den, Math.abs(2 * sums[c] - total));
  }
  return den > 0 ? 2 / den : 1;
}

interface GridPoint {
  value: number;
  cv: CvScore;
}

export async function l1Selection(
  X: Matrix,
  y: Target,
  groups: SourceGroups,
  ctx: WrapperContext,
): Promise<SelectionOutcome> {
  const regression = y.task === 'regression';
  const definition = resolveEstimator(regression ? 'linear_regression' : 'logistic_regression', y.task, 'l1');
  const parameter = regression ? 'alpha' : 'C';
  let grid: number[];
  if (y.task === 'regression') {
    const top = alphaMax(X, y.y) || 1;
    grid = Array.from({ length: REGRESSION_GRID }, (_, i) => top * Math.pow(10, (-3 * i) / (REGRESSION_GRID - 1)));
  } else {
    const low = l1MinC(X, y.y, y.classes.length);
    grid = Array.from(
      { length: CLASSIFICATION_GRID },
      (_, i) => low * Math.pow(10, (3 * i) / (CLASSIFICATION_GRID - 1)),
    );
  }
  const folds = makeFolds(X, y, ctx.folds, ctx.seed);
  const allColumns = Array.from({ length: X.cols }, (_, j) => j);
  const path: GridPoint[] = [];
  for (const value of grid) {
    await betweenFits(ctx.signal);
    const estimator = makeEstimator(definition, y.task, { penalty: 'l1', [parameter]: value });
    path.push({ value, cv: await crossValidate(estimator, folds, allColumns, ctx.seed, ctx.signal) });
  }
  // Grid runs from most to least regularised; the 1-SE rule takes the first within reach of the best.
  let best = 0;
  for (let i = 1; i < path.length; i++) if (path[i].cv.mean > path[best].cv.mean) best = i;
  const reach = path[best].cv.mean - path[best].cv.standardError;
  const chosen = path.find((p) => p.cv.mean >= reach) ?? path[best];
  await betweenFits(ctx.signal);
  const model = await makeEstimator(definition, y.task, { penalty: 'l1', [parameter]: chosen.value }).fit(
    takeMatrixColumns(X, allColumns),
    y,
    { seed: ctx.seed, signal: ctx.signal },
  );
  const coefficient = groupScores(groups, importancesOf(model, 'l1'), 'sum');
  const threshold = ctx.threshold ?? L1_THRESHOLD;
  const rank = rankScores(coefficient);
  const nonZero = Array.from(coefficient, (c) => c > threshold);
  const selected = nonZero.map((keep, g) => keep && (ctx.k === undefined || rank[g] <= ctx.k));
  const metric = metricName(y);
  const at = `at the chosen ${parameter}=${formatNumber(chosen.value)} (${ctx.folds}-fold CV ${metric} ${formatNumber(displayScore(y, chosen.cv.mean))}, one-standard-error rule)`;
  const rationale = groups.names.map((feature, g): FeatureRationale => {
    const c = coefficient[g];
    const size = groups.columns[g].length > 1 ? ` (sum over ${groups.columns[g].length} encoded columns)` : '';
    let reason: string;
    if (selected[g])
      reason = `L1 |coefficient| ${formatNumber(c)}${size} ${at}, rank ${rank[g]} of ${groups.names.length}`;
    else if (!nonZero[g])
      reason =
        c === 0
          ? `L1 coefficient 0 ${at}`
          : `L1 |coefficient| ${formatNumber(c)}${size} not above threshold ${formatNumber(threshold)} ${at}`;
    else
      reason = `L1 |coefficient| ${formatNumber(c)}${size} ${at}, rank ${rank[g]} of ${groups.names.length}, dropped (k=${ctx.k})`;
    return { feature, included: selected[g], reason, score: c };
  });
  return {
    selected,
    rationale,
    extra: {
      metric,
      parameter,
      chosen: chosen.value,
      path: path.map((p) => ({
        [parameter]: p.value,
        score: displayScore(y, p.cv.mean),
        standardError: p.cv.standardError,
      })),
    },
  };
}
