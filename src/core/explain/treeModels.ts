// Our fitted tree models as sets of ShapTrees: a decision tree or random forest (trees averaged;
// outputs the class probabilities as the trees vote, or the value) and a gradient-boosting
// ensemble (trees summed onto a baseline; outputs the raw score: log-odds of the positive class
// for a binary task, one softmax score per class, or the value). The covers come from the
// training rows passed down each tree, so the path-dependent explainer follows the data the
// model was fitted on.
import type { Matrix } from '../model/matrix';
import type { Ensemble } from '../model/models/boosting/ensemble';
import { BoostingModel } from '../model/models/boosting/model';
import type { FittedModel } from '../model/models/estimator';
import { TreeEnsembleModel } from '../model/models/trees/ensembleModel';
import type { FlatTree } from '../model/models/trees/flatTree';
import { childFor, type ShapTree } from './shapTree';

export type TreeOutputKind = 'probability' | 'value' | 'log-odds' | 'softmax-score';

export interface TreeSet {
  trees: ShapTree[];
  /** The output each one-output tree adds to; undefined when every tree gives all outputs. */
  target?: Int32Array;
  /** Each tree's share (a forest averages: 1/T; boosting sums: 1). */
  scale: number;
  outputs: number;
  /** Added to every row's outputs (boosting's baseline score). */
  offset: Float64Array;
  outputKind: TreeOutputKind;
  /** One name per output ("Adelie", "log-odds(Gentoo)", "value"). */
  outputNames: string[];
  /** A classifier's classes (binary boosting's one output is classes[1]'s). */
  classes?: string[];
}

function shapTreeOfFlat(tree: FlatTree, outputs: number): ShapTree {
  const n = tree.nodeCount;
  const left = new Int32Array(n);
  const right = new Int32Array(n);
  const values = new Float64Array(n * outputs);
  for (let i = 0; i < n; i++) {
    if (tree.feature[i] >= 0) {
      left[i] = tree.left[i];
      right[i] = tree.right[i];
      continue;
    }
    left[i] = -1;
    right[i] = -1;
    const leaf = tree.left[i];
    for (let k = 0; k < outputs; k++) values[i * outputs + k] = tree.leafValues[leaf * tree.nOutputs + k];
  }
  return {
    nodeCount: n,
    feature: tree.feature,
    threshold: tree.threshold,
    missingLeft: tree.missingLeft,
    left,
    right,
    cover: new Float64Array(n),
    values,
    nOutputs: outputs,
  };
}

function boostingTrees(e: Ensemble): ShapTree[] {
  const total = e.feature.length;
  const cover = new Float64Array(total);
  return Array.from(e.roots, (root) => ({
    nodeCount: total,
    feature: e.feature,
    threshold: e.threshold,
    missingLeft: e.missingLeft,
    left: e.left,
    right: e.right,
    cover,
    values: e.value,
    nOutputs: 1,
    root,
  }));
}

/** Adds each training row's weight to the cover of every node it passes (rows: row-major). */
export function fillCovers(trees: readonly ShapTree[], rows: Float64Array, cols: number): void {
  const seen = new Set<Float64Array>();
  for (const tree of trees) {
    // Boosting trees share one cover array: clear it once.
    if (!seen.has(tree.cover)) {
      tree.cover.fill(0);
      seen.add(tree.cover);
    }
  }
  const count = rows.length / cols;
  for (const tree of trees) {
    for (let i = 0; i < count; i++) {
      let node = tree.root ?? 0;
      const at = i * cols;
      tree.cover[node] += 1;
      while (tree.feature[node] >= 0) {
        node = childFor(tree, node, rows[at + tree.feature[node]]);
        tree.cover[node] += 1;
      }
    }
  }
}

/** Row-major copy of a column-major matrix. */
export function rowMajor(X: Matrix): Float64Array {
  const out = new Float64Array(X.rows * X.cols);
  for (let j = 0; j < X.cols; j++) for (let i = 0; i < X.rows; i++) out[i * X.cols + j] = X.data[j * X.rows + i];
  return out;
}

/**
 * The model's trees, with covers from the training matrix; undefined when the model is not a
 * tree model (linear, kNN, naive Bayes, external).
 */
export function treeSetOf(model: FittedModel, training: Matrix): TreeSet | undefined {
  let set: TreeSet;
  if (model instanceof TreeEnsembleModel) {
    const outputs = model.task === 'classification' ? model.classes!.length : 1;
    set = {
      trees: model.trees.map((t) => shapTreeOfFlat(t, outputs)),
      scale: 1 / model.trees.length,
      outputs,
      offset: new Float64Array(outputs),
      outputKind: model.task === 'classification' ? 'probability' : 'value',
      outputNames: model.task === 'classification' ? [...model.classes!] : ['value'],
      ...(model.classes ? { classes: [...model.classes] } : {}),
    };
  } else if (model instanceof BoostingModel) {
    const e = model.ensemble;
    const trees = boostingTrees(e);
    const outputs = e.nTrees;
    const classes = model.classes;
    set = {
      trees,
      target: Int32Array.from(trees, (_, t) => t % e.nTrees),
      scale: 1,
      outputs,
      offset: Float64Array.from(e.baseline),
      outputKind: model.task === 'regression' ? 'value' : outputs === 1 ? 'log-odds' : 'softmax-score',
      outputNames:
        model.task === 'regression'
          ? ['value']
          : outputs === 1
            ? [`log-odds(${classes![1]})`]
            : classes!.map((c) => `score(${c})`),
      ...(classes ? { classes: [...classes] } : {}),
    };
  } else return undefined;
  fillCovers(set.trees, rowMajor(training), training.cols);
  return set;
}
