// The deeper look at one model's predictions, shared by the train and evaluate jobs: error
// analysis (worst slices and rows), fairness across the sensitive columns, and permutation
// importance through the fitted pipeline and model. Each part that cannot be computed becomes
// a warning, never a failed run.
import { isAbortError } from '../../../protocol/jobError';
import { errorAnalysis, fairness, permutationImportance } from '../evaluation';
import type { ErrorAnalysis, FairnessReport, FeatureImportance } from '../evaluation/evaluationTypes';
import type { Frame } from '../frame';
import type { Target } from '../matrix';
import type { Prediction } from '../metrics/prediction';
import type { FittedModel } from '../models/estimator';
import type { FittedPipeline } from '../pipeline/fitPipeline';
import type { EvaluationSpec } from '../specTypes';
import { predictMatrix } from './predictions';

export interface AnalysisInput {
  model: string;
  on: 'holdout' | 'cv';
  /** The evaluated rows' original columns (pre-encoding), without the target. */
  frame: Frame;
  target: Target;
  prediction: Prediction;
  evaluation: EvaluationSpec;
  positiveClass?: number;
  /** Absent for an external trainer: no permutation importance then. */
  fitted?: { pipeline: FittedPipeline; model: FittedModel };
  seed: number;
  signal?: AbortSignal;
}

export interface AnalysisResult {
  errorAnalysis?: ErrorAnalysis;
  fairness?: FairnessReport;
  featureImportance?: FeatureImportance;
  warnings: string[];
}

async function attempt<T>(what: string, warnings: string[], step: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (isAbortError(error)) throw error;
    warnings.push(`${what} skipped: ${(error as Error).message}`);
    return undefined;
  }
}

export async function analyseModel(input: AnalysisInput, primaryMetric: string): Promise<AnalysisResult> {
  const warnings: string[] = [];
  const { frame, target, prediction, evaluation } = input;
  const common = { model: input.model, on: input.on, frame, target, prediction };
  const positive = input.positiveClass !== undefined ? { positiveClass: input.positiveClass } : {};
  const errors = await attempt('Error analysis', warnings, () =>
    errorAnalysis({ ...common, slices: evaluation.slices, worstRows: evaluation.worstRows }),
  );
  const present = new Set(frame.columns.map((c) => c.name));
  const sensitive = evaluation.sensitiveColumns.filter((c) => {
    if (present.has(c)) return true;
    warnings.push(`Sensitive column "${c}" is not in the data: no fairness report for it.`);
    return false;
  });
  const groups =
    sensitive.length > 0
      ? await attempt('Fairness', warnings, () => fairness({ ...common, ...positive, columns: sensitive }))
      : undefined;
  let importance: FeatureImportance | undefined;
  if (input.fitted && evaluation.permutationRepeats > 0) {
    const { pipeline, model } = input.fitted;
    const classes = target.task === 'classification' ? target.classes.length : 0;
    importance = await attempt('Permutation importance', warnings, () =>
      permutationImportance({
        model: input.model,
        frame,
        target,
        metric: primaryMetric,
        repeats: evaluation.permutationRepeats,
        seed: input.seed,
        columns: pipeline.inputs.map((i) => i.name).filter((name) => frame.columns.some((c) => c.name === name)),
        ...(input.positiveClass !== undefined ? { positiveClass: input.positiveClass } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
        predict: async (f: Frame) => predictMatrix(model, pipeline.transform(f), classes),
      }),
    );
  }
  return {
    ...(errors ? { errorAnalysis: errors } : {}),
    ...(groups ? { fairness: groups } : {}),
    ...(importance ? { featureImportance: importance } : {}),
    warnings,
  };
}
