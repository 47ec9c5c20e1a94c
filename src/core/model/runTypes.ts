// A training run as recorded in .mlcycle/runs/<runId>.json (the envelope's `data`), with its
// model artifacts in .mlcycle/runs/<runId>/<model>.model.json. Compatible with the lifecycle's
// reader (src/core/lifecycle/runSummary.ts) and the CLI's --json contract.
import type { ErrorAnalysis, FairnessReport, FeatureImportance, ModelEvaluation } from './evaluation/evaluationTypes';
import type { SerializedModel, Task } from './models/estimator';
import type { PipelineSpec } from './specTypes';

export const RUN_FORMAT_VERSION = 1;
export const ARTIFACT_FORMAT_VERSION = 1;

export interface CvMetric {
  mean: number;
  std: number;
  /** One value per fold, in fold order. */
  folds: number[];
}

export interface RunModelResult {
  name: string;
  kind: string;
  baseline: boolean;
  params: Record<string, unknown>;
  metrics: { cv?: Record<string, CvMetric>; holdout?: Record<string, number> };
  /** Against the best baseline on the primary metric (not for baselines themselves). */
  vsBaseline?: {
    metric: string;
    baseline: string;
    baselineValue: number;
    value: number;
    delta: number;
    beats: boolean;
  };
  /** Holdout evaluation (else out-of-fold), for the report. */
  evaluation?: ModelEvaluation;
  /** Path of the saved pipeline + model, relative to the project root; absent for external trainers without a model. */
  artifact?: string;
  timings: { fitMs: number; cvMs: number; predictMs: number };
  info: Record<string, number | string | boolean>;
  /** Set when this model failed; the run still completes with the others. */
  error?: string;
  /** kind external: its manifest (externalArtifact.ts), relative to the project root, next to the model folder its trainer wrote. */
  externalModel?: string;
  /** kind external: metrics.json exactly as the trainer wrote it (metrics.holdout holds our own evaluation of its predictions when it wrote predictions.csv, else its numeric entries). */
  reported?: Record<string, unknown>;
}

export interface FeatureRationale {
  feature: string;
  included: boolean;
  /** "dropped in the spec: identifier", "constant", "mutual information 0.41 (rank 2 of 9)" ... */
  reason: string;
  score?: number;
}

export interface KpiCheck {
  metric: string;
  threshold: number;
  value?: number;
  pass: boolean;
  /** The charter's own words for the KPI, when given. */
  name?: string;
}

/** A rerun of a recorded run from its own spec and seed (mlcycle train --reproduce <runId>). */
export interface Reproduction {
  /** The run reproduced. */
  of: string;
  /** Every CV mean and holdout value equal (relative 1e-9). */
  identical: boolean;
  /** Data files whose content changed since the original run. */
  changedInputs: string[];
  differences: Array<{ model: string; metric: string; original: number; now: number | null }>;
}

export interface RunData {
  formatVersion: typeof RUN_FORMAT_VERSION;
  runId: string;
  /** Spec file, relative to the root, and its fully defaulted content (reproduce from this). */
  specPath: string;
  spec: PipelineSpec;
  task: Task;
  target: string;
  classes?: string[];
  seed: number;
  primaryMetric: string;
  rows: { train: number; holdout: number };
  holdoutSource: 'file' | 'split' | 'none';
  models: RunModelResult[];
  /** The model with the best primary metric (holdout, else CV mean), baselines excluded unless alone. */
  bestModel: string;
  selectedFeatures: string[];
  featureRationale: FeatureRationale[];
  errorAnalysis?: ErrorAnalysis;
  fairness?: FairnessReport;
  featureImportance?: FeatureImportance;
  kpis?: KpiCheck[];
  /** What the user should know that did not stop the run (rows without a target, a class absent from a fold, a skipped analysis ...). */
  warnings?: string[];
  /** Why the run's outcome is fail (baseline not beaten, a KPI missed), one reason each. */
  failures?: string[];
  /** Set when this run reproduces another. */
  reproduction?: Reproduction;
  /** The cell texts read as missing in each file (besides empty cells); absent in older runs (pandas 2's defaults). */
  missingValues?: { train: string[]; holdout?: string[] };
  timings: { totalMs: number; loadMs: number; [step: string]: number };
  environment: { mlcycle: string; node: string; platform: string; arch: string; cpus: number };
}

/** A model artifact: the fitted preprocessing and the model, enough to predict in another process. */
export interface ModelArtifact {
  formatVersion: typeof ARTIFACT_FORMAT_VERSION;
  runId: string;
  modelName: string;
  task: Task;
  target: string;
  classes?: string[];
  /** Input columns the pipeline expects (pre-encoding), with their types. */
  inputs: Array<{ name: string; type: 'numeric' | 'categorical' }>;
  /** The fitted preprocessing (src/core/model/pipeline), plain JSON. */
  pipeline: unknown;
  model: SerializedModel;
  createdAt: string;
}
