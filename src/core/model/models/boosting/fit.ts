// The boosting loop: bin the features (or take the study's binning), hold out the early-stopping
// rows, start from the baseline score, then per round compute gradients, grow one tree per class,
// update the scores, report the losses and stop on no improvement, on request or on cancel.
import { applyBins, fitBins, MISSING_BIN, takeBinnedRows, type BinnedMatrix } from '../../binning';
import { takeMatrixRows, takeTargetRows, type Matrix, type Target } from '../../matrix';
import { throwIfAborted, type FitContext } from '../estimator';
import { addTreeBinned, EnsembleBuilder } from './ensemble';
import { growerBuffers, TreeGrower, type HistogramBuilder } from './grower';
import { buildHistogramRange, countBins, packBins } from './histogram';
import { lossFor } from './loss';
import { BoostingModel } from './model';
import { KIND, type BoostingParams } from './params';
import { validationSplit, type ValidationSplit } from './validationSplit';
import { defaultThreads, sharedArray, threadedHistogramBuilder, threadSettings } from './threads';

/** scikit-learn's rule: stop when none of the last n_iter_no_change scores beats the one before them by more than tol. */
export function shouldStop(scores: number[], nIterNoChange: number, tol: number): boolean {
  const reference = nIterNoChange + 1;
  if (scores.length < reference) return false;
  const referenceScore = scores[scores.length - reference] + tol;
  for (let i = scores.length - nIterNoChange; i < scores.length; i++) if (scores[i] > referenceScore) return false;
  return true;
}

function checkInputs(X: Matrix, y: Target): void {
  if (X.rows !== y.y.length) throw new Error(`${KIND}: X has ${X.rows} rows but the target has ${y.y.length}.`);
  if (X.rows < 2) throw new Error(`${KIND}: at least 2 training rows are needed, got ${X.rows}.`);
  if (X.cols < 1) throw new Error(`${KIND}: there are no features to train on.`);
  if (X.names.length !== X.cols || X.data.length !== X.rows * X.cols)
    throw new Error(
      `${KIND}: malformed matrix (${X.cols} columns, ${X.names.length} names, ${X.data.length} values for ${X.rows} rows).`,
    );
  if (y.task === 'classification') {
    if (y.classes.length < 2)
      throw new Error(`${KIND}: classification needs at least two classes, got ${y.classes.length}.`);
    for (let i = 0; i < y.y.length; i++) {
      if (y.y[i] < 0 || y.y[i] >= y.classes.length)
        throw new Error(`${KIND}: target row ${i} has class index ${y.y[i]}, outside the ${y.classes.length} classes.`);
    }
  } else {
    for (let i = 0; i < y.y.length; i++)
      if (!Number.isFinite(y.y[i]))
        throw new Error(`${KIND}: target row ${i} is ${y.y[i]}; a regression target must be finite.`);
  }
}

/** Features that have bin MISSING_BIN in these (training) rows. */
function missingFeatures(b: BinnedMatrix): Uint8Array {
  const out = new Uint8Array(b.cols);
  const missing: number = MISSING_BIN;
  for (let j = 0; j < b.cols; j++) {
    const base = j * b.rows;
    for (let i = 0; i < b.rows; i++)
      if (b.bins[base + i] === missing) {
        out[j] = 1;
        break;
      }
  }
  return out;
}

/**
 * The early-stopping hold-out of a fit on target `y` (null when early stopping is off). The bin
 * edges are fitted on its training rows, so a study's cached binning must use the same rows.
 */
export function earlyStoppingSplit(y: Target, params: BoostingParams, seed: number): ValidationSplit | null {
  const earlyStopping = params.early_stopping === 'auto' ? y.y.length > 10_000 : params.early_stopping;
  return earlyStopping && params.validation_fraction !== null
    ? validationSplit(y, params.validation_fraction, seed)
    : null;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function fitBoosting(
  X: Matrix,
  y: Target,
  params: BoostingParams,
  ctx: FitContext,
): Promise<BoostingModel> {
  checkInputs(X, y);
  throwIfAborted(ctx.signal);
  const earlyStopping = params.early_stopping === 'auto' ? X.rows > 10_000 : params.early_stopping;
  const split = earlyStoppingSplit(y, params, ctx.seed);

  // Binning: fitted here on the training rows, like scikit-learn, or the study's (X binned once;
  // the same model as here when its edges were fitted on the same rows: see earlyStoppingSplit).
  let train: BinnedMatrix;
  let validation: BinnedMatrix | null = null;
  if (ctx.binned) {
    if (ctx.binned.rows !== X.rows || ctx.binned.cols !== X.cols) {
      throw new Error(
        `${KIND}: the pre-binned features (${ctx.binned.rows} × ${ctx.binned.cols}) do not match X (${X.rows} × ${X.cols}).`,
      );
    }
    train = split ? takeBinnedRows(ctx.binned, split.train) : ctx.binned;
    if (split) validation = takeBinnedRows(ctx.binned, split.validation);
  } else {
    const Xtrain = split ? takeMatrixRows(X, split.train) : X;
    const mapper = fitBins(Xtrain, { maxBins: params.max_bins, seed: ctx.seed });
    train = applyBins(mapper, Xtrain);
    if (split) validation = applyBins(mapper, takeMatrixRows(X, split.validation));
  }
  const yTrain = split ? takeTargetRows(y, split.train) : y;
  const yValidation = split ? takeTargetRows(y, split.validation) : null;
  throwIfAborted(ctx.signal);

  const n = train.rows;
  const loss = lossFor(yTrain);
  const K = loss.nTrees;
  const baseline = loss.baseline();
  const raw = new Float64Array(K * n);
  for (let k = 0; k < K; k++) raw.fill(baseline[k], k * n, (k + 1) * n);
  const nValidation = validation?.rows ?? 0;
  const rawValidation = new Float64Array(K * nValidation);
  for (let k = 0; k < K; k++) rawValidation.fill(baseline[k], k * nValidation, (k + 1) * nValidation);
  // A histogram thread pays only on large data (see threads.ts); its buffers are shared.
  const threads = Math.max(1, Math.floor(ctx.threads ?? defaultThreads()));
  const useThread = threads > 1 && n * X.cols >= threadSettings.minTrainingCells;
  const floats = (length: number) => (useThread ? sharedArray(Float32Array, length) : new Float32Array(length));
  const gradients = floats(K * n);
  const hessians = floats(K * n);
  const buffers = useThread
    ? { indices: sharedArray(Uint32Array, n), orderedG: floats(n), orderedH: floats(n) }
    : growerBuffers(n);
  let bins = train.bins;
  if (useThread) {
    bins = sharedArray(Uint8Array, train.bins.length);
    bins.set(train.bins);
  }
  const histInput = {
    bins,
    packed: packBins(bins, n, X.cols, useThread),
    rows: n,
    gradients,
    hessians,
    indices: buffers.indices,
  };
  const rootCounts = countBins(bins, n, X.cols);
  const pool = useThread
    ? await threadedHistogramBuilder(histInput, buffers.orderedG, buffers.orderedH, X.cols, rootCounts)
    : null;
  const builder: HistogramBuilder = pool ?? {
    build: (hist, start, end, og, oh, identity) =>
      buildHistogramRange(histInput, hist, start, end, og, oh, identity, 0, X.cols, rootCounts),
  };
  const grower = new TreeGrower(
    { bins, rows: n },
    {
      nBins: train.mapper.nBins,
      hasMissing: missingFeatures(train),
      minSamplesLeaf: params.min_samples_leaf,
      l2: params.l2_regularization,
      maxLeafNodes: params.max_leaf_nodes,
      maxDepth: params.max_depth,
      learningRate: params.learning_rate,
    },
    builder,
    buffers,
  );

  const ensemble = new EnsembleBuilder(train.mapper, K, baseline);
  const gains = new Float64Array(X.cols);
  const validationLoss = () => (yValidation ? loss.loss(rawValidation, nValidation, yValidation.y) : undefined);
  const scores: number[] = [];
  if (earlyStopping) scores.push(-(validationLoss() ?? loss.loss(raw, n)));
  let stoppedBy = 'max_iter';
  let lastTrainLoss = loss.loss(raw, n);
  let lastValidationLoss = validationLoss();
  let lastYield = Date.now();
  let leaves = 0;
  try {
    for (let iteration = 0; iteration < params.max_iter; iteration++) {
      if (Date.now() - lastYield > 50) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
      throwIfAborted(ctx.signal);
      loss.gradients(raw, gradients, hessians);
      for (let k = 0; k < K; k++) {
        histInput.gradients = gradients.subarray(k * n, (k + 1) * n);
        histInput.hessians = hessians.subarray(k * n, (k + 1) * n);
        const tree = grower.grow(histInput.gradients, histInput.hessians, raw, k * n);
        ensemble.add(tree);
        for (let node = 0; node < tree.feature.length; node++) {
          if (tree.feature[node] >= 0) gains[tree.feature[node]] += tree.gain[node];
          else leaves++;
        }
        if (validation) addTreeBinned(tree, validation.bins, nValidation, rawValidation, k * nValidation);
      }
      // The training loss costs a log per row: computed only when someone reads it every round.
      const trainLossNeeded = ctx.onIteration !== undefined || (earlyStopping && !yValidation);
      lastTrainLoss = trainLossNeeded ? loss.loss(raw, n) : NaN;
      lastValidationLoss = validationLoss();
      const answer = ctx.onIteration?.({
        iteration: iteration + 1,
        total: params.max_iter,
        trainLoss: lastTrainLoss,
        validationLoss: lastValidationLoss,
      });
      if (earlyStopping) {
        scores.push(-(lastValidationLoss ?? lastTrainLoss));
        if (shouldStop(scores, params.n_iter_no_change, params.tol)) {
          stoppedBy = 'early_stopping';
          break;
        }
      }
      if (answer === 'stop') {
        stoppedBy = 'callback';
        break;
      }
    }
  } finally {
    await pool?.close();
  }

  let totalGain = 0;
  for (let j = 0; j < gains.length; j++) totalGain += gains[j];
  if (totalGain > 0) for (let j = 0; j < gains.length; j++) gains[j] /= totalGain;
  const rounds = ensemble.rounds;
  const info: Record<string, number | string | boolean> = {
    n_iter: rounds,
    n_trees_per_iteration: K,
    early_stopping: earlyStopping,
    early_stopped: stoppedBy === 'early_stopping',
    stopped_by: stoppedBy,
    mean_leaves: rounds > 0 ? leaves / (rounds * K) : 0,
    train_rows: n,
    validation_rows: nValidation,
    train_loss: Number.isNaN(lastTrainLoss) ? loss.loss(raw, n) : lastTrainLoss,
    threads: pool ? 2 : 1,
  };
  if (lastValidationLoss !== undefined) info.validation_loss = lastValidationLoss;
  return new BoostingModel(
    y.task,
    X.cols,
    y.task === 'classification' ? y.classes : undefined,
    ensemble.build(),
    gains,
    info,
  );
}
