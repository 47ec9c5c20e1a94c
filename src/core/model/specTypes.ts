// The pipeline spec (pipeline.yaml, schemas/pipeline.schema.json) once parsed and defaulted:
// everything a training run needs to be reproduced. Paths are relative to the project root.
import type { Position } from '../yaml/yamlDocument';
import type { Task } from './models/estimator';

export type SplitKind = 'kfold' | 'stratified' | 'group' | 'time';

export interface SplitSpec {
  /** Fraction of the training file kept aside as the untouched holdout when `data.holdout` is not given (0 = none). */
  holdoutFraction: number;
  kind: SplitKind;
  folds: number;
  /** Column whose values keep rows together (kind: group). */
  groupColumn?: string;
  /** Column that orders rows in time (kind: time): folds train on the past and test on the future; the holdout is the latest rows. */
  timeColumn?: string;
  shuffle: boolean;
  seed: number;
}

export type ImputeStrategy = 'mean' | 'median' | 'most_frequent' | 'constant' | 'none';
export type EncodeStrategy = 'onehot' | 'ordinal' | 'target';
export type ScaleStrategy = 'standard' | 'minmax' | 'robust' | 'none';

export interface PreprocessSpec {
  /** Columns left out of the features, each with the reason (recorded in the run). */
  drop: Array<{ column: string; reason: string }>;
  /** New numeric features computed from an expression over columns, e.g. "bill_length_mm / bill_depth_mm". */
  derive: Array<{ name: string; expression: string }>;
  impute: {
    numeric: ImputeStrategy;
    categorical: Exclude<ImputeStrategy, 'mean' | 'median'>;
    /** Fill values for strategy constant. */
    numericFill?: number;
    categoricalFill?: string;
    /** Add a 0/1 "<col>_missing" feature for numeric columns that had missing values in training. */
    addIndicators: boolean;
  };
  clip: { method: 'none' | 'quantile' | 'iqr'; lower: number; upper: number; factor: number; columns?: string[] };
  encode: {
    categorical: EncodeStrategy;
    /** Categories seen fewer times than this in training become "infrequent" (one-hot) . */
    minFrequency: number;
    /** Categories beyond this many (by frequency) are grouped as infrequent. */
    maxCategories: number;
    /** What an unseen category at predict time becomes: all-zero one-hot / -1 ordinal / the prior for target encoding. */
    unknown: 'ignore' | 'error';
    /** Smoothing of target encoding (m-estimate). */
    smoothing: number;
  };
  scale: ScaleStrategy;
  /** Per-column overrides of impute/encode/scale, keyed by column name. */
  columns: Record<
    string,
    { impute?: ImputeStrategy; encode?: EncodeStrategy; scale?: ScaleStrategy; type?: 'numeric' | 'categorical' }
  >;
}

export type SelectionMethod =
  | 'none'
  | 'variance'
  | 'correlation'
  | 'mutual_info'
  | 'chi2'
  | 'anova_f'
  | 'rfe'
  | 'forward'
  | 'l1'
  | 'tree_importance';

export interface FeatureSelectionSpec {
  method: SelectionMethod;
  /** Features to keep (filter and wrapper methods); undefined = the method's own rule. */
  k?: number;
  /** Threshold of the method's score (variance, |r|, importance ...). */
  threshold?: number;
  /** Model kind a wrapper method fits (rfe / forward); default logistic/linear regression. */
  estimator?: string;
  /** CV folds a wrapper uses to score feature sets. */
  folds: number;
}

export interface ModelSpec {
  /** Unique within the spec. */
  name: string;
  /** A built-in model kind (models/registry.ts) or "external". */
  kind: string;
  params: Record<string, unknown>;
  /** kind: external — the command to run, e.g. "python3 train.py" (argv split, no shell). */
  command?: string[];
  /** kind: external — working directory relative to the project root. */
  cwd?: string;
  /** kind: external — seconds before the trainer (and each run of the predict command) is stopped. */
  timeoutSeconds?: number;
  /**
   * kind: external — the command that predicts with the model the trainer left in its model
   * folder (argv, no shell; contract in externalPredictor.ts). Without it the model cannot predict.
   */
  predict?: string[];
  /** kind: external with predict — rows per run of the predict command at most. */
  predictBatchRows?: number;
}

export interface EvaluationSpec {
  /** scikit-learn metric name the run is judged by; default balanced_accuracy / rmse. */
  primaryMetric: string;
  sensitiveColumns: string[];
  permutationRepeats: number;
  /** Slices reported by the error analysis, and worst rows listed. */
  slices: number;
  worstRows: number;
  /** Positive class for binary metrics (default: the second class in sorted order, like scikit-learn's pos_label=1). */
  positiveClass?: string;
}

export interface PipelineSpec {
  version: 1;
  task: Task;
  target: string;
  data: { train: string; holdout?: string };
  split: SplitSpec;
  preprocess: PreprocessSpec;
  featureSelection: FeatureSelectionSpec;
  models: ModelSpec[];
  evaluation: EvaluationSpec;
  /** Seed for everything not given its own. */
  seed: number;
}

/** Where each part of the spec was written, to show errors at the user's line. */
export interface SpecLocations {
  /** Keyed by a dotted path: "models.2.params.max_depth". */
  [path: string]: Position;
}
