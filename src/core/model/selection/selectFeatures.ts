// Feature selection, the pipeline's step between preprocessing and the models: decides which
// SOURCE columns (input columns; the one-hot columns of a category go in or out together) the
// models see, and records a reason with its number for every source, for the run and model card.
//   none                      everything kept
//   filter                    variance | correlation | mutual_info | chi2 | anova_f (filterMethods.ts)
//   wrapper                   rfe (recursiveElimination.ts) | forward (forwardSelection.ts), scored by CV
//   embedded                  l1 (l1Path.ts) | tree_importance (treeImportance.ts)
// Settings (featureSelection in pipeline.yaml):
//   k          sources to keep: filters, rfe, forward, tree_importance; l1 keeps at most k non-zero.
//              Default: filters keep the better half (variance: threshold 0), rfe / forward the
//              smallest CV-best set (one-standard-error rule), tree_importance above the mean.
//   threshold  score to beat (strictly): filters' statistic, tree importance, L1 |coefficient|
//              (default 1e-5); rfe and forward do not use it.
//   estimator  model kind for rfe / forward (default logistic_regression / linear_regression) and
//              tree_importance (default random_forest; decision_tree also fits); l1 always uses
//              linear_regression (LASSO) / logistic_regression (L1).
//   folds      CV folds of rfe, forward and l1 (stratified for classes, seeded).
// X is the preprocessed training matrix (no missing values); every random choice derives from
// ctx.seed, and ctx.signal is honoured between fits (AbortError). Beyond CV_SELECTION_MAX_ROWS
// rows the CV methods run on a seeded sample, mutual information beyond MI_MAX_ROWS: the reasons say so.
import { takeMatrixRows, takeTargetRows, type Matrix, type Target } from '../matrix';
import { throwIfAborted } from '../models/estimator';
import type { FeatureRationale } from '../runTypes';
import type { FeatureSelectionSpec } from '../specTypes';
import { defaultEstimator, makeEstimator, resolveEstimator } from './estimatorChoice';
import { filterRule, scoreSources, type FilterMethod } from './filterMethods';
import { forwardSelection } from './forwardSelection';
import { l1Selection } from './l1Path';
import { selectByScore } from './ranking';
import { sampleRows } from './seededNoise';
import { recursiveElimination } from './recursiveElimination';
import { groupSources, type SourceGroups } from './sourceGroups';
import { treeImportanceSelection } from './treeImportance';
import type { SelectionOutcome, WrapperContext } from './wrapperTypes';

export interface SelectionContext {
  seed: number;
  signal?: AbortSignal;
}

export interface SelectionResult {
  selectedSources: string[];
  rationale: FeatureRationale[];
  /** Optional data for the report: the CV curve of RFE, forward steps, the L1 path. */
  extra?: Record<string, unknown>;
}

export type SelectFeatures = (
  X: Matrix,
  y: Target,
  sources: string[],
  spec: FeatureSelectionSpec,
  ctx: SelectionContext,
) => Promise<SelectionResult>;

const FILTERS: readonly string[] = ['variance', 'correlation', 'mutual_info', 'chi2', 'anova_f'];

/**
 * Rows beyond which the cross-validated methods (rfe, forward, l1: tens to hundreds of fits) work
 * on a seeded sample; the reason of every source says so.
 */
export const CV_SELECTION_MAX_ROWS = 10_000;

function checkInputs(X: Matrix, y: Target, spec: FeatureSelectionSpec, groups: SourceGroups): void {
  if (y.y.length !== X.rows)
    throw new Error(`Feature selection: the target has ${y.y.length} rows but the features have ${X.rows}.`);
  const m = groups.names.length;
  if (spec.k !== undefined) {
    if (!Number.isInteger(spec.k) || spec.k < 1)
      throw new Error(`Feature selection: featureSelection.k must be a whole number of at least 1 (got ${spec.k}).`);
    if (spec.k > m) {
      throw new Error(
        `Feature selection: featureSelection.k is ${spec.k} but there are only ${m} input columns to choose from (${X.cols} features after encoding; one-hot columns count as their source column).`,
      );
    }
  }
  if (spec.threshold !== undefined && !Number.isFinite(spec.threshold))
    throw new Error(`Feature selection: featureSelection.threshold must be a number (got ${spec.threshold}).`);
  if (spec.method === 'none') return;
  for (let j = 0; j < X.cols; j++) {
    const base = j * X.rows;
    for (let i = 0; i < X.rows; i++) {
      if (!Number.isFinite(X.data[base + i])) {
        throw new Error(
          `Feature selection ${spec.method}: feature "${X.names[j]}" has a missing or infinite value at row ${i + 1}; impute it before selecting features (preprocess.impute).`,
        );
      }
    }
  }
}

async function choose(
  X: Matrix,
  y: Target,
  sources: string[],
  groups: SourceGroups,
  spec: FeatureSelectionSpec,
  ctx: SelectionContext,
): Promise<SelectionOutcome> {
  const wrapper: WrapperContext = {
    seed: ctx.seed,
    signal: ctx.signal,
    folds: spec.folds,
    k: spec.k,
    threshold: spec.threshold,
  };
  if (FILTERS.includes(spec.method)) {
    const method = spec.method as FilterMethod;
    const scored = scoreSources(method, X, y, sources, groups, ctx.seed, ctx.signal);
    return selectByScore(scored, filterRule(method, spec, groups.names.length));
  }
  const cvMethod = spec.method === 'rfe' || spec.method === 'forward' || spec.method === 'l1';
  if (cvMethod && X.rows > CV_SELECTION_MAX_ROWS) {
    const rows = sampleRows(X.rows, CV_SELECTION_MAX_ROWS, ctx.seed);
    const outcome = await choose(takeMatrixRows(X, rows), takeTargetRows(y, rows), sources, groups, spec, ctx);
    const note = `on a seeded sample of ${CV_SELECTION_MAX_ROWS} of ${X.rows} rows`;
    for (const r of outcome.rationale) r.reason += ` (${note})`;
    return { ...outcome, extra: { ...outcome.extra, sampledRows: CV_SELECTION_MAX_ROWS, totalRows: X.rows } };
  }
  switch (spec.method) {
    case 'rfe':
    case 'forward':
    case 'tree_importance': {
      const definition = resolveEstimator(spec.estimator ?? defaultEstimator(y.task, spec.method), y.task, spec.method);
      const estimator = makeEstimator(definition, y.task);
      if (spec.method === 'rfe') return recursiveElimination(X, y, groups, estimator, wrapper);
      if (spec.method === 'forward') return forwardSelection(X, y, groups, estimator, wrapper);
      return treeImportanceSelection(X, y, groups, estimator, wrapper);
    }
    case 'l1':
      return l1Selection(X, y, groups, wrapper);
    default:
      throw new Error(
        `Feature selection: unknown method "${String(spec.method)}" (featureSelection.method); expected none, ${FILTERS.join(', ')}, rfe, forward, l1 or tree_importance.`,
      );
  }
}

export const selectFeatures: SelectFeatures = async (X, y, sources, spec, ctx) => {
  throwIfAborted(ctx.signal);
  const groups = groupSources(X, sources);
  checkInputs(X, y, spec, groups);
  if (spec.method === 'none' || groups.names.length === 0) {
    return {
      selectedSources: [...groups.names],
      rationale: groups.names.map((feature) => ({
        feature,
        included: true,
        reason: 'no feature selection configured',
      })),
    };
  }
  const outcome = await choose(X, y, sources, groups, spec, ctx);
  return {
    selectedSources: groups.names.filter((_, g) => outcome.selected[g]),
    rationale: outcome.rationale,
    ...(outcome.extra ? { extra: outcome.extra } : {}),
  };
};
