// Preprocessing fitted once per fold and reused by every model of a run (and every trial of a
// tuning study): the pipeline is fitted on the fold's training rows only, then both the
// training rows and the test rows are transformed with it. The "full" part fits on the whole
// training part and transforms the holdout. Nothing depends on the model, so one fit serves all.
// Tree models' binned features are computed on first use and cached on the part, too.
import { JobError, isAbortError } from '../../../protocol/jobError';
import { applyBins, fitBins, type BinnedMatrix } from '../binning';
import { takeRows } from '../frame';
import { column, takeMatrixRows, takeTargetRows, type Matrix, type Target } from '../matrix';
import { throwIfAborted } from '../models/estimator';
import { fitPipeline, type FittedPipeline } from '../pipeline/fitPipeline';
import { selectFeatures } from '../selection/selectFeatures';
import { locateDataError, type TrainingData } from './trainingData';

export interface PreparedPart {
  pipeline: FittedPipeline;
  X: Matrix;
  y: Target;
  /** The rows this part is evaluated on: a fold's test rows, or the holdout (absent without one). */
  test?: { X: Matrix; y: Target; index?: Int32Array };
  /** Features with NaN / ±Infinity after the transform, for a clear message to models that cannot take them. */
  missing: { train: string[]; test: string[] };
  infinite: string[];
  fitMs: number;
  /** The training X binned (fitBins, then applyBins to all of X): computed on first use, then cached per request. */
  binned(request: BinningRequest): BinnedMatrix;
}

export interface BinningRequest {
  maxBins: number;
  seed: number;
  /** The rows of X the edges are fitted on (all rows when absent), with a key naming them for the cache. */
  fitRows?: { key: string; rows: Int32Array };
}

/** How many binnings the parts have computed (tests check that a study bins once). */
export const binningStats = { computed: 0 };

/** A part's binning cache: one BinnedMatrix per (maxBins, seed, fit rows). */
function binningCache(X: Matrix): (request: BinningRequest) => BinnedMatrix {
  const cache = new Map<string, BinnedMatrix>();
  return (request) => {
    const key = `${request.maxBins}|${request.seed}|${request.fitRows?.key ?? 'all'}`;
    let binned = cache.get(key);
    if (!binned) {
      const fitOn = request.fitRows ? takeMatrixRows(X, request.fitRows.rows) : X;
      binned = applyBins(fitBins(fitOn, { maxBins: request.maxBins, seed: request.seed }), X);
      binningStats.computed++;
      cache.set(key, binned);
    }
    return binned;
  };
}

/** Runs a preprocessing step; its errors name the file (and the fold) they come from. */
async function located<T>(step: () => T | Promise<T>, file: string, shown: string, where: string): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (isAbortError(error)) throw error;
    if (error instanceof JobError) throw locateDataError(error, file, shown);
    throw locateDataError(new Error(`preprocessing failed on ${where}: ${(error as Error).message}`), file, shown);
  }
}

function nonFinite(X: Matrix): { nan: string[]; inf: string[] } {
  const nan: string[] = [];
  const inf: string[] = [];
  for (let j = 0; j < X.cols; j++) {
    const col = column(X, j);
    let hasNan = false;
    let hasInf = false;
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (v !== v) hasNan = true;
      else if (v === Infinity || v === -Infinity) hasInf = true;
    }
    if (hasNan) nan.push(X.names[j]);
    if (hasInf) inf.push(X.names[j]);
  }
  return { nan, inf };
}

export class PreparedData {
  private readonly parts = new Map<string, Promise<PreparedPart>>();

  constructor(
    readonly data: TrainingData,
    private readonly options: { seed: number; signal?: AbortSignal },
  ) {}

  /** The k-th fold (0-based), prepared once. */
  fold(k: number): Promise<PreparedPart> {
    return this.memo(`fold${k}`, () => {
      const fold = this.data.folds[k];
      return this.prepare(fold.train, fold.test, `fold ${k + 1} of ${this.data.folds.length}`);
    });
  }

  /** The whole training part, with the holdout as its test rows. */
  full(): Promise<PreparedPart> {
    return this.memo('full', () => this.prepare(undefined, undefined, 'the training data'));
  }

  private memo(key: string, make: () => Promise<PreparedPart>): Promise<PreparedPart> {
    let part = this.parts.get(key);
    if (!part) {
      part = make();
      this.parts.set(key, part);
      part.catch(() => this.parts.delete(key));
    }
    return part;
  }

  private async prepare(
    trainIndex: Int32Array | undefined,
    testIndex: Int32Array | undefined,
    where: string,
  ): Promise<PreparedPart> {
    throwIfAborted(this.options.signal);
    const started = performance.now();
    const { data } = this;
    const frame = trainIndex ? takeRows(data.frame, trainIndex) : data.frame;
    const y = trainIndex ? takeTargetRows(data.target, trainIndex) : data.target;
    const onTrain = <T>(step: () => T | Promise<T>) => located(step, data.files.train, data.shown.train, where);
    const pipeline: FittedPipeline = await onTrain(() =>
      fitPipeline(frame, y, data.spec, {
        seed: this.options.seed,
        ...(this.options.signal ? { signal: this.options.signal } : {}),
        selectFeatures,
      }),
    );
    throwIfAborted(this.options.signal);
    const X = await onTrain(() => pipeline.transform(frame));
    let test: PreparedPart['test'];
    if (testIndex)
      test = {
        X: await onTrain(() => pipeline.transform(takeRows(data.frame, testIndex))),
        y: takeTargetRows(data.target, testIndex),
        index: testIndex,
      };
    else if (data.holdout) {
      const holdout = data.holdout;
      const X =
        holdout.source === 'file'
          ? await located(
              () => pipeline.transform(holdout.frame),
              data.files.holdout!,
              data.shown.holdout!,
              'the holdout',
            )
          : await onTrain(() => pipeline.transform(holdout.frame));
      test = { X, y: holdout.target };
    }
    const trainChecks = nonFinite(X);
    const testChecks = test ? nonFinite(test.X) : { nan: [], inf: [] };
    const infinite = [...new Set([...trainChecks.inf, ...testChecks.inf])];
    return {
      pipeline,
      X,
      y,
      ...(test ? { test } : {}),
      missing: { train: trainChecks.nan, test: testChecks.nan },
      infinite,
      fitMs: performance.now() - started,
      binned: binningCache(X),
    };
  }
}

/** Throws a clear error when a model would receive values it cannot take. */
export function checkFeatureValues(part: PreparedPart, handlesMissing: boolean): void {
  if (part.infinite.length > 0) {
    throw new Error(
      `The preprocessing produced infinite values in ${part.infinite.slice(0, 5).join(', ')}${part.infinite.length > 5 ? ' …' : ''} (a derived feature dividing by zero?). Fix the expression or clip the column.`,
    );
  }
  if (handlesMissing) return;
  const missing = [...new Set([...part.missing.train, ...part.missing.test])];
  if (missing.length > 0) {
    throw new Error(
      `Missing values (NaN) reach a model that cannot take them in ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}: set preprocess.impute (mean, median, most_frequent or constant) for these columns.`,
    );
  }
}
