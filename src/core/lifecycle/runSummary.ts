// Reading a training run record: which model is best, whether it beat the baseline, and what a
// metric's value is. Metric names follow scikit-learn (accuracy, roc_auc, rmse, log_loss ...).
import { field } from './evidence';

export interface RunModel {
  name: string;
  kind: string;
  baseline: boolean;
  metrics: { cv?: Record<string, { mean: number; std: number }>; holdout?: Record<string, number> };
}

/** Metrics where smaller is better; every other metric is better when larger. */
const LOWER_IS_BETTER = /(^|_)(rmse|mse|mae|mape|log_loss|brier|error|loss)($|_)/;

export function greaterIsBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.test(metric);
}

/** A charter KPI's test: `direction` when the charter gives one, else the metric's usual direction. */
export function meetsThreshold(metric: string, value: number, threshold: number, direction?: unknown): boolean {
  const atLeast = direction === 'at_least' ? true : direction === 'at_most' ? false : greaterIsBetter(metric);
  return atLeast ? value >= threshold : value <= threshold;
}

export function runModels(data: unknown): RunModel[] {
  const models = field(data, 'models');
  return Array.isArray(models) ? (models as RunModel[]) : [];
}

/** The value a model is judged by: holdout when present, else the cross-validated mean. */
export function metricValue(model: RunModel, metric: string): number | undefined {
  const holdout = model.metrics.holdout?.[metric];
  if (typeof holdout === 'number') return holdout;
  const cv = model.metrics.cv?.[metric]?.mean;
  return typeof cv === 'number' ? cv : undefined;
}

export interface BaselineComparison {
  metric: string;
  baseline: RunModel;
  best: RunModel;
  baselineValue: number;
  bestValue: number;
  beats: boolean;
}

/** Compares the best non-baseline model to the best baseline on the run's primary metric. */
export function compareWithBaseline(data: unknown): BaselineComparison | undefined {
  const metric = String(field(data, 'primaryMetric') ?? '');
  const models = runModels(data);
  if (!metric) return undefined;
  const better = (a: number, b: number) => (greaterIsBetter(metric) ? a > b : a < b);
  const pick = (list: RunModel[]) =>
    list
      .filter((m) => metricValue(m, metric) !== undefined)
      .reduce<RunModel | undefined>(
        (best, m) => (!best || better(metricValue(m, metric)!, metricValue(best, metric)!) ? m : best),
        undefined,
      );
  const baseline = pick(models.filter((m) => m.baseline));
  const best = pick(models.filter((m) => !m.baseline));
  if (!baseline || !best) return undefined;
  const baselineValue = metricValue(baseline, metric)!;
  const bestValue = metricValue(best, metric)!;
  return { metric, baseline, best, baselineValue, bestValue, beats: better(bestValue, baselineValue) };
}
