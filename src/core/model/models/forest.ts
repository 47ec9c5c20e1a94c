// Random forest (Breiman; scikit-learn's RandomForestClassifier / RandomForestRegressor): bagged
// CART trees, each on a bootstrap sample with a random subset of features per split. Probabilities
// are the mean of the trees' leaf class fractions; importances the mean of the trees'. Trees are
// built in this thread and, when the work pays for it, a worker thread (trees/forestRunner.ts),
// each from its own seed, so the forest is the same for any thread count.
import type { BinnedMatrix } from '../binning';
import type { Matrix, Target } from '../matrix';
import {
  ModelParamError,
  throwIfAborted,
  type FitContext,
  type ModelDefinition,
  type ModelParams,
  type Task,
} from './estimator';
import { TreeEnsembleModel, loadTreeEnsemble } from './trees/ensembleModel';
import { flatTreeFrom, normalise } from './trees/flatTree';
import { forestThreads, runForest, startTreeThreads, type ForestRunResult } from './trees/forestRunner';
import { binnedFor, checkInputs, treeDataFrom } from './trees/prepare';
import {
  TREE_PARAM_NAMES,
  checkInt,
  checkTreeParams,
  classWeights,
  rejectUnknown,
  resolveGrowOptions,
  type TreeParams,
} from './trees/treeParams';

const KIND = 'random_forest';

export interface RandomForestParams extends TreeParams {
  n_estimators: number;
  bootstrap: boolean;
  /** Rows drawn per tree: null = all, an integer > 1 = a count, a number ≤ 1 = a fraction. */
  max_samples: number | null;
}

function defaults(task: Task): RandomForestParams {
  const classification = task === 'classification';
  return {
    n_estimators: 100,
    criterion: classification ? 'gini' : 'squared_error',
    max_depth: null,
    min_samples_split: 2,
    min_samples_leaf: 1,
    // scikit-learn: "sqrt" for classification, 1.0 (every feature) for regression.
    max_features: classification ? 'sqrt' : null,
    min_impurity_decrease: 0,
    bootstrap: true,
    max_samples: null,
    class_weight: null,
  };
}

function checkParams(p: RandomForestParams, task: Task): void {
  checkTreeParams(KIND, p, task);
  checkInt(KIND, 'n_estimators', p.n_estimators, 1);
  if (typeof p.bootstrap !== 'boolean')
    throw new ModelParamError(KIND, 'bootstrap', `must be true or false (got ${JSON.stringify(p.bootstrap)}).`);
  const ms = p.max_samples;
  if (ms !== null) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || (ms > 1 && !Number.isInteger(ms))) {
      throw new ModelParamError(
        KIND,
        'max_samples',
        `must be null, an integer count > 1 or a fraction in (0, 1] (got ${JSON.stringify(ms)}).`,
      );
    }
    if (!p.bootstrap) throw new ModelParamError(KIND, 'max_samples', 'applies only with bootstrap: true.');
  }
}

function bootstrapSize(p: RandomForestParams, rows: number): number {
  const ms = p.max_samples;
  if (ms === null) return rows;
  if (ms <= 1) return Math.max(1, Math.round(ms * rows));
  if (ms > rows) throw new ModelParamError(KIND, 'max_samples', `is ${ms} but there are only ${rows} training rows.`);
  return ms;
}

export const randomForest: ModelDefinition<RandomForestParams> = {
  kind: KIND,
  title: 'Random forest',
  tasks: ['classification', 'regression'],
  handlesMissing: true,
  defaults,
  params(raw: ModelParams, task: Task): RandomForestParams {
    rejectUnknown(KIND, raw, [...TREE_PARAM_NAMES, 'n_estimators', 'bootstrap', 'max_samples']);
    const p = { ...defaults(task), ...raw } as RandomForestParams;
    checkParams(p, task);
    return p;
  },
  async fit(X: Matrix, y: Target, params: RandomForestParams, ctx: FitContext) {
    throwIfAborted(ctx.signal);
    checkInputs(KIND, X, y);
    const p = randomForest.params(params, y.task);
    // The workers start first, so that their startup overlaps the binning; they are terminated whatever happens.
    const pool = startTreeThreads(forestThreads(X.rows, p.n_estimators, ctx));
    let binned: BinnedMatrix;
    let result: ForestRunResult;
    try {
      binned = binnedFor(KIND, X, ctx);
      const classWeight = p.class_weight;
      const job = {
        data: treeDataFrom(binned, y),
        baseWeight:
          y.task === 'classification' && classWeight !== 'balanced_subsample'
            ? classWeights(classWeight, y.classes, y.y, KIND)
            : null,
        options: resolveGrowOptions(p, X.rows, X.cols, KIND),
        seed: ctx.seed,
        bootstrap: p.bootstrap,
        nBootstrap: bootstrapSize(p, X.rows),
        balancedSubsample: classWeight === 'balanced_subsample',
      };
      result = await runForest(job, p.n_estimators, ctx, pool);
    } finally {
      // Not awaited: a worker's teardown takes tens of milliseconds and nothing depends on it.
      void pool?.close();
    }
    const { edges } = binned.mapper;
    const trees = result.trees.map((t) => flatTreeFrom(t, edges));
    // Mean of the trees' normalised importances (single-leaf trees left out, as scikit-learn does).
    const importance = new Float64Array(X.cols);
    let counted = 0;
    for (const t of result.trees) {
      if (t.nodeCount <= 1) continue;
      const own = normalise(t.importance);
      for (let j = 0; j < X.cols; j++) importance[j] += own[j];
      counted++;
    }
    let leaves = 0;
    let depth = 0;
    for (const t of trees) {
      leaves += t.nLeaves;
      depth = Math.max(depth, t.depth);
    }
    const info = {
      n_estimators: trees.length,
      stopped_early: result.stopped,
      threads: result.threads,
      mean_leaves: leaves / trees.length,
      max_depth_reached: depth,
    };
    const classes = y.task === 'classification' ? y.classes : undefined;
    return new TreeEnsembleModel(
      KIND,
      y.task,
      X.cols,
      classes,
      trees,
      edges,
      counted > 0 ? normalise(importance) : importance,
      info,
    );
  },
  load: (saved) => loadTreeEnsemble(saved, KIND),
};
