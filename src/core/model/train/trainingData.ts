// The data of a training run, loaded once: the training part of the training file (target
// encoded, rows without a target left out), the untouched holdout (its own file, or rows split
// off the training file), and the cross-validation folds over the training part. A tuning study
// loads this once and trains many times on it (see crossValidate.ts).
import { JobError, isAbortError } from '../../../protocol/jobError';
import { takeRows, type Frame } from '../frame';
import { loadFrame } from '../loadFrame';
import { takeTargetRows, type Target } from '../matrix';
import type { Task } from '../models/estimator';
import { prepareTarget } from '../pipeline/prepareTarget';
import { cvFolds, holdoutSplit } from '../split';
import type { PipelineSpec } from '../specTypes';
import { insideProject } from './loadSpec';

export interface Fold {
  /** Row indices into TrainingData.frame. */
  train: Int32Array;
  test: Int32Array;
}

export interface HoldoutPart {
  frame: Frame;
  target: Target;
  source: 'file' | 'split';
}

export interface TrainingData {
  root: string;
  spec: PipelineSpec;
  task: Task;
  targetName: string;
  classes?: string[];
  /** The training part: every row used for cross-validation and the final fit, without the target column. */
  frame: Frame;
  target: Target;
  holdout?: HoldoutPart;
  folds: Fold[];
  /** Things the user should know that did not stop the run (rows without target, a class absent from a fold ...). */
  warnings: string[];
  /** Absolute paths of the files read. */
  files: { train: string; holdout?: string };
  /** The same files as messages name them (relative to the root). */
  shown: { train: string; holdout?: string };
}

/**
 * A data problem as bad input naming its file ("data/train.csv: ..."), keeping a job error's
 * code and line; cancellation passes through untouched.
 */
export function locateDataError(error: unknown, file: string, shown: string): unknown {
  if (isAbortError(error)) return error;
  if (error instanceof JobError) {
    if (error.file !== undefined || error.code === 'cancelled') return error;
    return new JobError(
      error.code,
      `${shown}: ${error.message}`,
      {
        file,
        ...(error.line !== undefined ? { line: error.line } : {}),
        ...(error.column !== undefined ? { column: error.column } : {}),
      },
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new JobError('bad-input', `${shown}: ${message}`, { file }, { cause: error });
}

async function guarded<T>(file: string, shown: string, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw locateDataError(error, file, shown);
  }
}

function withoutColumn(frame: Frame, name: string): Frame {
  return frame.columns.some((c) => c.name === name)
    ? { ...frame, columns: frame.columns.filter((c) => c.name !== name) }
    : frame;
}

function droppedCount(dropped: unknown): number {
  if (typeof dropped === 'number') return dropped;
  if (dropped && typeof (dropped as ArrayLike<number>).length === 'number')
    return (dropped as ArrayLike<number>).length;
  return 0;
}

/** Re-encodes a holdout target with the training classes (its own may be fewer, or in another order). */
export function alignTarget(target: Target, classes: string[] | undefined, file: string): Target {
  if (target.task !== 'classification' || !classes) return target;
  const map = new Int32Array(target.classes.length);
  const unseen: string[] = [];
  target.classes.forEach((c, i) => {
    map[i] = classes.indexOf(c);
    if (map[i] < 0) unseen.push(c);
  });
  if (unseen.length > 0) {
    throw new JobError(
      'bad-input',
      `${file} has target value${unseen.length > 1 ? 's' : ''} ${unseen.map((c) => `"${c}"`).join(', ')} that the training data never has (classes: ${classes.join(', ')}): a model cannot learn to predict ${unseen.length > 1 ? 'them' : 'it'}.`,
      { file },
    );
  }
  const y = new Int32Array(target.y.length);
  for (let i = 0; i < y.length; i++) y[i] = map[target.y[i]];
  return { task: 'classification', classes, y };
}

function foldList(result: Fold[] & { warnings?: string[] }, warnings: string[]): Fold[] {
  if (result.warnings) warnings.push(...result.warnings);
  return Array.from(result, (f) => ({ train: f.train, test: f.test }));
}

export interface LoadTrainingDataOptions {
  root: string;
  spec: PipelineSpec;
  signal?: AbortSignal;
  /** The missing-value markers of each file (src/core/project/missingValues); default pandas 2's. */
  missingValues?: { train?: readonly string[]; holdout?: readonly string[] };
}

export async function loadTrainingData({
  root,
  spec,
  signal,
  missingValues,
}: LoadTrainingDataOptions): Promise<TrainingData> {
  const warnings: string[] = [];
  const trainFile = insideProject(root, spec.data.train, 'training file');
  const holdoutFile = spec.data.holdout ? insideProject(root, spec.data.holdout, 'holdout file') : undefined;
  const loaded = await guarded(trainFile, spec.data.train, () =>
    loadFrame({
      root,
      path: spec.data.train,
      ...(signal ? { signal } : {}),
      ...(missingValues?.train ? { missingMarkers: missingValues.train } : {}),
    }),
  );
  const prepared = await guarded(trainFile, spec.data.train, () => prepareTarget(loaded.frame, spec.target, spec.task));
  const dropped = droppedCount(prepared.droppedRows);
  if (dropped > 0)
    warnings.push(
      `${dropped} row${dropped > 1 ? 's' : ''} of ${spec.data.train} without a ${spec.target} value ${dropped > 1 ? 'were' : 'was'} left out.`,
    );
  let frame = withoutColumn(prepared.frame, spec.target);
  let target: Target = prepared.target;
  const classes = target.task === 'classification' ? target.classes : undefined;

  let holdout: HoldoutPart | undefined;
  if (holdoutFile && spec.data.holdout) {
    const h = await guarded(holdoutFile, spec.data.holdout!, () =>
      loadFrame({
        root,
        path: spec.data.holdout!,
        ...(signal ? { signal } : {}),
        ...(missingValues?.holdout ? { missingMarkers: missingValues.holdout } : {}),
      }),
    );
    const hp = await guarded(holdoutFile, spec.data.holdout!, () => prepareTarget(h.frame, spec.target, spec.task));
    const hDropped = droppedCount(hp.droppedRows);
    if (hDropped > 0)
      warnings.push(
        `${hDropped} row${hDropped > 1 ? 's' : ''} of ${spec.data.holdout} without a ${spec.target} value ${hDropped > 1 ? 'were' : 'was'} left out.`,
      );
    holdout = {
      frame: withoutColumn(hp.frame, spec.target),
      target: alignTarget(hp.target, classes, spec.data.holdout),
      source: 'file',
    };
  } else if (spec.split.holdoutFraction > 0) {
    const split = await guarded(trainFile, spec.data.train, () => holdoutSplit(frame, target, spec.split));
    warnings.push(...split.warnings);
    holdout = { frame: takeRows(frame, split.holdout), target: takeTargetRows(target, split.holdout), source: 'split' };
    frame = takeRows(frame, split.train);
    target = takeTargetRows(target, split.train);
  }

  const features = frame.columns.length;
  if (features >= frame.rows) {
    throw new JobError(
      'bad-input',
      `${spec.data.train} has ${frame.rows} training rows${holdout?.source === 'split' ? ' after the holdout split' : ''} for ${features} feature columns: a model needs more rows than features to learn anything that generalises. Add rows, or drop columns (preprocess.drop).`,
      { file: trainFile },
    );
  }
  const folds = foldList(await guarded(trainFile, spec.data.train, () => cvFolds(frame, target, spec.split)), warnings);
  return {
    root,
    spec,
    task: spec.task,
    targetName: spec.target,
    ...(classes ? { classes } : {}),
    frame,
    target,
    ...(holdout ? { holdout } : {}),
    folds,
    warnings,
    files: { train: trainFile, ...(holdoutFile ? { holdout: holdoutFile } : {}) },
    shown: { train: spec.data.train, ...(spec.data.holdout ? { holdout: spec.data.holdout } : {}) },
  };
}
