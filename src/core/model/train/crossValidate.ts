// Training one built-in model on prepared data: cross-validation (fit on each fold's training
// rows, predict its test rows, metrics per fold and out-of-fold predictions) and the final fit
// on the whole training part, evaluated on the holdout. These are the calls a tuning study
// makes for each trial, on one PreparedData loaded and preprocessed once per study:
//
//   const data = await loadTrainingData({ root, spec, signal });
//   const prepared = new PreparedData(data, { seed: spec.seed, signal });    // folds preprocessed lazily, once
//   for (const trial of trials) {
//     const cv = await crossValidate(prepared, { name, kind, params: trial.params }, {
//       seed, signal,
//       onIteration: (e) => (pruner.shouldStop(e) ? 'stop' : undefined),    // per boosting round / solver iteration
//       onFold: (fold, metrics) => (pruner.report(fold, metrics[primary]) ? 'stop' : undefined),
//     });
//     if (cv.stopped) continue;                                              // pruned after some folds
//   }
//   const final = await trainModel(prepared, best, { seed, signal });       // refit, holdout metrics
import { computeMetrics } from '../metrics';
import type { MetricValues } from '../evaluation/evaluationTypes';
import type { Prediction } from '../metrics/prediction';
import type { BinnedMatrix } from '../binning';
import { earlyStoppingSplit } from '../models/boosting/fit';
import type { BoostingParams } from '../models/boosting/params';
import type { FittedModel, IterationEvent, ModelDefinition, ModelParams } from '../models/estimator';
import { ModelParamError, throwIfAborted } from '../models/estimator';
import { findModel, MODELS } from '../models/registry';
import type { CvMetric } from '../runTypes';
import type { ModelSpec } from '../specTypes';
import { checkFeatureValues, type PreparedData, type PreparedPart } from './preparedData';
import { OutOfFold, predictMatrix } from './predictions';
import type { Target } from '../matrix';
import type { FittedPipeline } from '../pipeline/fitPipeline';

export interface ModelTrainingOptions {
  seed: number;
  signal?: AbortSignal;
  /** Model iterations (boosting rounds, solver steps, trees); 'stop' ends that fit early. */
  onIteration?(event: IterationEvent & { fold: number | 'full' }): void | 'stop';
  /** After each fold with its metrics; 'stop' ends the cross-validation (a pruned trial). */
  onFold?(fold: number, metrics: MetricValues): void | 'stop' | Promise<void | 'stop'>;
  /** Before each fit: "fold 2/5" or "full". */
  onStep?(step: number | 'full'): void;
  /** Index of the positive class of binary metrics (default 1, scikit-learn's pos_label=1). */
  positiveClass?: number;
  threads?: number;
}

/** A model kind and its checked parameters; throws ModelParamError / Error with a clear message. */
export function resolveModel(
  model: ModelSpec,
  task: 'classification' | 'regression',
): { definition: ModelDefinition; params: ModelParams } {
  const definition = findModel(model.kind);
  if (!definition) {
    const known = MODELS.filter((m) => m.tasks.includes(task))
      .map((m) => m.kind)
      .join(', ');
    throw new Error(`Unknown model kind "${model.kind}" (for ${task}: ${known}, or external).`);
  }
  if (!definition.tasks.includes(task)) {
    throw new ModelParamError(
      model.kind,
      'kind',
      `${model.kind} does not do ${task}; use one of ${MODELS.filter((m) => m.tasks.includes(task))
        .map((m) => m.kind)
        .join(', ')}.`,
    );
  }
  return { definition, params: definition.params(model.params ?? {}, task) };
}

/**
 * The part's cached binning for models that grow trees on bins, requested exactly as the model
 * would bin X itself (same maxBins, seed and rows), so the model is the same as without the
 * cache; undefined for other models.
 */
function cachedBinning(
  part: PreparedPart,
  definition: ModelDefinition,
  params: ModelParams,
  seed: number,
): BinnedMatrix | undefined {
  switch (definition.kind) {
    case 'decision_tree':
    case 'random_forest':
      return part.binned({ maxBins: 255, seed });
    case 'hist_gradient_boosting': {
      // A target the model will reject (checked with a clear message in its fit): no cache.
      if (part.y.y.length !== part.X.rows || (part.y.task === 'classification' && part.y.classes.length < 2))
        return undefined;
      const p = params as unknown as BoostingParams;
      const split = earlyStoppingSplit(part.y, p, seed);
      return part.binned({
        maxBins: p.max_bins,
        seed,
        ...(split ? { fitRows: { key: `early-stopping-train:${p.validation_fraction}`, rows: split.train } } : {}),
      });
    }
    default:
      return undefined;
  }
}

async function fitOn(
  part: PreparedPart,
  definition: ModelDefinition,
  params: ModelParams,
  options: ModelTrainingOptions,
  fold: number | 'full',
): Promise<FittedModel> {
  checkFeatureValues(part, definition.handlesMissing);
  throwIfAborted(options.signal);
  const binned = cachedBinning(part, definition, params, options.seed);
  return definition.fit(part.X, part.y, params, {
    seed: options.seed,
    ...(binned ? { binned } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.onIteration ? { onIteration: (e: IterationEvent) => options.onIteration!({ ...e, fold }) } : {}),
  });
}

function classCount(target: Target): number {
  return target.task === 'classification' ? target.classes.length : 0;
}

/** Mean and population spread (numpy's std, ddof 0) of every metric finite in every fold. */
export function summarizeFolds(folds: MetricValues[]): Record<string, CvMetric> {
  const out: Record<string, CvMetric> = {};
  if (folds.length === 0) return out;
  for (const name of Object.keys(folds[0])) {
    const values = folds.map((f) => f[name]);
    if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / values.length;
    out[name] = { mean, std: Math.sqrt(variance), folds: values };
  }
  return out;
}

export interface CrossValidation {
  params: ModelParams;
  folds: MetricValues[];
  metrics: Record<string, CvMetric>;
  /** Out-of-fold predictions over the rows some fold tested (`index`: training-part rows). */
  oof: { index: Int32Array; prediction: Prediction; target: Target };
  /** True when onFold asked to stop before the last fold. */
  stopped: boolean;
  fitMs: number;
  predictMs: number;
}

export async function crossValidate(
  prepared: PreparedData,
  model: ModelSpec,
  options: ModelTrainingOptions,
): Promise<CrossValidation> {
  const { data } = prepared;
  const { definition, params } = resolveModel(model, data.task);
  const k = classCount(data.target);
  const oof = new OutOfFold(data.task, data.frame.rows, k);
  const folds: MetricValues[] = [];
  let fitMs = 0;
  let predictMs = 0;
  let stopped = false;
  for (let f = 0; f < data.folds.length; f++) {
    throwIfAborted(options.signal);
    options.onStep?.(f);
    const part = await prepared.fold(f);
    const t0 = performance.now();
    const fitted = await fitOn(part, definition, params, options, f);
    const t1 = performance.now();
    const prediction = predictMatrix(fitted, part.test!.X, k);
    predictMs += performance.now() - t1;
    fitMs += t1 - t0;
    oof.add(part.test!.index!, prediction);
    const metrics = computeMetrics(
      part.test!.y,
      prediction,
      options.positiveClass !== undefined ? { positiveClass: options.positiveClass } : {},
    );
    folds.push(metrics);
    if ((await options.onFold?.(f, metrics)) === 'stop' && f < data.folds.length - 1) {
      stopped = true;
      break;
    }
  }
  return { params, folds, metrics: summarizeFolds(folds), oof: oof.result(data.target), stopped, fitMs, predictMs };
}

export interface TrainedModel {
  params: ModelParams;
  pipeline: FittedPipeline;
  model: FittedModel;
  /** Prediction and metrics on the holdout, when there is one. */
  holdout?: { prediction: Prediction; metrics: MetricValues };
  fitMs: number;
  predictMs: number;
}

/** Fits on the whole training part and evaluates on the holdout. */
export async function trainModel(
  prepared: PreparedData,
  model: ModelSpec,
  options: ModelTrainingOptions,
): Promise<TrainedModel> {
  const { data } = prepared;
  const { definition, params } = resolveModel(model, data.task);
  options.onStep?.('full');
  const part = await prepared.full();
  const t0 = performance.now();
  const fitted = await fitOn(part, definition, params, options, 'full');
  const fitMs = performance.now() - t0;
  let holdout: TrainedModel['holdout'];
  let predictMs = 0;
  if (part.test) {
    const t1 = performance.now();
    const prediction = predictMatrix(fitted, part.test.X, classCount(data.target));
    predictMs = performance.now() - t1;
    holdout = {
      prediction,
      metrics: computeMetrics(
        part.test.y,
        prediction,
        options.positiveClass !== undefined ? { positiveClass: options.positiveClass } : {},
      ),
    };
  }
  return { params, pipeline: part.pipeline, model: fitted, ...(holdout ? { holdout } : {}), fitMs, predictMs };
}
