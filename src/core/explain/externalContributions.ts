// The contributions of each input column to an external model's output, by the model-agnostic
// estimators only (its inside is the user's code): the permutation estimator by default,
// KernelSHAP when asked. The model is its predict command, called in batches (externalPredictor.ts);
// the columns are the ones its trainer was given — every column but the target, raw, not our
// encoded pipeline — so the explanation speaks the trainer's language. The background is drawn
// from the same training rows the trainer got, read again from the run's spec.
import { isAbortError, JobError } from '../../protocol/jobError';
import type { Frame } from '../model/frame';
import type { RunData } from '../model/runTypes';
import type { LoadedExternal } from '../model/train/externalArtifact';
import { ExternalPredictor, predictorSpecOf } from '../model/train/externalPredictor';
import { loadTrainingData } from '../model/train/trainingData';
import type { RecordEnvelope } from '../records';
import { KERNEL_CENTRES, sampleRows, type Contributions } from './contributions';
import type { ExplainMethod, ResolvedMethod } from './explainTypes';
import { explainKernel } from './kernelShap';
import { RawColumnCodec } from './rawColumnCodec';
import { explainSampling, type BatchModel, type SampledShapValues } from './samplingShap';

export interface ExternalContributionRequest {
  root: string;
  loaded: LoadedExternal;
  run: RecordEnvelope<RunData>;
  /** The rows to explain (they hold the model's input columns). */
  frame: Frame;
  /** Shown in messages about the rows. */
  shown: string;
  method: ExplainMethod;
  background: number;
  seed: number;
  pairs: number;
  coalitions?: number;
  signal?: AbortSignal;
  report?(message: string, fraction: number): void;
  onRow?(done: number): void;
}

/** The method for an external model: auto → sampling; sampling and kernel as asked; others refused. */
export function externalMethod(asked: ExplainMethod, name: string): { method: ResolvedMethod; note: string } {
  if (asked === 'auto' || asked === 'sampling')
    return {
      method: 'sampling',
      note:
        asked === 'auto'
          ? `${name} is an external model (its own code): the permutation estimator through its predict command, in the columns its trainer got (standard errors reported)`
          : 'sampling, as asked, through the predict command, in the columns the trainer got',
    };
  if (asked === 'kernel')
    return {
      method: 'kernel',
      note: `KernelSHAP, as asked, through the predict command, against ${KERNEL_CENTRES} training rows drawn at random (centres of k-means would not be values the trainer saw), in the columns the trainer got`,
    };
  throw new JobError(
    'bad-input',
    `${asked} needs a model whose inside ML Lifecycle knows; ${name} is an external model: use auto (the permutation estimator), sampling or kernel.`,
  );
}

/** A failure of the predict command (its exit, its output, a program not found) as the job's failure. */
export function externalFailure(error: unknown): unknown {
  if (isAbortError(error) || error instanceof JobError || !(error instanceof Error)) return error;
  return new JobError('failed', error.message, {}, { cause: error });
}

/** The model function the explainers call: encoded rows → the predict command → outputs. */
export function externalBatchModel(
  predictor: ExternalPredictor,
  codec: RawColumnCodec,
  signal: AbortSignal | undefined,
): BatchModel {
  return async (rows, n) => {
    try {
      return await predictor.outputsOf(codec.decode(rows, n), signal ? { signal } : {});
    } catch (error) {
      throw externalFailure(error);
    }
  };
}

export async function computeExternalContributions(request: ExternalContributionRequest): Promise<Contributions> {
  const { root, loaded, run, signal, onRow } = request;
  const { artifact } = loaded;
  const { method, note } = externalMethod(request.method, loaded.name);
  const predictor = new ExternalPredictor(predictorSpecOf(root, loaded));
  const codec = new RawColumnCodec(artifact.inputs);
  request.report?.('Reading the training rows the model was trained on', 0);
  const training = await loadTrainingData({
    root,
    spec: run.data.spec,
    ...(signal ? { signal } : {}),
    ...(run.data.missingValues ? { missingValues: { train: run.data.missingValues.train } } : {}),
  });
  const M = codec.features;
  const trainingRows = codec.encode(training.frame, run.data.spec.data.train);
  const explained = codec.encode(request.frame, request.shown);
  const seed = request.seed;
  const backgroundRows = Math.min(Math.max(1, Math.floor(request.background)), training.frame.rows);
  const outputs = predictor.outputs;
  const model = externalBatchModel(predictor, codec, signal);
  const progress = { ...(signal ? { signal } : {}), ...(onRow ? { onRow } : {}) };
  request.report?.(`Explaining through the predict command of ${loaded.name}`, 0.05);
  let sampled: SampledShapValues;
  if (method === 'kernel') {
    const count = Math.min(KERNEL_CENTRES, backgroundRows);
    const centres = sampleRows(trainingRows, M, count, seed);
    sampled = await explainKernel(
      model,
      outputs,
      explained,
      M,
      { centres, weights: new Float64Array(count).fill(1 / count) },
      { coalitions: request.coalitions ?? 2 * M + 2048, seed, batchRows: artifact.predict.batchRows, ...progress },
    );
  } else {
    sampled = await explainSampling(model, outputs, explained, M, sampleRows(trainingRows, M, backgroundRows, seed), {
      pairs: request.pairs,
      seed,
      batchRows: artifact.predict.batchRows,
      ...progress,
    });
  }
  const classification = artifact.task === 'classification';
  return {
    shap: sampled,
    errors: sampled.standardErrors,
    columns: artifact.inputs.map((i) => i.name),
    method,
    note,
    outputKind: classification ? 'probability' : 'value',
    outputNames: classification ? [...(artifact.classes ?? [])] : ['value'],
    evaluations: sampled.evaluations,
    backgroundRows: method === 'kernel' ? Math.min(KERNEL_CENTRES, backgroundRows) : backgroundRows,
    explained,
  };
}
