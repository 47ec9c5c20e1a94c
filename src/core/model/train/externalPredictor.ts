// An external model as a batch predictor: rows in, predictions out, through the model's own
// predict command (never run through a shell). The rows go in batches of at most `batchRows`,
// one process per batch, run one after another; the explainers call it many times, so a batch
// should be as large as the command can take.
//
// The contract of the predict command, per batch: a fresh temporary folder holds input.csv (the
// batch's rows: the columns the trainer was given, in its order, without the target; the same
// format as the trainer's holdout.csv) and predict-params.json:
//   { model, params, task, target, classes?, columns, rows, input, modelDir,
//     output: { dir, predictions } }
// The command writes predictions.csv (output.predictions) in the trainer's format: one row per
// input row, in order, `prediction` and, for classifiers, optionally `proba_<class>` for every
// class. Environment: MLCYCLE_PARAMS (predict-params.json), MLCYCLE_MODEL_DIR (the model folder
// the trainer wrote: read it, do not change it), MLCYCLE_INPUT, MLCYCLE_OUTPUT (predictions.csv),
// MLCYCLE_OUTPUT_DIR. Arguments "{params}", "{input}", "{output}" and "{model_dir}" are replaced
// by those paths. It runs in the model's working folder, in its own process group, stopped (the
// whole group: SIGTERM, then SIGKILL) on cancel or after timeoutSeconds; the folder is removed
// after every batch, whatever happened.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../atomicWrite';
import type { Frame, FrameColumn } from '../frame';
import type { Prediction } from '../metrics/prediction';
import type { Task } from '../models/estimator';
import type { LoadedExternal } from './externalArtifact';
import { abortError, checkProgram, runCommand, Tail } from './externalProcess';
import { insideProject } from './loadSpec';
import { parsePredictionsCsv } from './predictionsCsv';
import { frameToCsv } from './runFiles';

/** Everything needed to call an external model's predict command (plain data: it travels). */
export interface ExternalPredictorSpec {
  /** The project folder: the working folder is inside it. */
  root: string;
  name: string;
  task: Task;
  target: string;
  classes?: string[];
  inputs: Array<{ name: string; type: 'numeric' | 'categorical' }>;
  params: Record<string, unknown>;
  /** Absolute path of the model folder the trainer wrote. */
  modelDir: string;
  command: string[];
  /** Working folder, relative to the root. */
  cwd: string;
  timeoutSeconds: number;
  batchRows: number;
}

export interface ExternalPredictOptions {
  signal?: AbortSignal;
  /** Once each batch's process has started: its 0-based number, the number of batches, its first row. */
  onBatch?(batch: number, batches: number, firstRow: number): void;
  /** Where the batches' temporary folders go (default: the system's temporary folder). */
  tempDir?: string;
}

/** A failure of the predict command (its exit, its output), with the stderr tail in the message. */
export class ExternalPredictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExternalPredictError';
  }
}

export function predictorSpecOf(root: string, loaded: LoadedExternal): ExternalPredictorSpec {
  const { artifact } = loaded;
  return {
    root,
    name: artifact.modelName,
    task: artifact.task,
    target: artifact.target,
    ...(artifact.classes ? { classes: artifact.classes } : {}),
    inputs: artifact.inputs,
    params: artifact.params ?? {},
    modelDir: loaded.modelDir,
    command: artifact.predict.command,
    cwd: artifact.predict.cwd,
    timeoutSeconds: artifact.predict.timeoutSeconds,
    batchRows: artifact.predict.batchRows,
  };
}

function sliceColumn(column: FrameColumn, from: number, to: number): FrameColumn {
  return column.type === 'numeric'
    ? { name: column.name, type: 'numeric', values: column.values.subarray(from, to) }
    : { name: column.name, type: 'categorical', values: column.values.slice(from, to) };
}

/** Concatenates the batches' predictions, in order. */
function concatPredictions(parts: Prediction[], rows: number, k: number): Prediction {
  if (parts.length === 1) return parts[0];
  if (parts[0].task === 'regression') {
    const values = new Float64Array(rows);
    let at = 0;
    for (const p of parts)
      if (p.task === 'regression') {
        values.set(p.values, at);
        at += p.values.length;
      }
    return { task: 'regression', values };
  }
  const proba = new Float64Array(rows * k);
  const labels = new Int32Array(rows);
  let at = 0;
  let probabilistic = true;
  for (const p of parts)
    if (p.task === 'classification') {
      const n = p.proba.length / k;
      proba.set(p.proba, at * k);
      if (p.labels) labels.set(p.labels, at);
      if (p.probabilistic === false) probabilistic = false;
      at += n;
    }
  return { task: 'classification', proba, labels, ...(probabilistic ? {} : { probabilistic: false }) };
}

export class ExternalPredictor {
  private readonly cwd: string;

  constructor(readonly spec: ExternalPredictorSpec) {
    if (spec.command.length === 0) throw new Error(`The predict command of ${spec.name} is empty.`);
    this.cwd = insideProject(spec.root, spec.cwd, 'working directory (cwd)');
    checkProgram(spec.root, this.cwd, spec.command[0], 'external predict program');
  }

  /** Outputs per row: the class probabilities, or one value. */
  get outputs(): number {
    return this.spec.task === 'classification' ? (this.spec.classes?.length ?? 0) : 1;
  }

  /**
   * Predicts every row of `frame` (it holds the model's input columns, by name; others are
   * ignored). Throws ExternalPredictError when the command fails or writes no valid predictions,
   * an AbortError on cancel; nothing is left behind either way.
   */
  async predict(frame: Frame, options: ExternalPredictOptions = {}): Promise<Prediction> {
    const columns = this.spec.inputs.map((input) => {
      const column = frame.columns.find((c) => c.name === input.name);
      if (!column) throw new Error(`The rows lack the column "${input.name}" that ${this.spec.name} needs.`);
      return column;
    });
    if (frame.rows === 0)
      return this.spec.task === 'classification'
        ? { task: 'classification', proba: new Float64Array(0), labels: new Int32Array(0) }
        : { task: 'regression', values: new Float64Array(0) };
    const size = Math.max(1, Math.floor(this.spec.batchRows));
    const batches = Math.ceil(frame.rows / size);
    const parts: Prediction[] = [];
    for (let b = 0; b < batches; b++) {
      options.signal?.throwIfAborted();
      const from = b * size;
      const to = Math.min(frame.rows, from + size);
      const batch: Frame = { rows: to - from, columns: columns.map((c) => sliceColumn(c, from, to)) };
      parts.push(await this.predictBatch(batch, options, () => options.onBatch?.(b, batches, from)));
    }
    return concatPredictions(parts, frame.rows, this.outputs);
  }

  /** The model's outputs on a frame, row-major rows × outputs: class probabilities or values. */
  async outputsOf(frame: Frame, options: ExternalPredictOptions = {}): Promise<Float64Array> {
    const prediction = await this.predict(frame, options);
    return prediction.task === 'classification' ? prediction.proba : prediction.values;
  }

  private async predictBatch(batch: Frame, options: ExternalPredictOptions, onSpawn: () => void): Promise<Prediction> {
    const { spec } = this;
    const parent = options.tempDir ?? tmpdir();
    await mkdir(parent, { recursive: true });
    const dir = await mkdtemp(join(parent, 'mlcycle-predict-'));
    try {
      const input = join(dir, 'input.csv');
      const predictions = join(dir, 'predictions.csv');
      const paramsFile = join(dir, 'predict-params.json');
      await writeFileAtomic(input, frameToCsv(batch));
      const params = {
        model: spec.name,
        params: spec.params,
        task: spec.task,
        target: spec.target,
        ...(spec.classes ? { classes: spec.classes } : {}),
        columns: spec.inputs.map((i) => i.name),
        rows: batch.rows,
        input,
        modelDir: spec.modelDir,
        output: { dir, predictions },
      };
      await writeFileAtomic(paramsFile, JSON.stringify(params, null, 2) + '\n');
      const places: Record<string, string> = {
        '{params}': paramsFile,
        '{input}': input,
        '{output}': predictions,
        '{model_dir}': spec.modelDir,
      };
      const argv = spec.command.map((a) => places[a] ?? a);
      const stdout = new Tail();
      const stderr = new Tail();
      const shown = `The predict command of ${spec.name} ("${argv.join(' ')}")`;
      const withTail = (message: string) => `${message}${stderr.last() ? `\n${stderr.last()}` : ''}`;
      const exitCode = await runCommand(argv, {
        cwd: this.cwd,
        env: {
          ...process.env,
          MLCYCLE_PARAMS: paramsFile,
          MLCYCLE_MODEL_DIR: spec.modelDir,
          MLCYCLE_INPUT: input,
          MLCYCLE_OUTPUT: predictions,
          MLCYCLE_OUTPUT_DIR: dir,
        },
        timeoutMs: spec.timeoutSeconds * 1000,
        ...(options.signal ? { signal: options.signal } : {}),
        stdout,
        stderr,
        what: 'external predictor',
        cancelled: 'Prediction was cancelled.',
        onSpawn,
      });
      // A cancel that came as the command finished still cancels.
      if (options.signal?.aborted) throw abortError('Prediction was cancelled.');
      if (exitCode !== 0) throw new ExternalPredictError(withTail(`${shown} exited with code ${exitCode}.`));
      let text: string;
      try {
        text = await readFile(predictions, 'utf8');
      } catch {
        throw new ExternalPredictError(
          withTail(`${shown} wrote no predictions.csv (expected at MLCYCLE_OUTPUT, ${predictions}).`),
        );
      }
      try {
        return parsePredictionsCsv(text, batch.rows, { task: spec.task, classes: spec.classes }, 'input');
      } catch (error) {
        throw new ExternalPredictError(withTail(`${shown}: ${(error as Error).message}`));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
