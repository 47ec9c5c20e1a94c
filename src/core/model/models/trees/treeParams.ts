// Parameters shared by the decision tree and the random forest: checking the user's values
// (scikit-learn's names and meanings) and resolving them against the training data's size.
import { ModelParamError, type ModelParams, type Task } from '../estimator';
import type { Criterion, GrowOptions } from './grow';

export type MaxFeatures = null | 'sqrt' | 'log2' | number;
export type ClassWeight = null | 'balanced' | 'balanced_subsample' | Record<string, number>;

export interface TreeParams extends ModelParams {
  criterion: 'gini' | 'entropy' | 'log_loss' | 'squared_error';
  max_depth: number | null;
  min_samples_split: number;
  min_samples_leaf: number;
  max_features: MaxFeatures;
  min_impurity_decrease: number;
  class_weight: ClassWeight;
}

export const TREE_PARAM_NAMES = [
  'criterion',
  'max_depth',
  'min_samples_split',
  'min_samples_leaf',
  'max_features',
  'min_impurity_decrease',
  'class_weight',
];

export function rejectUnknown(kind: string, raw: ModelParams, allowed: readonly string[]): void {
  for (const name of Object.keys(raw)) {
    if (!allowed.includes(name))
      throw new ModelParamError(kind, name, `unknown parameter; allowed: ${allowed.join(', ')}.`);
  }
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function checkInt(kind: string, name: string, v: unknown, min: number): number {
  if (!isNumber(v) || !Number.isInteger(v) || v < min)
    throw new ModelParamError(kind, name, `must be an integer >= ${min} (got ${JSON.stringify(v)}).`);
  return v;
}

/** Checks the tree parameters of `raw` (already merged over the defaults). */
export function checkTreeParams(kind: string, p: ModelParams, task: Task): void {
  const classification = task === 'classification';
  const criteria = classification ? ['gini', 'entropy', 'log_loss'] : ['squared_error'];
  if (typeof p.criterion !== 'string' || !criteria.includes(p.criterion)) {
    throw new ModelParamError(
      kind,
      'criterion',
      `must be one of ${criteria.join(', ')} for ${task} (got ${JSON.stringify(p.criterion)}).`,
    );
  }
  if (p.max_depth !== null) checkInt(kind, 'max_depth', p.max_depth, 1);
  const mss = p.min_samples_split;
  if (!isNumber(mss) || (Number.isInteger(mss) ? mss < 1 : mss <= 0 || mss > 1)) {
    throw new ModelParamError(
      kind,
      'min_samples_split',
      `must be an integer >= 2 or a fraction in (0, 1] (got ${JSON.stringify(mss)}).`,
    );
  }
  const msl = p.min_samples_leaf;
  if (!isNumber(msl) || (Number.isInteger(msl) ? msl < 1 : msl <= 0 || msl >= 1)) {
    throw new ModelParamError(
      kind,
      'min_samples_leaf',
      `must be an integer >= 1 or a fraction in (0, 1) (got ${JSON.stringify(msl)}).`,
    );
  }
  const mf = p.max_features;
  const mfOk =
    mf === null || mf === 'sqrt' || mf === 'log2' || (isNumber(mf) && mf > 0 && (Number.isInteger(mf) || mf < 1));
  if (!mfOk) {
    throw new ModelParamError(
      kind,
      'max_features',
      `must be null (all features), "sqrt", "log2", an integer >= 1 (a count) or a fraction in (0, 1) (got ${JSON.stringify(mf)}).`,
    );
  }
  if (!isNumber(p.min_impurity_decrease) || p.min_impurity_decrease < 0) {
    throw new ModelParamError(
      kind,
      'min_impurity_decrease',
      `must be a number >= 0 (got ${JSON.stringify(p.min_impurity_decrease)}).`,
    );
  }
  const cw = p.class_weight;
  if (cw !== null) {
    if (!classification) throw new ModelParamError(kind, 'class_weight', 'applies to classification only.');
    const okString = cw === 'balanced' || (cw === 'balanced_subsample' && kind === 'random_forest');
    const okMap =
      typeof cw === 'object' && !Array.isArray(cw) && Object.values(cw as object).every((w) => isNumber(w) && w >= 0);
    if (!okString && !okMap) {
      const strings = kind === 'random_forest' ? '"balanced", "balanced_subsample"' : '"balanced"';
      throw new ModelParamError(
        kind,
        'class_weight',
        `must be null, ${strings} or a map from class to a weight >= 0 (got ${JSON.stringify(cw)}).`,
      );
    }
  }
}

/** Number of features each split considers. */
export function resolveMaxFeatures(mf: MaxFeatures, cols: number): number {
  let n: number;
  if (mf === null) n = cols;
  else if (mf === 'sqrt') n = Math.floor(Math.sqrt(cols));
  else if (mf === 'log2') n = Math.floor(Math.log2(cols));
  else if (Number.isInteger(mf)) n = mf;
  else n = Math.floor(mf * cols);
  return Math.max(1, Math.min(cols, n));
}

export function resolveGrowOptions(p: TreeParams, rows: number, cols: number, kind: string): GrowOptions {
  if (typeof p.max_features === 'number' && Number.isInteger(p.max_features) && p.max_features > cols) {
    throw new ModelParamError(kind, 'max_features', `is ${p.max_features} but the data has only ${cols} features.`);
  }
  const minLeaf = Number.isInteger(p.min_samples_leaf)
    ? p.min_samples_leaf
    : Math.max(1, Math.ceil(p.min_samples_leaf * rows));
  const minSplitRaw =
    Number.isInteger(p.min_samples_split) && p.min_samples_split > 1
      ? p.min_samples_split
      : Math.max(2, Math.ceil(p.min_samples_split * rows));
  const criterion: Criterion = p.criterion === 'log_loss' ? 'entropy' : p.criterion;
  return {
    criterion,
    maxDepth: p.max_depth ?? Number.POSITIVE_INFINITY,
    minSamplesSplit: Math.max(minSplitRaw, 2 * minLeaf),
    minSamplesLeaf: minLeaf,
    maxFeatures: resolveMaxFeatures(p.max_features, cols),
    minImpurityDecrease: p.min_impurity_decrease,
  };
}

/**
 * Per-row base weights from class_weight (null when every weight is 1). "balanced" follows
 * scikit-learn: n_samples / (n_present_classes * count(class)).
 */
export function classWeights(cw: ClassWeight, classes: string[], y: Int32Array, kind: string): Float64Array | null {
  if (cw === null) return null;
  const k = classes.length;
  const perClass = new Float64Array(k).fill(1);
  if (cw === 'balanced' || cw === 'balanced_subsample') {
    const counts = new Float64Array(k);
    for (let i = 0; i < y.length; i++) counts[y[i]]++;
    let present = 0;
    for (let c = 0; c < k; c++) if (counts[c] > 0) present++;
    for (let c = 0; c < k; c++) perClass[c] = counts[c] > 0 ? y.length / (present * counts[c]) : 0;
  } else {
    for (const [name, w] of Object.entries(cw)) {
      const c = classes.indexOf(name);
      if (c < 0)
        throw new ModelParamError(
          kind,
          'class_weight',
          `names class "${name}", which is not one of the target's classes (${classes.join(', ')}).`,
        );
      perClass[c] = w;
    }
  }
  const weights = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) weights[i] = perClass[y[i]];
  return weights;
}
