// The `evaluate` job: a saved model of a run applied to a labelled dataset (default: the run's
// holdout — its file, or the same rows split off the training file again, reproducibly from the
// recorded spec and seed), with the full evaluation, error analysis, fairness, permutation
// importance and the charter's KPIs. The result is written to
// .mlcycle/runs/<runId>/evaluations/<model>--<data>.json (atomically) and returned.
import { basename, join, resolve } from 'node:path';
import { JobError } from '../../../protocol/jobError';
import type { JobContext } from '../../../protocol/jobs';
import { fingerprint } from '../../records';
import type { Frame } from '../frame';
import { evaluatePredictions } from '../evaluation/evaluate';
import { loadFrame } from '../loadFrame';
import type { Target } from '../matrix';
import { resolvePositiveClass } from '../metrics/prediction';
import { prepareTarget } from '../pipeline/prepareTarget';
import { analyseModel } from './analysis';
import { checkInputColumns, findRun, loadArtifact, runModel } from './artifacts';
import { checkKpisOn, readCharterKpis } from './kpiChecks';
import { insideProject, requireProject } from './loadSpec';
import { predictMatrix } from './predictions';
import { writeJsonAtomic } from './runFiles';
import { alignTarget, loadTrainingData } from './trainingData';
import type { EvaluateParams, EvaluateResult } from './trainTypes';
import { markersOf } from '../../data/missingMarkers';
import { resolveMissingMarkers } from '../../project/missingValues';

interface LabelledData {
  frame: Frame;
  target: Target;
  /** How the data is named in messages and the record ("data/holdout.csv", "holdout split of data/train.csv"). */
  shown: string;
  /** Files it was read from, absolute. */
  files: string[];
  recordName: string;
}

function safeStem(path: string): string {
  return (
    basename(path)
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '_') || 'data'
  );
}

async function labelledFile(
  root: string,
  path: string,
  target: string,
  task: 'classification' | 'regression',
  classes: string[] | undefined,
  signal: AbortSignal,
  missingMarkers: readonly string[],
): Promise<LabelledData> {
  const file = insideProject(root, path, 'data file');
  try {
    const loaded = await loadFrame({ root, path, signal, missingMarkers });
    if (!loaded.frame.columns.some((c) => c.name === target)) {
      throw new JobError(
        'bad-input',
        `${path} has no "${target}" column: evaluating needs the true values (use predict for unlabelled data).`,
        { file },
      );
    }
    const prepared = await prepareTarget(loaded.frame, target, task);
    const frame = { ...prepared.frame, columns: prepared.frame.columns.filter((c) => c.name !== target) };
    return {
      frame,
      target: alignTarget(prepared.target, classes, path),
      shown: path,
      files: [file],
      recordName: safeStem(path),
    };
  } catch (error) {
    if (error instanceof JobError || (error as Error).name === 'AbortError') throw error;
    throw new JobError('bad-input', `${path}: ${(error as Error).message}`, { file }, { cause: error });
  }
}

export async function evaluate(params: EvaluateParams, ctx: JobContext): Promise<EvaluateResult> {
  const root = resolve(params.root);
  ctx.report({ message: 'Loading the model', fraction: 0 });
  const run = await findRun(root, params.run);
  const chosen = runModel(run, params.model);
  const artifactFile = insideProject(root, chosen.artifact, 'model file');
  const { artifact, pipeline, model } = await loadArtifact(artifactFile, chosen.artifact);
  const spec = run.data.spec;

  ctx.report({ message: 'Loading the data', fraction: 0.1 });
  const project = await requireProject(root);
  let data: LabelledData;
  let missingValues: string[];
  const dataPath = params.data ?? spec.data.holdout;
  if (dataPath) {
    missingValues = resolveMissingMarkers(project, root, dataPath, params.missingValues);
    data = await labelledFile(
      root,
      dataPath,
      artifact.target,
      artifact.task,
      artifact.classes,
      ctx.signal,
      missingValues,
    );
  } else if (spec.split.holdoutFraction > 0) {
    // The holdout split is rows of the training file: read it as the run did.
    missingValues = params.missingValues
      ? resolveMissingMarkers(undefined, root, spec.data.train, params.missingValues)
      : (run.data.missingValues?.train ?? markersOf(undefined));
    const training = await loadTrainingData({
      root,
      spec,
      signal: ctx.signal,
      missingValues: { train: missingValues },
    });
    data = {
      frame: training.holdout!.frame,
      target: alignTarget(training.holdout!.target, artifact.classes, spec.data.train),
      shown: `the holdout split of ${spec.data.train}`,
      files: [training.files.train],
      recordName: 'holdout',
    };
  } else {
    throw new JobError(
      'bad-input',
      `Run ${run.name} has no holdout (no holdout file, split.holdout 0): name a labelled data file to evaluate on.`,
    );
  }
  checkInputColumns(artifact, data.frame, data.shown, data.files[0]);

  ctx.report({ message: `Evaluating ${chosen.name}`, fraction: 0.3 });
  const classes = artifact.classes?.length ?? 0;
  let prediction;
  try {
    prediction = predictMatrix(model, pipeline.transform(data.frame), classes);
  } catch (error) {
    throw new JobError(
      'bad-input',
      `${data.shown}: ${(error as Error).message}`,
      { file: data.files[0] },
      { cause: error },
    );
  }
  const positiveClass =
    artifact.classes && spec.evaluation.positiveClass !== undefined
      ? resolvePositiveClass(artifact.classes, spec.evaluation.positiveClass)
      : undefined;
  const options = positiveClass !== undefined ? { positiveClass } : {};
  const evaluation = evaluatePredictions({
    target: data.target,
    prediction,
    on: 'holdout',
    seed: spec.seed,
    ...options,
  });
  ctx.report({ message: 'Error analysis, fairness and importance', fraction: 0.5 });
  const analysis = await analyseModel(
    {
      model: chosen.name,
      on: 'holdout',
      frame: data.frame,
      target: data.target,
      prediction,
      evaluation: spec.evaluation,
      ...options,
      fitted: { pipeline, model },
      seed: spec.seed,
      signal: ctx.signal,
    },
    run.data.primaryMetric,
  );

  const charterFile = insideProject(root, project.documents.charter, 'charter');
  const charterKpis = await readCharterKpis(charterFile);
  const kpis = charterKpis && charterKpis.length > 0 ? checkKpisOn(charterKpis, evaluation.metrics) : undefined;

  const recordPath = `${chosen.artifact.replace(/\/[^/]*$/, '')}/evaluations/${chosen.name}--${data.recordName}.json`;
  const result: EvaluateResult = {
    runId: run.name,
    model: chosen.name,
    data: data.shown,
    missingValues,
    evaluation,
    ...(analysis.errorAnalysis ? { errorAnalysis: analysis.errorAnalysis } : {}),
    ...(analysis.fairness ? { fairness: analysis.fairness } : {}),
    ...(analysis.featureImportance ? { featureImportance: analysis.featureImportance } : {}),
    ...(kpis ? { kpis } : {}),
    recordPath,
  };
  const primary = run.data.primaryMetric;
  const value = evaluation.metrics[primary];
  const failedKpis = (kpis ?? []).filter((k) => !k.pass);
  const inputs = await Promise.all(
    [...data.files, artifactFile, ...(charterKpis ? [charterFile] : [])].map((f) => fingerprint(root, f)),
  );
  await writeJsonAtomic(
    join(root, recordPath),
    {
      schemaVersion: 1,
      kind: 'evaluation',
      name: `${chosen.name}--${data.recordName}`,
      createdAt: new Date().toISOString(),
      inputs,
      outcome: failedKpis.length === 0 ? 'pass' : 'fail',
      summary: `${chosen.name} on ${data.shown}: ${primary} ${value === undefined ? 'n/a' : value.toFixed(4)}${kpis ? `, KPIs ${kpis.length - failedKpis.length}/${kpis.length} met` : ''}.`,
      data: { ...result, warnings: analysis.warnings },
    },
    { root, shown: recordPath },
  );
  ctx.report({ message: 'Done', fraction: 1 });
  return result;
}
