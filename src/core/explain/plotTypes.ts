// What the explanation plots of the evaluation report and the "Explain Prediction" view draw:
// a capped sample of rows (at most 10,000) of the most influential columns, each with its
// values and contributions, and waterfalls of single rows. Written beside the explanation
// record (.mlcycle/explanations/plots/<name>.json); only this summary reaches a webview.

export interface PlotColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** The sampled rows' values: numbers (null when missing), or indices into `categories`. */
  values: Array<number | null>;
  categories?: string[];
  /** Per output: the sampled rows' contributions. */
  contributions: number[][];
  /** Per output: mean |contribution| over every explained row (not only the sample). */
  meanAbs: number[];
  direction: 'higher raises' | 'higher lowers' | 'mixed' | 'by category';
  /** The column that interacts most with this one: it colours the dependence plot. */
  interaction?: { column: string; how: 'interaction values' | 'approximate' };
}

export interface WaterfallRow {
  /** 0-based row of the explained data file, and its line when known. */
  row: number;
  line?: number;
  /** The true value and the prediction, when the file has the target. */
  actual?: string | number;
  predicted?: string | number;
  /** Log loss of the true class, or absolute error (as the error analysis measures it). */
  loss?: number;
  /** Per output: the model's output on the row. */
  output: number[];
  /** Per output: the row's own base, when it has one (LIME's local intercept); else the plots' base. */
  base?: number[];
  /** Every column's value on the row and its contribution per output. */
  columns: Array<{ name: string; value: string | number | null; contributions: number[] }>;
}

export interface ExplanationPlots {
  schemaVersion: 1;
  /** Rows explained, and how many of them the columns' arrays hold (an even spread). */
  explainedRows: number;
  sampledRows: number;
  /** Data rows (0-based) of the sample, in order. */
  sample: number[];
  outputNames: string[];
  outputKind: string;
  base: number[];
  /** Columns by influence, most first (at most 20); `otherColumns` counts the rest. */
  columns: PlotColumn[];
  otherColumns: number;
  /** The worst rows (by loss) when the file has the target, else the first rows explained. */
  waterfalls: WaterfallRow[];
  waterfallsAre: 'worst rows' | 'rows';
}
