// Judging a run once its models are trained: each model against the best baseline on the
// primary metric (holdout, else cross-validated mean — the sidebar's rule, runSummary.ts), the
// best model, the pass/fail outcome and the one-line summary the sidebar shows.
import { greaterIsBetter, metricValue } from '../../lifecycle/runSummary';
import type { KpiCheck, RunModelResult } from '../runTypes';

const usable = (m: RunModelResult, metric: string) => !m.error && metricValue(m, metric) !== undefined;

/** Ties on the judged value (a small holdout often gives several models 1.0) go to the better cross-validated mean. */
function bestOf(models: RunModelResult[], metric: string): RunModelResult | undefined {
  const better = (a: number, b: number) => (greaterIsBetter(metric) ? a > b : a < b);
  const cvMean = (m: RunModelResult) => m.metrics.cv?.[metric]?.mean;
  const beats = (m: RunModelResult, best: RunModelResult) => {
    const a = metricValue(m, metric)!;
    const b = metricValue(best, metric)!;
    if (a !== b) return better(a, b);
    const ca = cvMean(m);
    const cb = cvMean(best);
    return ca !== undefined && cb !== undefined && better(ca, cb);
  };
  let best: RunModelResult | undefined;
  for (const m of models) {
    if (!usable(m, metric)) continue;
    if (!best || beats(m, best)) best = m;
  }
  return best;
}

/** Sets vsBaseline on every non-baseline model that has the metric; returns the best baseline. */
export function compareWithBaselines(models: RunModelResult[], metric: string): RunModelResult | undefined {
  const baseline = bestOf(
    models.filter((m) => m.baseline),
    metric,
  );
  if (!baseline) return undefined;
  const baselineValue = metricValue(baseline, metric)!;
  const higher = greaterIsBetter(metric);
  for (const m of models) {
    if (m.baseline || !usable(m, metric)) continue;
    const value = metricValue(m, metric)!;
    m.vsBaseline = {
      metric,
      baseline: baseline.name,
      baselineValue,
      value,
      delta: value - baselineValue,
      beats: higher ? value > baselineValue : value < baselineValue,
    };
  }
  return baseline;
}

/** The best model on the primary metric: non-baselines first, the baseline only when alone. */
export function bestModel(models: RunModelResult[], metric: string): RunModelResult | undefined {
  return (
    bestOf(
      models.filter((m) => !m.baseline),
      metric,
    ) ??
    bestOf(
      models.filter((m) => m.baseline),
      metric,
    )
  );
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4));

export interface RunVerdict {
  outcome: 'pass' | 'fail';
  summary: string;
  /** Why the run failed, one reason each. */
  reasons: string[];
}

export function judgeRun(
  models: RunModelResult[],
  best: RunModelResult | undefined,
  metric: string,
  kpis: KpiCheck[] | undefined,
): RunVerdict {
  const reasons: string[] = [];
  let summary: string;
  if (!best) {
    summary = 'No model produced the primary metric.';
    reasons.push(summary);
  } else if (best.baseline) {
    summary = `Only the baseline ${best.name} trained: ${metric} ${fmt(metricValue(best, metric)!)}.`;
    reasons.push('No model beats the baseline.');
  } else {
    const vs = best.vsBaseline;
    summary = `${best.name} ${metric} ${fmt(metricValue(best, metric)!)}${vs ? ` vs baseline ${fmt(vs.baselineValue)}` : ''}`;
    if (vs && !vs.beats)
      reasons.push(`The best model, ${best.name}, does not beat the baseline ${vs.baseline} on ${metric}.`);
    summary += vs && !vs.beats ? ': does not beat the baseline.' : '.';
  }
  const failedKpis = (kpis ?? []).filter((k) => !k.pass);
  for (const k of failedKpis)
    reasons.push(
      `KPI ${k.name ? `"${k.name}" ` : ''}${k.metric} ${k.value === undefined ? 'not measured' : fmt(k.value)} (target ${k.threshold}).`,
    );
  if (kpis && kpis.length > 0) summary += ` KPIs ${kpis.length - failedKpis.length}/${kpis.length} met.`;
  const failedModels = models.filter((m) => m.error).length;
  if (failedModels > 0) summary += ` ${failedModels} model${failedModels > 1 ? 's' : ''} failed.`;
  return { outcome: reasons.length === 0 ? 'pass' : 'fail', summary, reasons };
}
