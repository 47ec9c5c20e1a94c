// The evaluation report's payload, built from a run record (and, for "Evaluate Model on Dataset",
// an evaluation of one of its models on another file). The record holds summaries already; here
// they are capped so the webview's payload stays small whatever the data size: curves thinned,
// the regression sample, the worst rows and the slices cut, each cut named in `omitted`. Pure.
import type { Curve, ErrorAnalysis, ModelEvaluation } from '../../core/model/evaluation/evaluationTypes';
import type { RunModelResult } from '../../core/model/runTypes';
import type { EvaluateResult } from '../../core/model/train/trainTypes';
import type { EvaluationReport, EvaluationRun, ProjectSummary } from '../../protocol/webview';
import type { RunRecord } from './runRecords';

export const PAYLOAD_LIMITS = {
  /** Points per ROC / PR curve. */
  curvePoints: 200,
  /** Predicted-vs-actual points per regression model. */
  points: 1000,
  worstRows: 50,
  slices: 30,
} as const;

/** Every `step`-th index, always keeping the first and the last. */
function thinIndices(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const indices: number[] = [];
  const step = (length - 1) / (max - 1);
  for (let k = 0; k < max; k += 1) indices.push(Math.round(k * step));
  return [...new Set(indices)];
}

export function thinCurve(curve: Curve, max: number = PAYLOAD_LIMITS.curvePoints): Curve {
  if (curve.x.length <= max) return curve;
  const keep = thinIndices(curve.x.length, max);
  const pick = (values: number[]) => (values.length === curve.x.length ? keep.map((i) => values[i]) : values);
  return { ...curve, x: pick(curve.x), y: pick(curve.y), thresholds: pick(curve.thresholds) };
}

/** A seeded-sample's first `max` points would be biased by order; an even stride keeps its spread. */
export function thinPoints(points: { actual: number[]; predicted: number[] }, max: number = PAYLOAD_LIMITS.points) {
  if (points.actual.length <= max) return points;
  const keep = thinIndices(points.actual.length, max);
  return { actual: keep.map((i) => points.actual[i]), predicted: keep.map((i) => points.predicted[i]) };
}

function capEvaluation(evaluation: ModelEvaluation, cuts: Set<string>): ModelEvaluation {
  if (evaluation.task === 'regression') {
    if (evaluation.points.actual.length > PAYLOAD_LIMITS.points)
      cuts.add(`regression plots show ${PAYLOAD_LIMITS.points} evenly spaced points of each model's sample`);
    return { ...evaluation, points: thinPoints(evaluation.points) };
  }
  const curves = [...evaluation.roc, ...evaluation.pr];
  if (curves.some((c) => c.x.length > PAYLOAD_LIMITS.curvePoints))
    cuts.add(`ROC and PR curves are thinned to ${PAYLOAD_LIMITS.curvePoints} points`);
  return { ...evaluation, roc: evaluation.roc.map((c) => thinCurve(c)), pr: evaluation.pr.map((c) => thinCurve(c)) };
}

function capErrorAnalysis(analysis: ErrorAnalysis, cuts: Set<string>): ErrorAnalysis {
  if (analysis.worstRows.length > PAYLOAD_LIMITS.worstRows)
    cuts.add(`the ${PAYLOAD_LIMITS.worstRows} worst rows of ${analysis.worstRows.length} are listed`);
  if (analysis.slices.length > PAYLOAD_LIMITS.slices)
    cuts.add(`the ${PAYLOAD_LIMITS.slices} worst slices of ${analysis.slices.length} are listed`);
  return {
    ...analysis,
    slices: [...analysis.slices].sort((a, b) => b.error - a.error).slice(0, PAYLOAD_LIMITS.slices),
    worstRows: [...analysis.worstRows].sort((a, b) => b.loss - a.loss).slice(0, PAYLOAD_LIMITS.worstRows),
  };
}

export interface EvaluationReportInput {
  record: RunRecord;
  project: ProjectSummary;
  /** An evaluation of one of the run's models on another labelled file. */
  evaluated?: EvaluateResult;
  generatedAt?: string;
}

export function buildEvaluationReport({
  record,
  project,
  evaluated,
  generatedAt,
}: EvaluationReportInput): EvaluationReport {
  const { spec, ...data } = record.data;
  const cuts = new Set<string>();
  let models: RunModelResult[] = data.models;
  let { errorAnalysis, fairness, featureImportance, kpis } = data;
  if (evaluated) {
    if (!models.some((m) => m.name === evaluated.model))
      throw new Error(`The run ${data.runId} has no model "${evaluated.model}".`);
    models = models.map((m) => (m.name === evaluated.model ? { ...m, evaluation: evaluated.evaluation } : m));
    errorAnalysis = evaluated.errorAnalysis;
    fairness = evaluated.fairness;
    featureImportance = evaluated.featureImportance;
    kpis = evaluated.kpis ?? kpis;
  }
  const run: EvaluationRun = {
    ...data,
    models: models.map((m) => (m.evaluation ? { ...m, evaluation: capEvaluation(m.evaluation, cuts) } : m)),
    errorAnalysis: errorAnalysis && capErrorAnalysis(errorAnalysis, cuts),
    fairness,
    featureImportance,
    kpis,
    createdAt: record.createdAt,
    recordPath: `.mlcycle/runs/${data.runId}.json`,
    split: {
      kind: spec?.split?.kind ?? 'kfold',
      folds: spec?.split?.folds ?? 0,
      holdoutFraction: spec?.split?.holdoutFraction ?? 0,
    },
    data: { train: spec?.data?.train ?? '', ...(spec?.data?.holdout ? { holdout: spec.data.holdout } : {}) },
  };
  return {
    kind: 'evaluation',
    generatedAt: generatedAt ?? new Date().toISOString(),
    project,
    run,
    ...(evaluated
      ? { evaluatedOn: { model: evaluated.model, data: evaluated.data, recordPath: evaluated.recordPath } }
      : {}),
    ...(cuts.size > 0 ? { omitted: [...cuts] } : {}),
  };
}
