// What the `explain` job takes and gives back (the CLI, the worker and the editor share these).
import type { WaterfallRow } from './plotTypes';
import type { TreeOutputKind } from './treeModels';

export type ExplainMethod = 'auto' | 'tree-path' | 'tree-interventional' | 'linear' | 'sampling' | 'kernel' | 'lime';
export type ResolvedMethod = Exclude<ExplainMethod, 'auto'>;
/** raw: the model's own output (shap's model_output="raw"); probability: class probabilities. */
export type ExplainOutput = 'raw' | 'probability';

export interface ExplainParams {
  root: string;
  /** A run id (its best model), "runId/model", "runId:model", or a .model.json file. */
  model: string;
  /** The data file whose rows are explained, relative to the root. */
  data: string;
  /** 0-based data rows to explain (default: every row). */
  rows?: number[];
  method?: ExplainMethod;
  /** Boosting classifiers: explain the probabilities instead of the log-odds / scores (interventional only); default raw. */
  output?: ExplainOutput;
  /** Background rows drawn from the run's training rows (interventional, linear, sampling); default 100. */
  background?: number;
  seed?: number;
  /** Sampling: antithetic pairs of permutations per row (each 2·(features + 1) model evaluations); default 100. */
  pairs?: number;
  /** Per encoded feature (one-hot columns, indicators, derived) instead of per input column. */
  expanded?: boolean;
  /** KernelSHAP: coalitions per row (default 2·features + 2,048). */
  coalitions?: number;
  /** LIME: perturbations per row, the row itself included (default 5,000, as lime's num_samples). */
  samples?: number;
  /** LIME: the kernel's width (default sqrt(encoded features)·0.75, as lime's). */
  kernelWidth?: number;
  /** LIME: features in each local model, chosen as lime's feature_selection 'auto' does (default all). */
  limeFeatures?: number;
  /** Interaction values among the K most influential columns (tree models, path-dependent). */
  interactions?: number;
  /** false: an ad-hoc look (Explain Prediction) that writes no record and no plots. */
  record?: boolean;
  /** Write the per-row contributions here as CSV (relative to the root). */
  out?: string;
  missingValues?: string[];
}

export interface GlobalContribution {
  column: string;
  /** Mean |contribution| over the explained rows, per output. */
  meanAbs: number[];
  /** How the column's value moves the first output: from the correlation of value and contribution (numeric columns). */
  direction: 'higher raises' | 'higher lowers' | 'mixed' | 'by category';
}

/** What LIME adds: its local models and how much its answer moves with the seed. */
export interface LimeReport {
  samples: number;
  kernelWidth: number;
  /** Features in each local model (all unless asked). */
  numFeatures: number;
  /** Per row and output: the local model's intercept, the base of that row's contributions. */
  intercept: number[][];
  /** Per row and output: the local model's weighted R² on its neighbourhood (lime's `score`). */
  score: number[][];
  /** Per row and output: the local model at the row (intercept + Σ contributions); `output` is the model's. */
  localPrediction: number[][];
  /** Rows (positions among `rows`) re-explained with other seeds, and the agreement of the rankings. */
  stability: { rows: number[]; seeds: number[]; topK: number; jaccard: number; spearman: number };
}

export interface ExplainResult {
  runId: string;
  model: string;
  data: string;
  method: ResolvedMethod;
  /** Why the method was chosen when it was not asked for (a fallback says so). */
  methodNote: string;
  outputKind: TreeOutputKind | 'softmax-score';
  outputNames: string[];
  /** The columns of the contributions: input columns, or encoded features with `expanded`. */
  columns: string[];
  /** The data rows explained (0-based). */
  rows: number[];
  /** The expected output the contributions start from, per output (LIME: the mean of the rows' intercepts). */
  base: number[];
  /** The model's output on each row, rows × outputs. */
  output: number[][];
  /** Contributions rows × columns × outputs (left out above 1,000,000 numbers; the CSV has them). */
  values?: number[][][];
  /** Sampling: standard error of each contribution, same shape as `values`. */
  standardErrors?: number[][][];
  /**
   * max |base + Σ contributions − output| / max(1, |output|): the additivity check. LIME is not
   * additive: there it is the local models' fit error at the rows (each row's own intercept as
   * base), reported and never a failure.
   */
  additivityError: number;
  /** Model evaluations the sampling estimator used (0 for exact methods). */
  evaluations: number;
  global: GlobalContribution[];
  backgroundRows: number;
  /** With `interactions`: the chosen columns, the strongest pairs, and (when small) Φ per row. */
  interactions?: {
    columns: string[];
    pairs: Array<{ a: string; b: string; meanAbs: number }>;
    /** rows × all columns × chosen columns × outputs (left out above 1,000,000 numbers). */
    values?: number[][][][];
  };
  lime?: LimeReport;
  out?: string;
  /** The plots' summary beside the record (plotTypes.ts), relative to the root (none with `record: false`). */
  plots?: string;
  /** Up to 20 rows explained: each whole, as a waterfall draws it (values, contributions, actual and loss). */
  details?: WaterfallRow[];
  notices: string[];
}
