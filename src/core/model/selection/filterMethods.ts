// The filter methods: score every encoded feature on its own against the target, then score a
// source column by its best encoded feature (a one-hot group is as informative as its most
// informative category) and keep the k best sources or those above a threshold.
//   variance    VarianceThreshold: population variance. The pipeline has usually scaled X, so
//               with standard scaling every non-constant feature has variance 1 and this only
//               removes constant ones (the default threshold 0 does exactly that).
//   correlation |Pearson r| with a numeric target; the correlation ratio η with classes.
//   mutual_info mutual_info_classif / mutual_info_regression (k-NN estimator, seeded jitter).
//   chi2        sklearn chi2 (non-negative features only: scale minmax or none).
//   anova_f     f_classif / f_regression.
import type { Matrix, Target } from '../matrix';
import type { FeatureSelectionSpec } from '../specTypes';
import { discreteColumns, mutualInfo } from './mutualInfo';
import { sampleRows } from './seededNoise';
import { formatNumber, type KeepRule, type ScoredSources } from './ranking';
import { groupScores, type SourceGroups } from './sourceGroups';
import {
  chi2,
  fClassif,
  featureVariances,
  fRegression,
  targetCorrelation,
  type UnivariateScores,
} from './univariateScores';
import { takeMatrixRows, takeTargetRows } from '../matrix';

export type FilterMethod = 'variance' | 'correlation' | 'mutual_info' | 'chi2' | 'anova_f';

/** Rows beyond which mutual information is estimated on a seeded sample (the k-NN estimate is O(n log n) per feature and more). */
export const MI_MAX_ROWS = 50_000;

const LABELS: Record<FilterMethod, string> = {
  variance: 'variance',
  correlation: 'correlation',
  mutual_info: 'mutual information',
  chi2: 'chi-squared',
  anova_f: 'ANOVA F',
};

function scoresFor(
  method: FilterMethod,
  X: Matrix,
  y: Target,
  sources: string[],
  seed: number,
  signal?: AbortSignal,
): UnivariateScores & { note?: string } {
  switch (method) {
    case 'variance':
      return featureVariances(X);
    case 'correlation':
      return targetCorrelation(X, y);
    case 'anova_f':
      return y.task === 'classification' ? fClassif(X, y.y, y.classes.length) : fRegression(X, y.y);
    case 'chi2':
      if (y.task !== 'classification')
        throw new Error(
          'Feature selection chi2 needs a classification target; use anova_f, correlation or mutual_info for regression.',
        );
      return chi2(X, y.y, y.classes.length);
    case 'mutual_info': {
      const discrete = discreteColumns(X, sources);
      if (X.rows <= MI_MAX_ROWS) return { score: mutualInfo(X, y, { discrete, seed, signal }) };
      const rows = sampleRows(X.rows, MI_MAX_ROWS, seed);
      const score = mutualInfo(takeMatrixRows(X, rows), takeTargetRows(y, rows), { discrete, seed, signal });
      return { score, note: `estimated on a seeded sample of ${MI_MAX_ROWS} of ${X.rows} rows` };
    }
  }
}

function correlationLabel(y: Target): string {
  return y.task === 'classification' ? 'correlation ratio η with the target' : '|Pearson r| with the target';
}

/** Scores every source column with a filter statistic (best encoded member of each source). */
export function scoreSources(
  method: FilterMethod,
  X: Matrix,
  y: Target,
  sources: string[],
  groups: SourceGroups,
  seed: number,
  signal?: AbortSignal,
): ScoredSources {
  const perColumn = scoresFor(method, X, y, sources, seed, signal);
  const scores = groupScores(groups, perColumn.score, 'max');
  const details = groups.columns.map((members) => {
    const parts: string[] = [];
    let best = members[0];
    for (const j of members) if (perColumn.score[j] > perColumn.score[best]) best = j;
    if (perColumn.pValue && !Number.isNaN(perColumn.pValue[best]))
      parts.push(`p = ${formatNumber(perColumn.pValue[best])}`);
    if (members.length > 1) parts.push(`best of ${members.length} encoded columns: ${X.names[best]}`);
    if (perColumn.note) parts.push(perColumn.note);
    return parts.length ? `(${parts.join('; ')})` : '';
  });
  const label = method === 'correlation' ? correlationLabel(y) : LABELS[method];
  return { names: groups.names, scores, details, label, undefinedReason: `constant feature: ${label} undefined` };
}

/** The rule a filter keeps by: spec.k, else spec.threshold, else threshold 0 for variance and the better half otherwise. */
export function filterRule(method: FilterMethod, spec: FeatureSelectionSpec, nSources: number): KeepRule {
  if (spec.k !== undefined) return { k: spec.k };
  if (spec.threshold !== undefined) return { threshold: spec.threshold };
  if (method === 'variance') return { threshold: 0 };
  return { k: Math.ceil(nSources / 2) };
}
