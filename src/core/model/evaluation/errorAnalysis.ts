// Error analysis: where the model does worst. Every input column is cut into segments (numeric
// quantile ranges, categories, missing values); segments large enough to matter are ranked by
// their error (error rate for classification, mean absolute error for regression) and the worst
// ones above the overall error are reported, with the rows of highest loss and their original values.
import type { Frame, FrameColumn } from '../frame';
import type { Target } from '../matrix';
import { checkPrediction, predictedLabels, type Prediction } from '../metrics/prediction';
import { rowLogLoss } from '../metrics/probabilistic';
import type { ErrorAnalysis, ErrorSlice, WorstRow } from './evaluationTypes';
import { segmentColumn, type SegmentOptions } from './segments';

/** Feature values listed per worst row. */
export const WORST_ROW_FEATURES = 12;

export interface ErrorAnalysisInput {
  model: string;
  on: 'holdout' | 'cv';
  /** The evaluated rows with their original (pre-encoding) columns, target column removed. */
  frame: Frame;
  target: Target;
  prediction: Prediction;
  /** Slices reported. */
  slices: number;
  /** Worst rows listed. */
  worstRows: number;
  /** Smallest slice considered; default max(10, 2% of the rows). */
  minSliceRows?: number;
  segments?: Partial<SegmentOptions>;
}

export const DEFAULT_SLICE_SEGMENTS: SegmentOptions = { bins: 5, maxDistinctValues: 5, topCategories: 10 };

export function errorAnalysis(input: ErrorAnalysisInput): ErrorAnalysis {
  const { frame, target, prediction } = input;
  checkPrediction(target, prediction);
  const n = target.y.length;
  if (frame.rows !== n)
    throw new Error(`Error analysis: the data has ${frame.rows} rows but the predictions have ${n}.`);
  const { error, loss, actual, predicted } = rowErrors(target, prediction);
  const overallError = mean(error, undefined);
  const minRows = input.minSliceRows ?? Math.max(10, Math.ceil(0.02 * n));
  const options = { ...DEFAULT_SLICE_SEGMENTS, ...input.segments };

  const candidates: ErrorSlice[] = [];
  for (const column of frame.columns) {
    for (const segment of segmentColumn(column, options)) {
      const count = segment.rows.length;
      if (count < minRows || count >= n) continue;
      const sliceError = mean(error, segment.rows);
      if (!(sliceError > overallError)) continue;
      candidates.push({
        feature: segment.feature,
        description: segment.description,
        kind: segment.kind,
        count,
        error: sliceError,
        overallError,
      });
    }
  }
  candidates.sort((a, b) => b.error - a.error || b.count - a.count || a.description.localeCompare(b.description));
  const slices = candidates.slice(0, Math.max(0, input.slices));

  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => loss[b] - loss[a] || a - b);
  const shown = featuresToShow(frame.columns, slices);
  const worstRows: WorstRow[] = order.slice(0, Math.max(0, input.worstRows)).map((i) => {
    const row: WorstRow = { index: i, actual: actual(i), predicted: predicted(i), loss: loss[i], values: {} };
    if (frame.lineNumbers) row.line = frame.lineNumbers[i];
    for (const column of shown) row.values[column.name] = cell(column, i);
    return row;
  });
  return {
    model: input.model,
    on: input.on,
    measure: target.task === 'classification' ? 'error_rate' : 'absolute_error',
    overallError,
    slices,
    worstRows,
  };
}

interface RowErrors {
  /** 0/1 misclassification, or absolute error. */
  error: Float64Array;
  /** Log loss of the true class (0/1 without probabilities), or absolute error. */
  loss: Float64Array;
  actual(i: number): string | number;
  predicted(i: number): string | number;
}

function rowErrors(target: Target, prediction: Prediction): RowErrors {
  const n = target.y.length;
  if (target.task === 'regression') {
    const values = (prediction as Prediction & { task: 'regression' }).values;
    const error = new Float64Array(n);
    for (let i = 0; i < n; i++) error[i] = Math.abs(target.y[i] - values[i]);
    return { error, loss: error, actual: (i) => target.y[i], predicted: (i) => values[i] };
  }
  const p = prediction as Prediction & { task: 'classification' };
  const labels = predictedLabels(target, p);
  const error = new Float64Array(n);
  for (let i = 0; i < n; i++) error[i] = labels[i] === target.y[i] ? 0 : 1;
  const loss = p.probabilistic === false ? error : rowLogLoss(target.y, p.proba, target.classes.length);
  return { error, loss, actual: (i) => target.classes[target.y[i]], predicted: (i) => target.classes[labels[i]] };
}

function mean(values: Float64Array, rows: Int32Array | undefined): number {
  let s = 0;
  if (!rows) {
    for (let i = 0; i < values.length; i++) s += values[i];
    return s / values.length;
  }
  for (let r = 0; r < rows.length; r++) s += values[rows[r]];
  return s / rows.length;
}

/** Up to 12 columns: those of the worst slices first, then the others in file order. */
function featuresToShow(columns: FrameColumn[], slices: ErrorSlice[]): FrameColumn[] {
  const first = new Set(slices.map((s) => s.feature));
  const ordered = [...columns.filter((c) => first.has(c.name)), ...columns.filter((c) => !first.has(c.name))];
  return ordered.slice(0, WORST_ROW_FEATURES);
}

function cell(column: FrameColumn, i: number): string | number | null {
  if (column.type === 'numeric') return Number.isNaN(column.values[i]) ? null : column.values[i];
  return column.values[i];
}
