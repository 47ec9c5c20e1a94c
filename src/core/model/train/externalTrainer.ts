// "Bring your own trainer": a model of kind external is a command (never run through a shell)
// that trains on a CSV of the training rows and may predict the holdout. It gets a work folder
// with params.json and two CSVs, writes metrics.json (free-form, recorded as reported) and
// optionally predictions.csv (one row per holdout row: `prediction`, optional `proba_<class>`),
// which the run evaluates with the same evaluator as built-in models, so the numbers compare.
//
// params.json: { model, params, seed, task, target, classes?, train, holdout?, holdoutRows,
//   output: { dir, metrics, predictions, model } }: train is a CSV of the training part with the
// target as its last column; holdout the holdout rows' features without the target (same order as
// predictions.csv must have); output.model an empty folder for the fitted model, which a run
// keeps as the model's artifact for its predict command (externalPredictor.ts): write relative
// names only, the folder moves. Environment: MLCYCLE_PARAMS (params.json), MLCYCLE_TRAIN,
// MLCYCLE_HOLDOUT, MLCYCLE_OUTPUT_DIR, MLCYCLE_MODEL_DIR, MLCYCLE_SEED. Arguments "{params}" and
// "{model_dir}" in the command are replaced by the params.json path and the model folder.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../../atomicWrite';
import { jsonProblem } from '../../records';
import { join } from 'node:path';
import type { Prediction } from '../metrics/prediction';
import type { ModelSpec } from '../specTypes';
import { checkProgram, runCommand, Tail, TAIL_BYTES } from './externalProcess';
import { insideProject } from './loadSpec';
import { parsePredictionsCsv } from './predictionsCsv';
import { frameToCsv } from './runFiles';
import type { TrainingData } from './trainingData';

export const DEFAULT_EXTERNAL_TIMEOUT_SECONDS = 3600;
export { killLiveGroups, KILL_GRACE_MS } from './externalProcess';
export { parsePredictionsCsv } from './predictionsCsv';

export interface ExternalResult {
  /** metrics.json as the trainer wrote it. */
  reported: Record<string, unknown>;
  /** The trainer's holdout predictions, when it wrote predictions.csv. */
  prediction?: Prediction;
  workDir: string;
  fitMs: number;
  exitCode: number;
}

function decodedTarget(data: TrainingData): string[] | Float64Array {
  const t = data.target;
  return t.task === 'classification' ? Array.from(t.y, (c) => t.classes[c]) : t.y;
}

export interface ExternalOptions {
  /** Folder the work folder is created in (the run's temporary folder). */
  parentDir: string;
  /** The folder for the fitted model (created empty); default: model/ in the work folder. */
  modelDir?: string;
  seed: number;
  signal?: AbortSignal;
}

export async function runExternalTrainer(
  data: TrainingData,
  model: ModelSpec,
  options: ExternalOptions,
): Promise<ExternalResult> {
  if (!model.command || model.command.length === 0)
    throw new Error('kind external needs a command (e.g. "python3 train.py").');
  const cwd = insideProject(data.root, model.cwd ?? '.', 'working directory (cwd)');
  checkProgram(data.root, cwd, model.command[0], 'external trainer program');
  const workDir = join(options.parentDir, `${model.name}.external`);
  await mkdir(workDir, { recursive: true });
  const trainCsv = join(workDir, 'train.csv');
  const holdoutCsv = join(workDir, 'holdout.csv');
  const output = {
    dir: workDir,
    metrics: join(workDir, 'metrics.json'),
    predictions: join(workDir, 'predictions.csv'),
    model: options.modelDir ?? join(workDir, 'model'),
  };
  await rm(output.model, { recursive: true, force: true });
  await mkdir(output.model, { recursive: true });
  await writeFileAtomic(trainCsv, frameToCsv(data.frame, [{ name: data.targetName, values: decodedTarget(data) }]));
  if (data.holdout) await writeFileAtomic(holdoutCsv, frameToCsv(data.holdout.frame));
  const paramsFile = join(workDir, 'params.json');
  const params = {
    model: model.name,
    params: model.params ?? {},
    seed: options.seed,
    task: data.task,
    target: data.targetName,
    ...(data.classes ? { classes: data.classes } : {}),
    train: trainCsv,
    ...(data.holdout ? { holdout: holdoutCsv } : {}),
    holdoutRows: data.holdout?.frame.rows ?? 0,
    output,
  };
  await writeFileAtomic(paramsFile, JSON.stringify(params, null, 2) + '\n');
  const argv = model.command.map((a) => (a === '{params}' ? paramsFile : a === '{model_dir}' ? output.model : a));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MLCYCLE_PARAMS: paramsFile,
    MLCYCLE_TRAIN: trainCsv,
    MLCYCLE_OUTPUT_DIR: workDir,
    MLCYCLE_MODEL_DIR: output.model,
    MLCYCLE_SEED: String(options.seed),
    ...(data.holdout ? { MLCYCLE_HOLDOUT: holdoutCsv } : {}),
  };
  const stdout = new Tail();
  const stderr = new Tail();
  const started = performance.now();
  try {
    const timeoutMs = (model.timeoutSeconds ?? DEFAULT_EXTERNAL_TIMEOUT_SECONDS) * 1000;
    const exitCode = await runCommand(argv, {
      cwd,
      env,
      timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      stdout,
      stderr,
      what: 'external trainer',
      cancelled: 'Training was cancelled.',
    });
    const fitMs = performance.now() - started;
    if (exitCode !== 0)
      throw new Error(`"${argv.join(' ')}" exited with code ${exitCode}.${stderr.last() ? `\n${stderr.last()}` : ''}`);
    let reported: unknown;
    try {
      reported = JSON.parse(await readFile(output.metrics, 'utf8'));
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(
        missing
          ? `The external trainer did not write metrics.json (expected at ${output.metrics}, also in MLCYCLE_OUTPUT_DIR).`
          : `metrics.json cannot be read: ${jsonProblem(error)}.`,
      );
    }
    if (!reported || typeof reported !== 'object' || Array.isArray(reported))
      throw new Error('metrics.json must hold a JSON object of metrics, e.g. {"accuracy": 0.97}.');
    let prediction: Prediction | undefined;
    let text: string | undefined;
    try {
      text = await readFile(output.predictions, 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      if (!data.holdout)
        throw new Error('The external trainer wrote predictions.csv, but the run has no holdout to compare them with.');
      prediction = parsePredictionsCsv(text, data.holdout.frame.rows, data);
    }
    return {
      reported: reported as Record<string, unknown>,
      ...(prediction ? { prediction } : {}),
      workDir,
      fitMs,
      exitCode,
    };
  } finally {
    const log = `$ ${argv.join(' ')}\n--- stdout (tail) ---\n${stdout.last(16 * TAIL_BYTES)}\n--- stderr (tail) ---\n${stderr.last(16 * TAIL_BYTES)}\n`;
    await writeFileAtomic(join(workDir, 'trainer.log'), log).catch(() => undefined);
    await rm(trainCsv, { force: true });
    await rm(holdoutCsv, { force: true });
  }
}
