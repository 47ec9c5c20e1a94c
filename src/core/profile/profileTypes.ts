// The dataset profile: the JSON document the `profile` job writes (`mlcycle profile --json`),
// the EDA report renders, the data dictionary and the expectations are drafted from, and CI
// scripts read. schemas/profile.schema.json describes the same shape; keep them in step.
// Stable contract (scripts depend on it): rows, duplicateRows, columns[] with name, type,
// count (non-missing), missing, distinct, numeric mean / std (ddof 1) / min / max / quantiles
// p5..p95 (linear interpolation) / skewness / kurtosis / histogram, categorical top[];
// alerts[] of {type, column, value, threshold}; correlations.

export const PROFILE_SCHEMA_VERSION = 1;

export type ColumnType = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text' | 'id' | 'unsupported';

export interface TypeEvidence {
  /** The storage type the reader inferred (DuckDB's, e.g. DOUBLE, VARCHAR, DATE). */
  storageType: string;
  /** Why this semantic type, in a sentence: "12 distinct integers in 344 rows", "unique strings". */
  reason: string;
}

export interface HistogramBin {
  /** Inclusive lower edge; the last bin also includes its upper edge. Numbers, or ISO dates for datetime columns. */
  start: number | string;
  end: number | string;
  count: number;
}

export interface ValueCount {
  value: string;
  count: number;
}

export interface Quantiles {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface NumericStats {
  mean: number;
  /** Sample standard deviation (ddof = 1), as pandas; null with fewer than 2 values. */
  std: number | null;
  min: number;
  max: number;
  range: number;
  quantiles: Quantiles;
  iqr: number;
  /** Median absolute deviation from the median. */
  mad: number;
  /** Adjusted Fisher-Pearson (as pandas); null with fewer than 3 values. */
  skewness: number | null;
  /** Excess kurtosis (as pandas); null with fewer than 4 values. */
  kurtosis: number | null;
  sum: number;
  zeros: number;
  infinite: number;
  monotonic: 'increasing' | 'decreasing' | 'strictly increasing' | 'strictly decreasing' | 'none';
  histogram: HistogramBin[];
}

export interface TextStats {
  /** Most frequent values, most frequent first (at most 20). */
  top: ValueCount[];
  /** Values seen in less than 1% of the rows (or fewer than 5 times): how many distinct values are rare. */
  rareCategories: number;
  length: { min: number; mean: number; max: number };
}

export interface DatetimeStats {
  min: string;
  max: string;
  histogram: HistogramBin[];
}

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  evidence: TypeEvidence;
  /** Non-missing values. */
  count: number;
  missing: number;
  missingPercent: number;
  distinct: number;
  distinctPercent: number;
  /** Approximate bytes in memory. */
  memoryBytes: number;
  /** Numeric columns: the numeric statistics, flattened (mean, std, min, max, quantiles, ...). */
  numeric?: NumericStats;
  /** Categorical, boolean, text and id columns. */
  text?: TextStats;
  datetime?: DatetimeStats;
  /** Convenience copies for scripts (the stable contract): numeric columns. */
  mean?: number;
  std?: number | null;
  min?: number;
  max?: number;
  quantiles?: Quantiles;
  skewness?: number | null;
  kurtosis?: number | null;
  histogram?: HistogramBin[];
  /** Convenience copy for scripts: categorical columns. */
  top?: ValueCount[];
  /**
   * CSV/TSV: which cell texts were read as missing in this column and how many of each, most
   * frequent first ('' = empty cells), counted over every row of the file.
   */
  missingMarkers?: MarkerCount[];
}

export interface MarkerCount {
  /** The cell text ('' for an empty cell). */
  marker: string;
  count: number;
}

export type AlertType =
  | 'constant'
  | 'zeros'
  | 'high_correlation'
  | 'high_cardinality'
  | 'unsupported'
  | 'duplicates'
  | 'skewed'
  | 'imbalance'
  | 'missing'
  | 'infinite'
  | 'type_date'
  | 'unique'
  | 'constant_length'
  | 'uniform'
  | 'empty'
  | 'leakage'
  /** A header name that is repeated or empty (the loader renamed the column). */
  | 'column_name'
  /** A column of numbers but for a few text values (the line of each is named). */
  | 'stray_values'
  /** Dates written in more than one format in one column. */
  | 'mixed_dates'
  /** A word read as missing (None, NA, null ...) makes up most of a column: it may be a real value. */
  | 'missing_marker';

export interface Alert {
  type: AlertType;
  /** Null for dataset-level alerts (duplicates, empty). */
  column: string | null;
  /** The figure that triggered it (a percentage, a correlation, a skewness ...). */
  value: number;
  threshold: number;
  /** One readable sentence naming the column, the figure and the threshold. */
  message: string;
  /** The other column, for pairwise alerts (high correlation). */
  otherColumn?: string;
}

export interface CorrelationMatrix {
  method: 'pearson' | 'spearman' | 'cramers_v' | 'correlation_ratio';
  columns: string[];
  /** Square matrix in `columns` order; null where undefined (constant column, no overlap). */
  values: Array<Array<number | null>>;
}

export interface Correlations {
  pearson?: CorrelationMatrix;
  spearman?: CorrelationMatrix;
  cramersV?: CorrelationMatrix;
  /** Rows: categorical columns, columns: numeric columns. Not square. */
  correlationRatio?: { rows: string[]; columns: string[]; values: Array<Array<number | null>> };
}

/** A pairwise matrix computed over some of the eligible columns only (wide files). */
export interface PairwiseLimit {
  /** The matrices this limit applies to. */
  matrices: Array<'pearson' | 'spearman' | 'cramersV' | 'correlationRatio' | 'nullity'>;
  /** Columns the matrices hold. */
  kept: number;
  /** Columns that could have been in them. */
  eligible: number;
  /** How the kept columns were chosen. */
  rule: string;
}

export interface MissingSummary {
  /** Columns with missing values, and how many. */
  byColumn: Array<{ column: string; missing: number }>;
  /** Rows with at least one missing value. */
  rowsWithMissing: number;
  /** Nullity correlation (Pearson of the is-null indicators) between columns that have missing values. */
  nullity: CorrelationMatrix | null;
  /** The most common patterns of missingness (which columns are null together). */
  patterns: Array<{ columns: string[]; rows: number }>;
}

export interface TargetAnalysis {
  column: string;
  task: 'classification' | 'regression';
  /** Classification: class counts; regression: the target's histogram is in its column profile. */
  classes?: ValueCount[];
  /** Classification: 1 - (minority share / majority share); ydata's imbalance is entropy based, see alerts. */
  imbalance?: number;
  /** Each feature's association with the target, strongest first. */
  associations: Array<{ column: string; method: 'pearson' | 'correlation_ratio' | 'cramers_v'; value: number }>;
}

export interface ProfileSampling {
  mode: 'exact' | 'first' | 'random' | 'stratified';
  /** Rows profiled (equals rows for exact). */
  rows: number;
  seed?: number;
}

export interface DatasetProfile {
  schemaVersion: typeof PROFILE_SCHEMA_VERSION;
  source: {
    /** As given (relative to the project root when there is one). */
    path: string;
    format: 'csv' | 'tsv' | 'parquet' | 'json' | 'ndjson';
    sizeBytes: number;
    sha256: string;
    /** Modification time of the file that was read (for the record's input fingerprint). */
    mtimeMs?: number;
    delimiter?: string;
    header?: boolean;
    encoding?: string;
    /** CSV/TSV: the decimal separator numbers were read with (',' for decimal commas). */
    decimalSeparator?: '.' | ',';
  };
  createdAt: string;
  elapsedMs: number;
  sampling: ProfileSampling;
  /** Rows in the file (not in the sample). */
  rows: number;
  duplicateRows: number;
  duplicatePercent: number;
  memoryBytes: number;
  typeCounts: Partial<Record<ColumnType, number>>;
  columns: ColumnProfile[];
  alerts: Alert[];
  correlations: Correlations;
  /** Pairwise matrices that kept only some of their columns (absent when none was capped). */
  pairwiseLimits?: PairwiseLimit[];
  missing: MissingSummary;
  /** At most 20 rows, for the report's sample section (values as strings; null for missing). */
  sample: Array<Record<string, string | null>>;
  target?: TargetAnalysis;
  /** The thresholds in force (defaults, or the project's overrides). */
  thresholds: AlertThresholds;
  /** CSV/TSV: the cell texts read as missing besides empty cells (mlcycle.yaml missingValues, or pandas 2's defaults). */
  missingValues?: string[];
  /** Canonical key of the parameters that shaped this profile (target, task, sampling, thresholds): the cache compares it. */
  paramsKey?: string;
  /** What did not stop the profile but should be known (a problem of the project file), located. */
  warnings?: ProfileWarning[];
}

export interface ProfileWarning {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** ydata-profiling's defaults; a project overrides them in mlcycle.yaml `profile.thresholds`. */
export interface AlertThresholds {
  /** zeros alert when the share of zeros exceeds this percentage. */
  zerosPercent: number;
  /** high_correlation when |correlation| exceeds this. */
  correlation: number;
  /** high_cardinality when a categorical column has more distinct values than this. */
  cardinality: number;
  duplicatesPercent: number;
  /** skewed when |skewness| exceeds this. */
  skewness: number;
  /** imbalance when the (entropy based) imbalance exceeds this. */
  imbalance: number;
  missingPercent: number;
  /** leakage when a single feature predicts the target with association above this. */
  leakage: number;
  /** uniform when the χ² test against uniform counts has a p-value above this (ydata's chi_squared_threshold). */
  uniformPValue: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  zerosPercent: 1,
  correlation: 0.9,
  cardinality: 50,
  duplicatesPercent: 1,
  skewness: 20,
  imbalance: 0.5,
  missingPercent: 1,
  leakage: 0.95,
  uniformPValue: 0.999,
};

export interface ProfileParams {
  /** The dataset file, absolute or relative to `root`. */
  path: string;
  root?: string;
  /** The target column, for target-aware analysis. */
  target?: string;
  task?: 'classification' | 'regression';
  sampling?: { mode: 'first' | 'random' | 'stratified'; rows: number; seed?: number };
  thresholds?: Partial<AlertThresholds>;
  /** The cell texts read as missing besides empty cells (default pandas 2's): resolve with src/core/project/missingValues. */
  missingValues?: string[];
}
