// One external trainer of a run: its command run on the training part in the run's temporary
// folder, its fitted model folder kept there (renamed into place with the whole run, or not at
// all) with its manifest, its reported metrics kept as reported, and its holdout predictions
// (when it wrote them) evaluated as a built-in model's are.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluatePredictions } from '../evaluation/evaluate';
import { computeMetrics } from '../metrics';
import type { RunModelResult } from '../runTypes';
import type { ModelSpec } from '../specTypes';
import { buildExternalArtifact, externalArtifactPath } from './externalArtifact';
import { runExternalTrainer } from './externalTrainer';
import { writeJsonAtomic } from './runFiles';
import type { TrainedEntry, Progress } from './trainedEntry';
import type { TrainingData } from './trainingData';

const numericEntries = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'number' && Number.isFinite(v))) as Record<
    string,
    number
  >;

export async function trainExternal(
  data: TrainingData,
  model: ModelSpec,
  runId: string,
  tempDir: string,
  progress: Progress,
  positiveClass: number | undefined,
  signal: AbortSignal,
): Promise<TrainedEntry> {
  progress.step(`External trainer · ${model.name}`);
  // The model folder goes where the run keeps it: renamed into place with the whole run, or not at all.
  const modelDir = join(tempDir, `${model.name}.model`);
  let ext: Awaited<ReturnType<typeof runExternalTrainer>>;
  try {
    ext = await runExternalTrainer(data, model, { parentDir: tempDir, modelDir, seed: data.spec.seed, signal });
  } catch (error) {
    await rm(modelDir, { recursive: true, force: true });
    throw error;
  }
  await writeJsonAtomic(
    join(tempDir, `${model.name}.external.json`),
    buildExternalArtifact(runId, model, {
      task: data.task,
      target: data.targetName,
      ...(data.classes ? { classes: data.classes } : {}),
      frame: data.frame,
    }),
  );
  const reported = numericEntries(ext.reported);
  const result: RunModelResult = {
    name: model.name,
    kind: 'external',
    baseline: false,
    params: model.params ?? {},
    metrics: { holdout: reported },
    reported: ext.reported,
    externalModel: externalArtifactPath(runId, model.name),
    timings: { fitMs: Math.round(ext.fitMs), cvMs: 0, predictMs: 0 },
    info: {
      command: (model.command ?? []).join(' '),
      exitCode: ext.exitCode,
      predictions: ext.prediction !== undefined,
    },
  };
  if (!ext.prediction || !data.holdout) return { result };
  const options = positiveClass !== undefined ? { positiveClass } : {};
  result.metrics.holdout = computeMetrics(data.holdout.target, ext.prediction, options);
  result.evaluation = evaluatePredictions({
    target: data.holdout.target,
    prediction: ext.prediction,
    on: 'holdout',
    seed: data.spec.seed,
    ...options,
  });
  return { result, evaluated: { on: 'holdout', prediction: ext.prediction } };
}
