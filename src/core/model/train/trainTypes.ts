// Parameters and results of the model jobs (train, evaluate, predict): the contract between
// the worker, the CLI and the editor's commands. Paths are relative to `root` (the project root).
import type { ErrorAnalysis, FairnessReport, FeatureImportance, ModelEvaluation } from '../evaluation/evaluationTypes';
import type { KpiCheck, RunData } from '../runTypes';

export interface TrainParams {
  root: string;
  /** Pipeline spec; default: mlcycle.yaml's documents.pipeline (pipeline.yaml). */
  spec?: string;
  /** Train only these models of the spec (baselines are always trained). */
  models?: string[];
  /** Train again from this recorded run's own spec and seed, and compare every metric with it (instead of `spec`). */
  reproduce?: string;
  /** Run id to use; default: a timestamp id like 2026-11-26T09-30-00-123Z. */
  runId?: string;
  /** Cell texts read as missing in every file (the CLI's --missing-values); default: mlcycle.yaml's missingValues. */
  missingValues?: string[];
}

export interface TrainResult {
  runId: string;
  /** Relative path of the run record. */
  recordPath: string;
  run: RunData;
  /** The record's outcome: fail when the best model does not beat the baseline or a KPI is missed (reasons in run.failures). */
  outcome?: 'pass' | 'fail';
  /** The record's one-line summary. */
  summary?: string;
}

export interface EvaluateParams {
  root: string;
  /** Run id; default: the newest run. */
  run?: string;
  /** Model name within the run; default: the run's best model. */
  model?: string;
  /** A labelled dataset (must contain the target column); default: the spec's holdout. */
  data?: string;
  /** Cell texts read as missing (the CLI's --missing-values); default: mlcycle.yaml's missingValues. */
  missingValues?: string[];
}

export interface EvaluateResult {
  runId: string;
  model: string;
  data: string;
  /** The cell texts read as missing in the data (besides empty cells). */
  missingValues?: string[];
  evaluation: ModelEvaluation;
  errorAnalysis?: ErrorAnalysis;
  fairness?: FairnessReport;
  featureImportance?: FeatureImportance;
  kpis?: KpiCheck[];
  /** Relative path of the evaluation record written. */
  recordPath: string;
}

export interface PredictParams {
  root: string;
  /** A run id (its best model), "runId/modelName", or a path to a .model.json artifact. */
  model: string;
  /** Dataset to predict on (the target column may be absent). */
  data: string;
  /** Output CSV path: the input's identifying rows are not copied; one row per input row with the prediction (and one probability column per class). */
  out: string;
  /** Cell texts read as missing (the CLI's --missing-values); default: mlcycle.yaml's missingValues. */
  missingValues?: string[];
  /** Add the `explain` columns that contribute most to each prediction (SHAP values, as `mlcycle explain` computes them). */
  explain?: number;
}

export interface PredictResult {
  runId: string;
  model: string;
  out: string;
  rows: number;
  columns: string[];
  /** The cell texts read as missing in the data (besides empty cells). */
  missingValues?: string[];
  /** With `explain`: how the contributions were computed and what they are contributions to. */
  explained?: { method: string; note: string; outputKind: string; top: number };
}
