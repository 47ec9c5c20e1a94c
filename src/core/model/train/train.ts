// The `train` job: one reproducible training run from the pipeline spec. The baseline trains
// first, then every model of the spec: cross-validated on the training part (preprocessing
// fitted on each fold's training rows only), refitted on the whole training part and scored on
// the untouched holdout, each against the baseline. The best model gets error analysis,
// fairness and permutation importance, and the charter's KPIs are checked.
//
// Nothing is recorded until the end: artifacts go to a temporary folder that is renamed into
// .mlcycle/runs/<runId>/ once everything succeeded, then the record .mlcycle/runs/<runId>.json is
// written atomically. A cancelled or failed run leaves neither. A model that fails (bad
// parameters, a numerical failure, an external trainer's error) is recorded with its error and
// the run goes on; a failing baseline or unreadable data stops the run with a clear JobError.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { JobError, isAbortError } from '../../../protocol/jobError';
import type { JobContext } from '../../../protocol/jobs';
import { assertReallyInside, OutsideWorkspaceError } from '../../paths';
import { inputFingerprints, writeRecord } from '../../records';
import { takeRows } from '../frame';
import { takeTargetRows } from '../matrix';
import { evaluatePredictions } from '../evaluation/evaluate';
import { throwIfAborted } from '../models/estimator';
import { baselineFor, findModel } from '../models/registry';
import { RUN_FORMAT_VERSION, type KpiCheck, type RunData, type RunModelResult } from '../runTypes';
import type { ModelSpec, PipelineSpec } from '../specTypes';
import { analyseModel } from './analysis';
import { artifactPath, buildArtifact, RUNS_DIR } from './artifacts';
import { crossValidate, trainModel } from './crossValidate';
import { runEnvironment } from './environment';
import { checkKpis, readCharterKpis } from './kpiChecks';
import { findLeakage, leakageWarning } from './leakage';
import { insideProject, loadSpec, requireProject } from './loadSpec';
import { compareWithOriginal, reproductionFailure, reproductionSource } from './reproduce';
import { PreparedData } from './preparedData';
import { specPositiveClass } from './positiveClass';
import { bestModel, compareWithBaselines, judgeRun } from './runOutcome';
import { isSafeName, newRunId, partialRunDir, removeStalePartials, writeJsonAtomic } from './runFiles';
import { markersOf } from '../../data/missingMarkers';
import { resolveMissingMarkers } from '../../project/missingValues';
import { loadTrainingData } from './trainingData';
import type { TrainParams, TrainResult } from './trainTypes';
import { elapsed, Progress, type TrainedEntry } from './trainedEntry';
import { trainExternal } from './trainExternal';

/** The models a run trains, baselines first: the task's baseline unless the spec has one. */
export function runModels(spec: PipelineSpec, only?: string[]): ModelSpec[] {
  let chosen = spec.models;
  if (only && only.length > 0) {
    const unknown = only.filter((name) => !spec.models.some((m) => m.name === name));
    if (unknown.length > 0)
      throw new JobError(
        'bad-input',
        `No model named ${unknown.map((n) => `"${n}"`).join(', ')} in the pipeline spec (models: ${spec.models.map((m) => m.name).join(', ') || 'none'}).`,
      );
    chosen = spec.models.filter((m) => only.includes(m.name) || findModel(m.kind)?.baseline);
  }
  const isBaseline = (m: ModelSpec) => findModel(m.kind)?.baseline === true;
  const baselines = chosen.filter(isBaseline);
  if (baselines.length === 0) {
    const taken = new Set(chosen.map((m) => m.name));
    const name = taken.has('baseline') ? 'baseline_auto' : 'baseline';
    baselines.push({ name, kind: baselineFor(spec.task).kind, params: {} });
  }
  return [...baselines, ...chosen.filter((m) => !isBaseline(m))];
}

async function trainBuiltIn(
  prepared: PreparedData,
  model: ModelSpec,
  baseline: boolean,
  runId: string,
  tempDir: string,
  progress: Progress,
  positiveClass: number | undefined,
  signal: AbortSignal,
): Promise<TrainedEntry> {
  const { data } = prepared;
  const seed = data.spec.seed;
  const started = performance.now();
  const cv = await crossValidate(prepared, model, {
    seed,
    signal,
    ...(positiveClass !== undefined ? { positiveClass } : {}),
    onStep: (f) => progress.step(`Fold ${Number(f) + 1}/${data.folds.length} · ${model.name}`),
  });
  const cvMs = elapsed(started);
  const final = await trainModel(prepared, model, {
    seed,
    signal,
    ...(positiveClass !== undefined ? { positiveClass } : {}),
    onStep: () => progress.step(`Final fit · ${model.name}`),
  });
  const evalStart = performance.now();
  const on = final.holdout ? 'holdout' : 'cv';
  const prediction = final.holdout ? final.holdout.prediction : cv.oof.prediction;
  const target = final.holdout ? data.holdout!.target : cv.oof.target;
  const evaluation = evaluatePredictions({
    target,
    prediction,
    on,
    seed,
    ...(positiveClass !== undefined ? { positiveClass } : {}),
  });
  const artifact = artifactPath(runId, model.name);
  await writeJsonAtomic(
    join(tempDir, `${model.name}.model.json`),
    buildArtifact(
      runId,
      model.name,
      { task: data.task, target: data.targetName, ...(data.classes ? { classes: data.classes } : {}) },
      final.pipeline,
      final.model,
    ),
  );
  const result: RunModelResult = {
    name: model.name,
    kind: model.kind,
    baseline,
    params: final.params,
    metrics: { cv: cv.metrics, ...(final.holdout ? { holdout: final.holdout.metrics } : {}) },
    evaluation,
    artifact,
    timings: {
      fitMs: Math.round(final.fitMs),
      cvMs,
      predictMs: Math.round(cv.predictMs + final.predictMs + (performance.now() - evalStart)),
    },
    info: { ...final.model.info },
  };
  return {
    result,
    evaluated: { on, prediction, ...(on === 'cv' ? { index: cv.oof.index } : {}) },
    fitted: { pipeline: final.pipeline, model: final.model },
  };
}

export async function train(params: TrainParams, ctx: JobContext): Promise<TrainResult> {
  const started = performance.now();
  const timings: RunData['timings'] = { totalMs: 0, loadMs: 0 };
  const root = resolve(params.root);
  if (params.reproduce !== undefined && params.spec !== undefined)
    throw new JobError('bad-input', 'Give either a pipeline spec or a run to reproduce, not both.');
  const source = params.reproduce !== undefined ? await reproductionSource(root, params.reproduce) : undefined;
  const { project, spec, specFile, specPath } = source
    ? {
        project: await requireProject(root),
        spec: source.record.data.spec,
        specFile: insideProject(root, source.record.data.specPath, `pipeline spec of run ${source.record.name}`),
        specPath: source.record.data.specPath,
      }
    : await loadSpec(root, params.spec);
  const runId = params.runId ?? newRunId();
  if (!isSafeName(runId))
    throw new JobError('bad-input', `Run id "${runId}" is not usable as a file name (letters, digits, - _ . only).`);
  const runsDir = join(root, RUNS_DIR);
  const finalDir = join(runsDir, runId);
  if (
    await stat(finalDir).then(
      () => true,
      () => false,
    )
  )
    throw new JobError('bad-input', `A run ${runId} already exists in ${RUNS_DIR}.`);
  const models = runModels(spec, params.models);

  ctx.report({ message: 'Loading the data', fraction: 0 });
  // A reproduction reads the files as the run did (a run recorded before markers were a choice: pandas' defaults).
  const missingValues = source
    ? (source.record.data.missingValues ?? { train: markersOf(undefined), holdout: markersOf(undefined) })
    : {
        train: resolveMissingMarkers(project, root, spec.data.train, params.missingValues),
        ...(spec.data.holdout
          ? { holdout: resolveMissingMarkers(project, root, spec.data.holdout, params.missingValues) }
          : {}),
      };
  const data = await loadTrainingData({ root, spec, signal: ctx.signal, missingValues });
  timings.loadMs = elapsed(started);
  // The profile's leakage rule on the training rows: warn now (progress) and in the record.
  const leakage = findLeakage(data.frame, data.target, {
    threshold: project.profile.thresholds?.leakage,
    skip: spec.preprocess.drop.map((d) => d.column),
  }).map((finding) => leakageWarning(finding, data.targetName));
  for (const warning of leakage) ctx.report({ message: `Warning: ${warning}`, fraction: 0.02 });
  const positiveClass = specPositiveClass(data, spec, specFile);
  const prepared = new PreparedData(data, { seed: spec.seed, signal: ctx.signal });
  const progress = new Progress(
    ctx,
    models.reduce((n, m) => n + (m.kind === 'external' ? 1 : data.folds.length + 1), 0) + 1,
  );

  await assertRunsFolderInside(root, runsDir);
  await removeStalePartials(runsDir);
  const tempDir = partialRunDir(runsDir, runId);
  await mkdir(tempDir, { recursive: true });
  try {
    const modelsStart = performance.now();
    const trained: TrainedEntry[] = [];
    for (const model of models) {
      throwIfAborted(ctx.signal);
      const baseline = findModel(model.kind)?.baseline === true;
      const modelStart = performance.now();
      try {
        trained.push(
          model.kind === 'external'
            ? await trainExternal(data, model, runId, tempDir, progress, positiveClass, ctx.signal)
            : await trainBuiltIn(prepared, model, baseline, runId, tempDir, progress, positiveClass, ctx.signal),
        );
      } catch (error) {
        if (isAbortError(error) || ctx.signal.aborted) throw error;
        if (error instanceof JobError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        if (baseline)
          throw new JobError(
            'failed',
            `The baseline ${model.name} (${model.kind}) failed, so nothing can be compared with it: ${message}`,
            { file: specFile },
            { cause: error },
          );
        trained.push({
          result: {
            name: model.name,
            kind: model.kind,
            baseline,
            params: model.params ?? {},
            metrics: {},
            timings: { fitMs: elapsed(modelStart), cvMs: 0, predictMs: 0 },
            info: {},
            error: message,
          },
        });
      }
    }
    timings.modelsMs = elapsed(modelsStart);

    const analysisStart = performance.now();
    progress.step('Analysing the best model');
    const results = trained.map((t) => t.result);
    const primaryMetric = spec.evaluation.primaryMetric;
    compareWithBaselines(results, primaryMetric);
    const best = bestModel(results, primaryMetric);
    const bestEntry = trained.find((t) => t.result === best);
    const warnings = [...leakage, ...data.warnings];
    let analysis: Awaited<ReturnType<typeof analyseModel>> | undefined;
    if (bestEntry?.evaluated) {
      const onHoldout = bestEntry.evaluated.on === 'holdout';
      const index = bestEntry.evaluated.index;
      analysis = await analyseModel(
        {
          model: bestEntry.result.name,
          on: bestEntry.evaluated.on,
          frame: onHoldout ? data.holdout!.frame : takeRows(data.frame, index!),
          target: onHoldout ? data.holdout!.target : takeTargetRows(data.target, index!),
          prediction: bestEntry.evaluated.prediction,
          evaluation: spec.evaluation,
          ...(positiveClass !== undefined ? { positiveClass } : {}),
          ...(bestEntry.fitted && onHoldout ? { fitted: bestEntry.fitted } : {}),
          seed: spec.seed,
          signal: ctx.signal,
        },
        primaryMetric,
      );
      warnings.push(...analysis.warnings);
    }
    const charterFile = insideProject(root, project.documents.charter, 'charter');
    const charterKpis = await readCharterKpis(charterFile);
    const kpis: KpiCheck[] | undefined =
      charterKpis && charterKpis.length > 0 && best ? checkKpis(charterKpis, best) : undefined;
    timings.analysisMs = elapsed(analysisStart);
    throwIfAborted(ctx.signal);

    const full = await prepared.full();
    const verdict = judgeRun(results, best, primaryMetric, kpis);
    const reproduction = source ? compareWithOriginal(source, results) : undefined;
    if (source && source.changedInputs.length > 0)
      warnings.push(
        `Reproducing run ${source.record.name}: ${source.changedInputs.join(', ')} changed since it ran, so the data is not the same.`,
      );
    const notReproduced = reproduction && reproductionFailure(reproduction);
    if (notReproduced) {
      verdict.reasons.push(notReproduced);
      verdict.outcome = 'fail';
      verdict.summary += ' Not reproduced.';
    }
    const inputs = await inputFingerprints(root, [
      data.files.train,
      data.files.holdout,
      specFile,
      charterKpis ? charterFile : undefined,
    ]);
    timings.totalMs = elapsed(started);
    const run: RunData = {
      formatVersion: RUN_FORMAT_VERSION,
      runId,
      specPath,
      spec,
      task: data.task,
      target: data.targetName,
      ...(data.classes ? { classes: data.classes } : {}),
      seed: spec.seed,
      primaryMetric,
      rows: { train: data.frame.rows, holdout: data.holdout?.frame.rows ?? 0 },
      holdoutSource: data.holdout?.source ?? 'none',
      missingValues: {
        train: [...(missingValues.train ?? [])],
        ...(data.holdout?.source === 'file' && missingValues.holdout ? { holdout: [...missingValues.holdout] } : {}),
      },
      models: results,
      bestModel: best?.name ?? results[0].name,
      selectedFeatures: full.pipeline.featureNames,
      featureRationale: full.pipeline.rationale,
      ...(analysis?.errorAnalysis ? { errorAnalysis: analysis.errorAnalysis } : {}),
      ...(analysis?.fairness ? { fairness: analysis.fairness } : {}),
      ...(analysis?.featureImportance ? { featureImportance: analysis.featureImportance } : {}),
      ...(kpis ? { kpis } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(verdict.reasons.length > 0 ? { failures: verdict.reasons } : {}),
      ...(reproduction ? { reproduction } : {}),
      timings,
      environment: runEnvironment(),
    };
    throwIfAborted(ctx.signal);
    ctx.report({ message: 'Saving the run', fraction: 0.95 });
    await rename(tempDir, finalDir);
    try {
      const recordFile = await writeRecord(root, {
        schemaVersion: 1,
        kind: 'run',
        name: runId,
        createdAt: new Date().toISOString(),
        inputs,
        outcome: verdict.outcome,
        summary: verdict.summary,
        data: run,
      });
      ctx.report({ message: 'Done', fraction: 1 });
      return {
        runId,
        recordPath: recordFile
          .slice(root.length + 1)
          .split('\\')
          .join('/'),
        run,
        outcome: verdict.outcome,
        summary: verdict.summary,
      };
    } catch (error) {
      await rm(finalDir, { recursive: true, force: true });
      throw error;
    }
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

/** A .mlcycle/ or .mlcycle/runs/ that links out of the project would put the run elsewhere: refused. */
async function assertRunsFolderInside(root: string, runsDir: string): Promise<void> {
  try {
    assertReallyInside(root, runsDir, RUNS_DIR);
  } catch (error) {
    if (error instanceof OutsideWorkspaceError)
      throw new JobError('bad-input', `Refusing to record the run: ${error.message}`, { file: runsDir });
    throw error;
  }
}
