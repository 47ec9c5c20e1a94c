// The comparison of two or more training runs: each run's models with the metrics they are
// judged by (holdout, else the cross-validated mean), and the curves of each run's best model
// (ROC and PR for classification, a sample of predicted-vs-actual for regression), thinned so
// the payload stays small. Pure.
import type { CompareModel, CompareReport, CompareRun, ProjectSummary } from '../../protocol/webview';
import { thinCurve, thinPoints } from './evaluationPayload';
import { bestModelOf, runOutcome, type RunRecord } from './runRecords';

export const COMPARE_LIMITS = { curvePoints: 120, points: 500, runs: 12 } as const;

function compareModel(model: RunRecord['data']['models'][number]): CompareModel {
  const holdout = model.metrics.holdout ?? {};
  const on = Object.keys(holdout).length > 0 ? 'holdout' : 'cv';
  const metrics =
    on === 'holdout'
      ? { ...holdout }
      : Object.fromEntries(Object.entries(model.metrics.cv ?? {}).map(([name, m]) => [name, m.mean]));
  return {
    name: model.name,
    kind: model.kind,
    baseline: model.baseline,
    metrics,
    on,
    ...(model.error ? { error: model.error } : {}),
  };
}

function compareRun(record: RunRecord): CompareRun {
  const run = record.data;
  const best = bestModelOf(run);
  const outcome = runOutcome(run);
  const entry: CompareRun = {
    runId: run.runId,
    createdAt: record.createdAt,
    task: run.task,
    primaryMetric: run.primaryMetric,
    bestModel: best?.name ?? run.bestModel,
    ...(outcome ? { kpisPass: outcome === 'pass' } : {}),
    models: run.models.map(compareModel),
  };
  const evaluation = best?.evaluation;
  if (evaluation?.task === 'classification') {
    entry.roc = evaluation.roc.map((c) => thinCurve(c, COMPARE_LIMITS.curvePoints));
    entry.pr = evaluation.pr.map((c) => thinCurve(c, COMPARE_LIMITS.curvePoints));
    entry.calibration = evaluation.calibration;
  } else if (evaluation?.task === 'regression') {
    entry.points = thinPoints(evaluation.points, COMPARE_LIMITS.points);
  }
  return entry;
}

/** Runs oldest first, so a later run reads as the change from the one before. */
export function buildCompareReport(
  records: readonly RunRecord[],
  project: ProjectSummary,
  generatedAt = new Date().toISOString(),
): CompareReport {
  if (records.length < 2)
    throw new Error(`Comparing runs needs at least two runs; ${records.length === 0 ? 'none was' : 'one was'} given.`);
  const tasks = new Set(records.map((r) => r.data.task));
  if (tasks.size > 1)
    throw new Error(`These runs solve different tasks (${[...tasks].join(' and ')}): compare runs of one task.`);
  const sorted = [...records].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const kept = sorted.slice(-COMPARE_LIMITS.runs);
  const omitted =
    sorted.length > kept.length
      ? [`only the newest ${COMPARE_LIMITS.runs} of the ${sorted.length} selected runs are compared`]
      : undefined;
  return { kind: 'compare', generatedAt, project, runs: kept.map(compareRun), ...(omitted ? { omitted } : {}) };
}
