// "Bring your own trainer": a model of kind external is a command (never run through a shell)
// that trains on a CSV of the training rows and may predict the holdout. It gets a work folder
// with params.json and two CSVs, writes metrics.json (free-form, recorded as reported) and
// optionally predictions.csv (one row per holdout row: `prediction`, optional `proba_<class>`),
// which the run evaluates with the same evaluator as built-in models, so the numbers compare.
//
// params.json: { model, params, seed, task, target, classes?, train, holdout?, holdoutRows,
//   output: { dir, metrics, predictions } }: train is a CSV of the training part with the target
// as its last column; holdout the holdout rows' features without the target (same order as
// predictions.csv must have). Environment: MLCYCLE_PARAMS (params.json), MLCYCLE_TRAIN,
// MLCYCLE_HOLDOUT, MLCYCLE_OUTPUT_DIR, MLCYCLE_SEED. An argument "{params}" in the command is
// replaced by the params.json path.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../../atomicWrite';
import { jsonProblem } from '../../records';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { tokenizeCsv } from '../../data/csvTokenizer';
import type { Prediction } from '../metrics/prediction';
import { oneHotProba } from '../metrics/prediction';
import type { ModelSpec } from '../specTypes';
import { insideProject } from './loadSpec';
import { frameToCsv } from './runFiles';
import type { TrainingData } from './trainingData';

export const DEFAULT_EXTERNAL_TIMEOUT_SECONDS = 3600;
const TAIL_BYTES = 2000;

export interface ExternalResult {
  /** metrics.json as the trainer wrote it. */
  reported: Record<string, unknown>;
  /** The trainer's holdout predictions, when it wrote predictions.csv. */
  prediction?: Prediction;
  workDir: string;
  fitMs: number;
  exitCode: number;
}

class Tail {
  private text = '';
  add(chunk: Buffer): void {
    this.text = (this.text + chunk.toString('utf8')).slice(-16 * TAIL_BYTES);
  }
  last(bytes = TAIL_BYTES): string {
    return this.text.slice(-bytes).trim();
  }
}

/** Process groups of trainers still running: killed when this process exits, however it exits. */
const liveGroups = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** How long a stopped trainer (cancel, timeout) gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2000;

function trackGroup(pid: number): void {
  if (liveGroups.size === 0) process.on('exit', killLiveGroups);
  liveGroups.add(pid);
}

function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
  if (liveGroups.size === 0) process.off('exit', killLiveGroups);
}

/** Kills every running trainer's whole process group (the trainer and what it started). */
export function killLiveGroups(): void {
  for (const pid of liveGroups) killGroup(pid);
}

function abortError(): Error {
  const error = new Error('Training was cancelled.');
  error.name = 'AbortError';
  return error;
}

/** Runs argv in cwd; resolves with the exit code, rejects on timeout, cancel or a spawn failure. */
function runCommand(
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  stdout: Tail,
  stderr: Tail,
): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    if (signal?.aborted) return reject(abortError());
    const child = spawn(argv[0], argv.slice(1), {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      shell: false,
    });
    let settled = false;
    // detached: the trainer leads its own process group, so one kill reaches everything it started.
    const group = child.pid;
    if (group !== undefined) trackGroup(group);
    let exited = false;
    let stopping: Error | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    /**
     * Stops the trainer: SIGTERM to its group, SIGKILL after KILL_GRACE_MS if it is still there;
     * the promise rejects with `why` once the trainer has exited, so nothing it started outlives it.
     */
    const stop = (why: Error) => {
      if (stopping || settled) return;
      stopping = why;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (exited) return finish(() => reject(why));
      if (group !== undefined) killGroup(group, 'SIGTERM');
      else child.kill('SIGTERM');
      killTimer = setTimeout(() => {
        if (group !== undefined) killGroup(group);
        else child.kill('SIGKILL');
      }, KILL_GRACE_MS);
    };
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (killTimer !== undefined) clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    const onAbort = () => stop(abortError());
    const timer = setTimeout(
      () =>
        stop(
          new Error(
            `"${argv.join(' ')}" did not finish within ${timeoutMs / 1000} s (timeoutSeconds) and was stopped.${stderr.last() ? ` Last output:\n${stderr.last()}` : ''}`,
          ),
        ),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (c: Buffer) => stdout.add(c));
    child.stderr.on('data', (c: Buffer) => stderr.add(c));
    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT' ? `"${argv[0]}" was not found (is it installed and on PATH?)` : error.message;
      finish(() => reject(new Error(`Cannot run the external trainer: ${reason}.`)));
    });
    // When the trainer exits, what it left running in its group is stopped with it.
    child.on('exit', () => {
      exited = true;
      if (group !== undefined) {
        killGroup(group);
        untrackGroup(group);
      }
      if (stopping) finish(() => reject(stopping));
    });
    child.on('close', (code, sig) => finish(() => resolvePromise(code ?? (sig ? 128 : 1))));
  });
}

/** predictions.csv → Prediction over the holdout rows, or a clear error. */
export function parsePredictionsCsv(
  text: string,
  rows: number,
  data: Pick<TrainingData, 'task' | 'classes'>,
): Prediction {
  const table = tokenizeCsv(text).filter((r) => r.fields.length > 0);
  if (table.length === 0) throw new Error('predictions.csv is empty: it needs a header with a "prediction" column.');
  const header = table[0].fields.map((f) => f.trim());
  const at = header.indexOf('prediction');
  if (at < 0) throw new Error(`predictions.csv has no "prediction" column (columns: ${header.join(', ')}).`);
  const body = table.slice(1);
  if (body.length !== rows)
    throw new Error(
      `predictions.csv has ${body.length} rows; the holdout has ${rows}: write one prediction per holdout row, in order.`,
    );
  if (data.task === 'regression') {
    const values = new Float64Array(rows);
    body.forEach((r, i) => {
      const v = Number(r.fields[at]);
      if (r.fields[at] === undefined || r.fields[at].trim() === '' || !Number.isFinite(v))
        throw new Error(`predictions.csv line ${r.line}: prediction "${r.fields[at] ?? ''}" is not a number.`);
      values[i] = v;
    });
    return { task: 'regression', values };
  }
  const classes = data.classes ?? [];
  const k = classes.length;
  const labels = new Int32Array(rows);
  body.forEach((r, i) => {
    const raw = (r.fields[at] ?? '').trim();
    let c = classes.indexOf(raw);
    if (c < 0 && raw !== '' && Number.isFinite(Number(raw)))
      c = classes.findIndex((name) => name.trim() !== '' && Number(name) === Number(raw));
    if (c < 0)
      throw new Error(
        `predictions.csv line ${r.line}: prediction "${raw}" is not one of the classes (${classes.join(', ')}).`,
      );
    labels[i] = c;
  });
  const probaColumns = classes.map((c) => header.indexOf(`proba_${c}`));
  const given = probaColumns.filter((j) => j >= 0).length;
  if (given === 0) return { task: 'classification', proba: oneHotProba(labels, k), labels, probabilistic: false };
  if (given < k)
    throw new Error(
      `predictions.csv has probabilities for ${given} of ${k} classes: give proba_<class> for every class (${classes.map((c) => `proba_${c}`).join(', ')}) or none.`,
    );
  const proba = new Float64Array(rows * k);
  body.forEach((r, i) => {
    for (let c = 0; c < k; c++) {
      const v = Number(r.fields[probaColumns[c]]);
      if (!(v >= 0 && v <= 1))
        throw new Error(
          `predictions.csv line ${r.line}: proba_${classes[c]} "${r.fields[probaColumns[c]] ?? ''}" is not a probability in [0, 1].`,
        );
      proba[i * k + c] = v;
    }
  });
  return { task: 'classification', proba, labels };
}

function decodedTarget(data: TrainingData): string[] | Float64Array {
  const t = data.target;
  return t.task === 'classification' ? Array.from(t.y, (c) => t.classes[c]) : t.y;
}

export interface ExternalOptions {
  /** Folder the work folder is created in (the run's temporary folder). */
  parentDir: string;
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
  // A program named by a relative path is a file of the project: it must not lead out of it
  // (by ".." or a link). Programs on PATH and absolute paths are the user's explicit choice.
  const program = model.command[0];
  if (!isAbsolute(program) && /[\\/]/.test(program))
    insideProject(data.root, relative(data.root, resolve(cwd, program)), 'external trainer program');
  const workDir = join(options.parentDir, `${model.name}.external`);
  await mkdir(workDir, { recursive: true });
  const trainCsv = join(workDir, 'train.csv');
  const holdoutCsv = join(workDir, 'holdout.csv');
  const output = {
    dir: workDir,
    metrics: join(workDir, 'metrics.json'),
    predictions: join(workDir, 'predictions.csv'),
  };
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
  const argv = model.command.map((a) => (a === '{params}' ? paramsFile : a));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MLCYCLE_PARAMS: paramsFile,
    MLCYCLE_TRAIN: trainCsv,
    MLCYCLE_OUTPUT_DIR: workDir,
    MLCYCLE_SEED: String(options.seed),
    ...(data.holdout ? { MLCYCLE_HOLDOUT: holdoutCsv } : {}),
  };
  const stdout = new Tail();
  const stderr = new Tail();
  const started = performance.now();
  try {
    const timeoutMs = (model.timeoutSeconds ?? DEFAULT_EXTERNAL_TIMEOUT_SECONDS) * 1000;
    const exitCode = await runCommand(argv, cwd, env, timeoutMs, options.signal, stdout, stderr);
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
