// Sequential forward selection (scikit-learn's SequentialFeatureSelector, direction "forward"),
// per source column: starting from no sources, try adding each remaining source, score every
// candidate set by k-fold CV, and add the best one. With spec.k it stops at k sources. Without k
// it goes on while the best addition improves the mean CV score, then keeps the shortest prefix of
// that path whose score is within one standard error of the path's best (the one-standard-error
// rule, so that additions worth less than the fold-to-fold spread are not kept).
import type { Matrix, Target } from '../matrix';
import type { FeatureRationale } from '../runTypes';
import { crossValidate, displayScore, makeFolds, metricName, type CvScore } from './crossValidation';
import type { Estimator } from './estimatorChoice';
import { formatNumber } from './ranking';
import { columnsOf, type SourceGroups } from './sourceGroups';
import type { SelectionOutcome, WrapperContext } from './wrapperTypes';

interface Step {
  source: number;
  cv: CvScore;
}

export async function forwardSelection(
  X: Matrix,
  y: Target,
  groups: SourceGroups,
  estimator: Estimator,
  ctx: WrapperContext,
): Promise<SelectionOutcome> {
  const m = groups.names.length;
  const folds = makeFolds(X, y, ctx.folds, ctx.seed);
  const metric = metricName(y);
  const show = (score: number) => formatNumber(displayScore(y, score));
  const path: Step[] = [];
  /** The last CV score each source reached when tried, and at which step. */
  const lastTry = new Map<number, { step: number; score: number }>();
  let stopReason = ctx.k !== undefined ? `k=${ctx.k} reached` : 'all sources added';
  const limit = ctx.k ?? m;
  while (path.length < limit) {
    const step = path.length + 1;
    const chosen = path.map((p) => p.source);
    let best: Step | undefined;
    for (let g = 0; g < m; g++) {
      if (chosen.includes(g)) continue;
      const cv = await crossValidate(estimator, folds, columnsOf(groups, [...chosen, g]), ctx.seed, ctx.signal);
      lastTry.set(g, { step, score: cv.mean });
      if (!best || cv.mean > best.cv.mean) best = { source: g, cv };
    }
    if (ctx.k === undefined && path.length > 0 && !(best!.cv.mean > path[path.length - 1].cv.mean)) {
      stopReason = `no addition improved CV ${metric} at step ${step}`;
      break;
    }
    path.push(best!);
  }
  // Keep the shortest prefix within one standard error of the best (all of it when k is given).
  let best = 0;
  for (let i = 1; i < path.length; i++) if (path[i].cv.mean > path[best].cv.mean) best = i;
  let kept = path.length;
  if (ctx.k === undefined) {
    const reach = path[best].cv.mean - path[best].cv.standardError;
    kept = 1;
    while (path[kept - 1].cv.mean < reach) kept++;
  }
  const final = path[kept - 1].cv;
  const rationale: FeatureRationale[] = new Array(m);
  path.forEach((p, i) => {
    const before = i > 0 ? `${show(path[i - 1].cv.mean)} → ` : '';
    const added = `added at step ${i + 1} of forward selection (CV ${metric} ${before}${show(p.cv.mean)})`;
    const included = i < kept;
    rationale[p.source] = {
      feature: groups.names[p.source],
      included,
      reason: included
        ? added
        : `${added} but not kept: the first ${kept} sources score ${show(final.mean)}, within one standard error (${formatNumber(path[best].cv.standardError)}) of the best ${show(path[best].cv.mean)}`,
      score: displayScore(y, p.cv.mean),
    };
  });
  for (let g = 0; g < m; g++) {
    if (rationale[g]) continue;
    const tried = lastTry.get(g)!;
    rationale[g] = {
      feature: groups.names[g],
      included: false,
      reason: `not added by forward selection (CV ${metric} ${show(tried.score)} with it at step ${tried.step} vs ${show(path[path.length - 1].cv.mean)} for the ${path.length} sources added by then; ${stopReason})`,
      score: displayScore(y, tried.score),
    };
  }
  return {
    selected: rationale.map((r) => r.included),
    rationale,
    extra: {
      metric,
      keptSteps: kept,
      path: path.map((p, i) => ({
        step: i + 1,
        added: groups.names[p.source],
        score: displayScore(y, p.cv.mean),
        standardError: p.cv.standardError,
      })),
    },
  };
}
