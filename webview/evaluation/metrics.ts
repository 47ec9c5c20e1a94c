// What the evaluation and compare reports say about metrics, with no DOM: labels, which way is
// better, number formats, the models' order, and the small computations the pages make on the
// summaries they receive (a row-normalised confusion matrix, the metrics at a chosen threshold,
// the best value of a row). Metric names are scikit-learn's.
import type { ThresholdAnalysis } from '../../src/core/model/evaluation/evaluationTypes';
import type { RunModelResult } from '../../src/core/model/runTypes';

export const METRIC_LABELS: Record<string, string> = {
  accuracy: 'Accuracy',
  balanced_accuracy: 'Balanced accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  precision_macro: 'Precision (macro)',
  recall_macro: 'Recall (macro)',
  f1_macro: 'F1 (macro)',
  precision_weighted: 'Precision (weighted)',
  recall_weighted: 'Recall (weighted)',
  f1_weighted: 'F1 (weighted)',
  roc_auc: 'ROC AUC',
  roc_auc_ovr: 'ROC AUC (one-vs-rest)',
  roc_auc_ovr_weighted: 'ROC AUC (one-vs-rest, weighted)',
  average_precision: 'PR AUC (average precision)',
  log_loss: 'Log loss',
  brier_score: 'Brier score',
  rmse: 'RMSE',
  mse: 'MSE',
  mae: 'MAE',
  r2: 'R²',
  mape: 'MAPE',
  median_absolute_error: 'Median absolute error',
  explained_variance: 'Explained variance',
  max_error: 'Max error',
};

export function metricLabel(name: string): string {
  return METRIC_LABELS[name] ?? name.replace(/_/g, ' ');
}

/** Metrics where smaller is better (the same rule as the lifecycle's, src/core/lifecycle/runSummary.ts). */
const LOWER_IS_BETTER = /(^|_)(rmse|mse|mae|mape|log_loss|brier|error|loss)($|_)/;

export function greaterIsBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.test(metric);
}

/** The metrics a table shows by default, in this order, when the run has them. */
export const TABLE_METRICS = {
  classification: ['accuracy', 'balanced_accuracy', 'f1_macro', 'roc_auc', 'average_precision', 'log_loss'],
  regression: ['rmse', 'mae', 'r2', 'mape'],
} as const;

/** The primary metric first, then the default ones any model has. */
export function tableMetrics(
  task: 'classification' | 'regression',
  primary: string,
  available: Iterable<string>,
): string[] {
  const has = new Set(available);
  return [primary, ...TABLE_METRICS[task].filter((m) => m !== primary && has.has(m))];
}

/** Four significant decimals near 1, fewer for large values, grouping for thousands. */
export function formatMetric(value: number | undefined | null): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 10) return value.toFixed(2);
  return value.toFixed(4);
}

export function formatMeanStd(mean: number, std: number): string {
  return `${formatMetric(mean)} ± ${formatMetric(std)}`;
}

/** "+0.0312" / "−0.0120": the sign always shown, a real minus sign. */
export function formatDelta(delta: number): string {
  if (!Number.isFinite(delta)) return '—';
  const text = formatMetric(Math.abs(delta));
  return `${delta < 0 ? '−' : '+'}${text}`;
}

export function formatPercent(fraction: number, digits = 1): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : '—';
}

/** Holdout value, else cross-validated mean. */
export function judged(model: Pick<RunModelResult, 'metrics'>, metric: string): number | undefined {
  const holdout = model.metrics.holdout?.[metric];
  if (typeof holdout === 'number') return holdout;
  return model.metrics.cv?.[metric]?.mean;
}

/**
 * Baselines first (the reference), then the other models best first on the primary metric,
 * models that failed or have no value last. Stable for ties.
 */
export function orderModels<M extends Pick<RunModelResult, 'name' | 'baseline' | 'metrics' | 'error'>>(
  models: readonly M[],
  primary: string,
): M[] {
  const sign = greaterIsBetter(primary) ? -1 : 1;
  const rank = (m: M) => (m.baseline ? 0 : m.error || judged(m, primary) === undefined ? 2 : 1);
  return models
    .map((model, index) => ({ model, index }))
    .sort((a, b) => {
      const byRank = rank(a.model) - rank(b.model);
      if (byRank !== 0) return byRank;
      const va = judged(a.model, primary);
      const vb = judged(b.model, primary);
      if (va !== undefined && vb !== undefined && va !== vb) return sign * (va - vb);
      return a.index - b.index;
    })
    .map((e) => e.model);
}

/** Each row divided by its total (the recall of each true class on the diagonal); empty rows stay 0. */
export function normaliseRows(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (total > 0 ? v / total : 0));
  });
}

export interface ThresholdPoint {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  positiveRate: number;
}

/** The analysed threshold closest to `t` (the analysis is a thinned grid of the score's cut points). */
export function thresholdPoint(analysis: ThresholdAnalysis, t: number): ThresholdPoint | undefined {
  if (analysis.thresholds.length === 0) return undefined;
  let best = 0;
  for (let i = 1; i < analysis.thresholds.length; i += 1) {
    if (Math.abs(analysis.thresholds[i] - t) < Math.abs(analysis.thresholds[best] - t)) best = i;
  }
  return {
    threshold: analysis.thresholds[best],
    precision: analysis.precision[best],
    recall: analysis.recall[best],
    f1: analysis.f1[best],
    accuracy: analysis.accuracy[best],
    positiveRate: analysis.positiveRate[best],
  };
}

/** Indices of the best value of a row (ties all count); none when no value is defined. */
export function bestIndices(values: ReadonlyArray<number | undefined>, metric: string): number[] {
  const defined = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (defined.length === 0) return [];
  const best = greaterIsBetter(metric) ? Math.max(...defined) : Math.min(...defined);
  return values.flatMap((v, i) => (v === best ? [i] : []));
}

/** Quartiles of a small sample (linear interpolation, as numpy's default) for the fold summary. */
export function quartiles(
  values: readonly number[],
): { min: number; q1: number; median: number; q3: number; max: number } | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    const pos = p * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  };
  return { min: sorted[0], q1: at(0.25), median: at(0.5), q3: at(0.75), max: sorted[sorted.length - 1] };
}
