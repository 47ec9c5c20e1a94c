// Decision tree (CART) for classification (Gini or entropy) and regression (squared error), with
// scikit-learn's parameters. Splits are searched over binned features (≤ 255 bins, see
// trees/grow.ts); missing values go to the side that reduces impurity most at each split.
import type { Matrix, Target } from '../matrix';
import { throwIfAborted, type FitContext, type ModelDefinition, type ModelParams, type Task } from './estimator';
import { TreeEnsembleModel, loadTreeEnsemble } from './trees/ensembleModel';
import { flatTreeFrom, normalise } from './trees/flatTree';
import { growTree } from './trees/grow';
import { binnedFor, checkInputs, treeDataFrom } from './trees/prepare';
import { createRng, deriveSeed } from './trees/random';
import {
  TREE_PARAM_NAMES,
  checkTreeParams,
  classWeights,
  rejectUnknown,
  resolveGrowOptions,
  type TreeParams,
} from './trees/treeParams';

const KIND = 'decision_tree';

export type DecisionTreeParams = TreeParams;

function defaults(task: Task): DecisionTreeParams {
  return {
    criterion: task === 'classification' ? 'gini' : 'squared_error',
    max_depth: null,
    min_samples_split: 2,
    min_samples_leaf: 1,
    max_features: null,
    min_impurity_decrease: 0,
    class_weight: null,
  };
}

export const decisionTree: ModelDefinition<DecisionTreeParams> = {
  kind: KIND,
  title: 'Decision tree (CART)',
  tasks: ['classification', 'regression'],
  handlesMissing: true,
  defaults,
  params(raw: ModelParams, task: Task): DecisionTreeParams {
    rejectUnknown(KIND, raw, TREE_PARAM_NAMES);
    const p = { ...defaults(task), ...raw } as DecisionTreeParams;
    checkTreeParams(KIND, p, task);
    return p;
  },
  async fit(X: Matrix, y: Target, params: DecisionTreeParams, ctx: FitContext) {
    throwIfAborted(ctx.signal);
    checkInputs(KIND, X, y);
    const p = decisionTree.params(params, y.task);
    const binned = binnedFor(KIND, X, ctx);
    const data = treeDataFrom(binned, y);
    const options = resolveGrowOptions(p, X.rows, X.cols, KIND);
    const weights = y.task === 'classification' ? classWeights(p.class_weight, y.classes, y.y, KIND) : null;
    const grown = growTree(data, weights, options, createRng(deriveSeed(ctx.seed, 0)));
    throwIfAborted(ctx.signal);
    ctx.onIteration?.({ iteration: 1, total: 1 });
    const info = { n_nodes: grown.nodeCount, n_leaves: grown.nLeaves, depth: grown.depth };
    const classes = y.task === 'classification' ? y.classes : undefined;
    return new TreeEnsembleModel(
      KIND,
      y.task,
      X.cols,
      classes,
      [flatTreeFrom(grown, binned.mapper.edges)],
      binned.mapper.edges,
      normalise(grown.importance),
      info,
    );
  },
  load: (saved) => loadTreeEnsemble(saved, KIND),
};
