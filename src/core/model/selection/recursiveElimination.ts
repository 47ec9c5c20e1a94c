// Recursive feature elimination with cross-validation (scikit-learn's RFECV idea), per source
// column: within each training fold, fit the estimator on the remaining sources, score the test
// fold, and drop the source with the smallest importance (sum of its encoded columns'
// featureImportances()); the CV score of every subset size is the mean over folds. The chosen size
// is spec.k, else the smallest size whose mean score is within one standard error of the best
// (the one-standard-error rule: sklearn's RFECV takes the plain best, which on large data often
// keeps a few noise sources for gains far below the fold-to-fold spread). The final elimination
// on all training rows gives the order in which sources go.
import { takeMatrixColumns, type Matrix, type Target } from '../matrix';
import { betweenFits } from './betweenFits';
import type { FeatureRationale } from '../runTypes';
import { displayScore, makeFolds, metricName, scoreModel, summarize, type Fold } from './crossValidation';
import { importancesOf, type Estimator } from './estimatorChoice';
import { formatNumber } from './ranking';
import { columnsOf, subsetImportances, type SourceGroups } from './sourceGroups';
import type { SelectionOutcome, WrapperContext } from './wrapperTypes';

function lowest(scores: Float64Array): number {
  let position = 0;
  for (let p = 1; p < scores.length; p++) if (scores[p] < scores[position]) position = p;
  return position;
}

/** One fold's elimination path: the test score of every subset size (index = size). */
async function eliminationScores(
  estimator: Estimator,
  fold: Fold,
  groups: SourceGroups,
  ctx: WrapperContext,
): Promise<Float64Array> {
  const scoreBySize = new Float64Array(groups.names.length + 1);
  const remaining = groups.names.map((_, g) => g);
  for (;;) {
    await betweenFits(ctx.signal);
    const columns = columnsOf(groups, remaining);
    const model = await estimator.fit(takeMatrixColumns(fold.trainX, columns), fold.trainY, {
      seed: ctx.seed,
      signal: ctx.signal,
    });
    scoreBySize[remaining.length] += scoreModel(model, takeMatrixColumns(fold.testX, columns), fold.testY);
    if (remaining.length === 1) return scoreBySize;
    remaining.splice(lowest(subsetImportances(groups, remaining, importancesOf(model, 'rfe'))), 1);
  }
}

export async function recursiveElimination(
  X: Matrix,
  y: Target,
  groups: SourceGroups,
  estimator: Estimator,
  ctx: WrapperContext,
): Promise<SelectionOutcome> {
  const m = groups.names.length;
  const folds = makeFolds(X, y, ctx.folds, ctx.seed);
  const perFold: Float64Array[] = [];
  for (const fold of folds) perFold.push(await eliminationScores(estimator, fold, groups, ctx));
  const cv = Array.from({ length: m + 1 }, (_, s) =>
    s === 0 ? undefined : summarize(perFold.map((scores) => scores[s])),
  );
  const scoreBySize = Float64Array.from(cv, (c) => c?.mean ?? NaN);
  let chosen = ctx.k ?? 1;
  if (ctx.k === undefined) {
    let best = 1;
    for (let s = 2; s <= m; s++) if (scoreBySize[s] > scoreBySize[best]) best = s;
    const reach = scoreBySize[best] - cv[best]!.standardError;
    while (scoreBySize[chosen] < reach) chosen++;
  }
  const metric = metricName(y);
  const show = (s: number) => formatNumber(displayScore(y, scoreBySize[s]));
  const sizeNote = ctx.k === undefined ? 'the smallest size within one standard error of the best' : `k=${ctx.k}`;
  // Final elimination on all training rows, down to the chosen size.
  const remaining = groups.names.map((_, g) => g);
  const rationale: FeatureRationale[] = new Array(m);
  for (let step = 1; ; step++) {
    await betweenFits(ctx.signal);
    const model = await estimator.fit(takeMatrixColumns(X, columnsOf(groups, remaining)), y, {
      seed: ctx.seed,
      signal: ctx.signal,
    });
    const importance = subsetImportances(groups, remaining, importancesOf(model, 'rfe'));
    const size = remaining.length;
    if (size === chosen) {
      remaining.forEach((g, p) => {
        rationale[g] = {
          feature: groups.names[g],
          included: true,
          reason: `kept by RFE: importance ${formatNumber(importance[p])} in the ${estimator.definition.kind} fitted on the ${chosen} kept sources; CV ${metric} ${show(chosen)} with ${chosen} of ${m} sources (${sizeNote})`,
          score: importance[p],
        };
      });
      break;
    }
    const position = lowest(importance);
    const g = remaining[position];
    rationale[g] = {
      feature: groups.names[g],
      included: false,
      reason: `eliminated at step ${step} of RFE (importance ${formatNumber(importance[position])}, the lowest of ${size}; CV ${metric} ${show(size - 1)} without it vs ${show(size)} with)`,
      score: importance[position],
    };
    remaining.splice(position, 1);
  }
  const cvBySize = Array.from({ length: m }, (_, s) => ({
    size: s + 1,
    score: displayScore(y, scoreBySize[s + 1]),
    standardError: cv[s + 1]!.standardError,
  }));
  return { selected: rationale.map((r) => r.included), rationale, extra: { metric, cvBySize, chosenSize: chosen } };
}
