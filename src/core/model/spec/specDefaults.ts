// The defaults of a pipeline spec, in one place: what a run uses for every key pipeline.yaml
// leaves out (the run records the fully defaulted spec, so a run is reproducible from it).
import type { Task } from '../models/estimator';
import type { EvaluationSpec, FeatureSelectionSpec, PreprocessSpec } from '../specTypes';

export const DEFAULT_SEED = 42;
export const DEFAULT_FOLDS = 5;
export const DEFAULT_HOLDOUT_FRACTION = 0.2;
export const DEFAULT_EXTERNAL_TIMEOUT_SECONDS = 3600;
/** Rows an external model's predict command gets per run at most (one process per batch). */
export const DEFAULT_PREDICT_BATCH_ROWS = 10_000;

export function defaultPreprocess(): PreprocessSpec {
  return {
    drop: [],
    derive: [],
    impute: {
      numeric: 'median',
      categorical: 'most_frequent',
      numericFill: 0,
      categoricalFill: 'missing_value',
      addIndicators: false,
    },
    clip: { method: 'none', lower: 0.01, upper: 0.99, factor: 1.5 },
    encode: { categorical: 'onehot', minFrequency: 1, maxCategories: 30, unknown: 'ignore', smoothing: 10 },
    scale: 'standard',
    columns: {},
  };
}

export function defaultFeatureSelection(): FeatureSelectionSpec {
  return { method: 'none', folds: 3 };
}

/** The models a spec without a `models` list trains (the baseline is added by the trainer). */
export function defaultModelKinds(task: Task): string[] {
  return task === 'classification'
    ? ['logistic_regression', 'random_forest', 'hist_gradient_boosting']
    : ['linear_regression', 'random_forest', 'hist_gradient_boosting'];
}

export function defaultEvaluation(task: Task, sensitiveColumns: string[]): EvaluationSpec {
  return {
    primaryMetric: task === 'classification' ? 'balanced_accuracy' : 'rmse',
    sensitiveColumns,
    permutationRepeats: 5,
    slices: 10,
    worstRows: 20,
  };
}

/** Which task each built-in kind serves (external serves both). */
export const MODEL_KIND_TASKS: Readonly<Record<string, readonly Task[]>> = {
  dummy_classifier: ['classification'],
  dummy_regressor: ['regression'],
  linear_regression: ['regression'],
  logistic_regression: ['classification'],
  gaussian_nb: ['classification'],
  k_neighbors: ['classification', 'regression'],
  decision_tree: ['classification', 'regression'],
  random_forest: ['classification', 'regression'],
  hist_gradient_boosting: ['classification', 'regression'],
  external: ['classification', 'regression'],
};

/** scikit-learn metric names by task (for checking `evaluation.primaryMetric`). */
export const METRICS: Readonly<Record<Task, readonly string[]>> = {
  classification: [
    'accuracy',
    'balanced_accuracy',
    'f1',
    'f1_macro',
    'f1_micro',
    'f1_weighted',
    'precision',
    'precision_macro',
    'precision_weighted',
    'recall',
    'recall_macro',
    'recall_weighted',
    'roc_auc',
    'roc_auc_ovr',
    'roc_auc_ovr_weighted',
    'average_precision',
    'pr_auc',
    'log_loss',
    'brier_score',
  ],
  regression: ['rmse', 'mse', 'mae', 'r2', 'mape', 'median_absolute_error', 'explained_variance', 'max_error'],
};
