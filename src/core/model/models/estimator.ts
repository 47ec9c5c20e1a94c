// The contract every model implements. A model kind is declarative (kind + plain-JSON params),
// fitting is async (cancellable, may use worker threads), and a fitted model serialises to plain
// JSON so that it can be saved with the run and loaded by `predict` in another process.
import type { BinnedMatrix } from '../binning';
import type { Matrix, Target } from '../matrix';

export type Task = 'classification' | 'regression';

/** One step of an iterative fit: a boosting round, a solver iteration, a tree of a forest. */
export interface IterationEvent {
  iteration: number;
  /** Iterations planned, when known (max_iter, n_estimators). */
  total?: number;
  trainLoss?: number;
  /** Loss on the model's own early-stopping split, when it has one. */
  validationLoss?: number;
}

export interface FitContext {
  /** Every random choice of the fit derives from this (bootstrap, feature sampling, early-stopping split). */
  seed: number;
  signal?: AbortSignal;
  /**
   * Observes intermediate values; returning 'stop' ends the fit early and keeps the model as it
   * is (how a tuning pruner stops a trial). Called at most once per iteration.
   */
  onIteration?(event: IterationEvent): void | 'stop';
  /** Features already binned for this exact X (a tuning study bins once, then fits many times). */
  binned?: BinnedMatrix;
  /** Worker threads a model may use; 1 = none. Default: min(2, os.availableParallelism()). */
  threads?: number;
}

export interface FittedModel {
  readonly kind: string;
  readonly task: Task;
  readonly nFeatures: number;
  /** Regression: predicted values. Classification: predicted class index (argmax of predictProba, ties to the lowest index). */
  predict(X: Matrix): Float64Array;
  /** Classification only: probabilities, row-major rows × classes, each row summing to 1. */
  predictProba?(X: Matrix): Float64Array;
  /** Built-in importances (impurity decrease for trees, |coefficient| for linear models), one per feature. */
  featureImportances?(): Float64Array;
  /** Facts about the fit: iterations run, converged, early-stopped, n_leaves ... */
  readonly info: Record<string, number | string | boolean>;
  toJSON(): SerializedModel;
}

/** A fitted model as saved in a run's artifact. `version` is the kind's state format version. */
export interface SerializedModel {
  kind: string;
  version: number;
  task: Task;
  nFeatures: number;
  classes?: string[];
  state: unknown;
}

export type ModelParams = Record<string, unknown>;

export interface ModelDefinition<P extends ModelParams = ModelParams> {
  kind: string;
  /** One line for pickers and docs. */
  title: string;
  tasks: readonly Task[];
  /** True when the model accepts NaN features itself (trees, boosting); otherwise the pipeline must impute. */
  handlesMissing: boolean;
  /** True when a baseline (dummy) model: trained first in every run. */
  baseline?: boolean;
  /** Parameter names → default values (scikit-learn's defaults), per task where they differ. */
  defaults(task: Task): P;
  /**
   * Checks user parameters (from the pipeline spec) and fills defaults. Throws ModelParamError
   * naming the parameter and what is allowed; unknown names are errors, not ignored.
   */
  params(raw: ModelParams, task: Task): P;
  fit(X: Matrix, y: Target, params: P, ctx: FitContext): Promise<FittedModel>;
  /** Loads a saved model; throws ModelFormatError for a newer/unknown version. */
  load(saved: SerializedModel): FittedModel;
}

export class ModelParamError extends Error {
  constructor(
    readonly kind: string,
    readonly param: string,
    message: string,
  ) {
    super(`${kind}: parameter ${param}: ${message}`);
    this.name = 'ModelParamError';
  }
}

export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFormatError';
  }
}

/** Throws an AbortError-like error when the signal is aborted; call between iterations. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) {
    const error = new Error('Training was cancelled.');
    error.name = 'AbortError';
    throw error;
  }
}
