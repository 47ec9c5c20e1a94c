// The `predict` job: a saved model (run id, "runId/model" or a .model.json path) applied to a
// data file, exactly as in training: the saved pipeline transforms the columns the model was
// trained on (extra columns, the target included, are ignored), then the model predicts. The
// CSV written (atomically) has one row per input row, in input order: `prediction`, then one
// `proba_<class>` column per class for classifiers. No input columns are copied: join on row
// order when an id is needed. An external model predicts through its predict command, in batches
// (externalPredictor.ts), on the columns its trainer got; its explanations are the permutation
// estimator's.
import { resolve } from 'node:path';
import { JobError } from '../../../protocol/jobError';
import type { JobContext } from '../../../protocol/jobs';
import { loadFrame } from '../loadFrame';
import { checkInputColumns, findRun, resolveModelReference } from './artifacts';
import { computeExternalContributions, externalFailure } from '../../explain/externalContributions';
import { DEFAULT_BACKGROUND, DEFAULT_PAIRS } from '../../explain/explainDefaults';
import { topColumns, topContributions } from '../../explain/topContributions';
import { checkExternalInputs, findExternalModel } from './externalArtifact';
import { ExternalPredictor, predictorSpecOf } from './externalPredictor';
import { sameFile } from '../../paths';
import { insideProject } from './loadSpec';
import { predictMatrix } from './predictions';
import { formatCsv, writeTextAtomic } from './runFiles';
import type { PredictParams, PredictResult } from './trainTypes';
import { argmaxLabels } from '../metrics/prediction';
import { resolveMissingMarkers } from '../../project/missingValues';
import { readProjectFile } from '../../project/projectFile';

export async function predict(params: PredictParams, ctx: JobContext): Promise<PredictResult> {
  const root = resolve(params.root);
  ctx.report({ message: 'Loading the model', fraction: 0 });
  // An external model predicts through its own predict command, on the columns its trainer got.
  const external = await findExternalModel(root, params.model);
  const builtIn = external ? undefined : await resolveModelReference(root, params.model);
  const loaded = external ?? builtIn!;
  ctx.report({ message: 'Loading the data', fraction: 0.2 });
  const file = insideProject(root, params.data, 'data file');
  const out = resolve(root, params.out);
  for (const [input, what] of [
    [file, `the data file ${params.data}`],
    [loaded.file, `the model file ${params.model}`],
  ] as const)
    if (sameFile(out, input))
      throw new JobError(
        'bad-input',
        `The output ${params.out} is ${what} this prediction reads: writing there would destroy it. Name another --out file.`,
        { file: out },
      );
  const missingValues = resolveMissingMarkers(
    (await readProjectFile(root))?.project,
    root,
    params.data,
    params.missingValues,
  );
  let frame;
  try {
    frame = (await loadFrame({ root, path: params.data, signal: ctx.signal, missingMarkers: missingValues })).frame;
  } catch (error) {
    if (error instanceof JobError || (error as Error).name === 'AbortError') throw error;
    throw new JobError('bad-input', `${params.data}: ${(error as Error).message}`, { file }, { cause: error });
  }
  const classes = loaded.artifact.classes ?? [];
  let prediction;
  if (external) {
    checkExternalInputs(external.artifact, frame, params.data, file);
    ctx.report({ message: `Predicting with ${loaded.name} (its predict command)`, fraction: 0.3 });
    const predictor = new ExternalPredictor(predictorSpecOf(root, external));
    try {
      prediction = await predictor.predict(frame, {
        signal: ctx.signal,
        onBatch: (b, batches, first) =>
          ctx.report({
            message: `Predicting rows ${first + 1}–${Math.min(frame.rows, first + predictor.spec.batchRows)} of ${frame.rows} with ${loaded.name}`,
            fraction: 0.3 + (0.3 * b) / batches,
          }),
      });
    } catch (error) {
      throw externalFailure(error);
    }
  } else {
    const { artifact, pipeline, model } = builtIn!;
    checkInputColumns(artifact, frame, params.data, file);
    ctx.report({ message: `Predicting with ${loaded.name}`, fraction: 0.5 });
    try {
      prediction = predictMatrix(model, pipeline.transform(frame), classes.length);
    } catch (error) {
      throw new JobError('bad-input', `${params.data}: ${(error as Error).message}`, { file }, { cause: error });
    }
  }
  const columns: Array<{ name: string; values: ArrayLike<number> | ArrayLike<string | null> }> = [];
  if (prediction.task === 'regression') {
    columns.push({ name: 'prediction', values: prediction.values });
  } else {
    const k = classes.length;
    const labels = prediction.labels ?? argmaxLabels(prediction.proba, frame.rows, k);
    columns.push({ name: 'prediction', values: Array.from(labels, (c) => classes[c]) });
    for (let c = 0; c < k; c++) {
      const values = new Float64Array(frame.rows);
      for (let i = 0; i < frame.rows; i++) values[i] = prediction.proba[i * k + c];
      columns.push({ name: `proba_${classes[c]}`, values });
    }
  }
  let explained: PredictResult['explained'];
  if (params.explain !== undefined && params.explain > 0) {
    ctx.report({ message: `Explaining the predictions of ${loaded.name}`, fraction: 0.6 });
    const run = await findRun(root, loaded.runId);
    const labels =
      prediction.task === 'classification'
        ? (prediction.labels ?? argmaxLabels(prediction.proba, frame.rows, classes.length))
        : undefined;
    const top = external
      ? topColumns(
          await computeExternalContributions({
            root,
            loaded: external,
            run,
            frame,
            shown: params.data,
            method: 'auto',
            background: DEFAULT_BACKGROUND,
            seed: run.data.seed,
            pairs: DEFAULT_PAIRS,
            signal: ctx.signal,
          }),
          params.explain,
          labels,
        )
      : await topContributions({
          root,
          loaded: builtIn!,
          run,
          X: builtIn!.pipeline.transform(frame),
          top: params.explain,
          labels,
          signal: ctx.signal,
        });
    columns.push(...top.columns);
    explained = { method: top.method, note: top.note, outputKind: top.outputKind, top: params.explain };
  }
  await writeTextAtomic(out, formatCsv(columns), { createFolder: false, shown: params.out });
  ctx.report({ message: 'Done', fraction: 1 });
  return {
    runId: loaded.runId,
    model: loaded.name,
    out: params.out,
    rows: frame.rows,
    columns: columns.map((c) => c.name),
    missingValues,
    ...(explained ? { explained } : {}),
  };
}
