// Cross-validated scoring of a set of source columns, for the wrapper and embedded methods:
// seeded (stratified for classes) k-fold splits made once, then each candidate subset is fitted
// on each training fold and scored on its test fold with a simple, sklearn-defined metric:
// balanced accuracy for classification, RMSE (reported as is, compared negated) for regression.
import { takeMatrixColumns, takeMatrixRows, takeTargetRows, type Matrix, type Target } from '../matrix';
import type { FittedModel } from '../models/estimator';
import { betweenFits } from './betweenFits';
import type { Estimator } from './estimatorChoice';
import { shuffledIndex } from './seededNoise';

export interface Fold {
  trainX: Matrix;
  trainY: Target;
  testX: Matrix;
  testY: Target;
}

/** Test-fold assignment of each row: stratified (each class dealt round-robin after a seeded shuffle) or plain shuffled k-fold. */
export function foldAssignment(y: Target, folds: number, seed: number): Int32Array {
  const n = y.y.length;
  if (!Number.isInteger(folds) || folds < 2)
    throw new Error(`Feature selection: featureSelection.folds must be an integer of at least 2 (got ${folds}).`);
  if (folds > n)
    throw new Error(`Feature selection: featureSelection.folds is ${folds} but the training data has only ${n} rows.`);
  const order = shuffledIndex(n, seed);
  const fold = new Int32Array(n);
  if (y.task === 'classification') {
    // Deal each class in turn so that every fold gets its share of every class.
    let next = 0;
    for (let c = 0; c < y.classes.length; c++) {
      for (let p = 0; p < n; p++) {
        const i = order[p];
        if (y.y[i] === c) fold[i] = next++ % folds;
      }
    }
  } else {
    for (let p = 0; p < n; p++) fold[order[p]] = p % folds;
  }
  return fold;
}

export function makeFolds(X: Matrix, y: Target, folds: number, seed: number): Fold[] {
  const assignment = foldAssignment(y, folds, seed);
  const out: Fold[] = [];
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < assignment.length; i++) (assignment[i] === f ? test : train).push(i);
    out.push({
      trainX: takeMatrixRows(X, train),
      trainY: takeTargetRows(y, train),
      testX: takeMatrixRows(X, test),
      testY: takeTargetRows(y, test),
    });
  }
  return out;
}

/** Balanced accuracy as sklearn: the mean recall over the classes present in y_true. */
export function balancedAccuracy(yTrue: Int32Array, yPred: Float64Array, nClasses: number): number {
  const total = new Float64Array(nClasses);
  const hit = new Float64Array(nClasses);
  for (let i = 0; i < yTrue.length; i++) {
    total[yTrue[i]]++;
    if (yPred[i] === yTrue[i]) hit[yTrue[i]]++;
  }
  let sum = 0;
  let present = 0;
  for (let c = 0; c < nClasses; c++) {
    if (total[c] === 0) continue;
    sum += hit[c] / total[c];
    present++;
  }
  return present ? sum / present : NaN;
}

export function rmse(yTrue: Float64Array, yPred: Float64Array): number {
  let ss = 0;
  for (let i = 0; i < yTrue.length; i++) ss += (yTrue[i] - yPred[i]) ** 2;
  return Math.sqrt(ss / yTrue.length);
}

/** The metric the selection optimises, by name, and its value oriented so that higher is better. */
export function metricName(y: Target): string {
  return y.task === 'classification' ? 'balanced_accuracy' : 'rmse';
}

/** Shows a higher-is-better score in the metric's own sign (RMSE is positive). */
export function displayScore(y: Target, score: number): number {
  return y.task === 'classification' ? score : -score;
}

export function scoreModel(model: FittedModel, X: Matrix, y: Target): number {
  const predicted = model.predict(X);
  return y.task === 'classification' ? balancedAccuracy(y.y, predicted, y.classes.length) : -rmse(y.y, predicted);
}

export interface CvScore {
  mean: number;
  /** Standard error of the mean over folds. */
  standardError: number;
  perFold: number[];
}

export function summarize(perFold: number[]): CvScore {
  const k = perFold.length;
  const mean = perFold.reduce((a, b) => a + b, 0) / k;
  const variance = k > 1 ? perFold.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1) : 0;
  return { mean, standardError: Math.sqrt(variance / k), perFold };
}

/** Fits the estimator on each training fold restricted to `columns` and scores the test fold. */
export async function crossValidate(
  estimator: Estimator,
  folds: Fold[],
  columns: number[],
  seed: number,
  signal?: AbortSignal,
): Promise<CvScore> {
  const perFold: number[] = [];
  for (const fold of folds) {
    await betweenFits(signal);
    const model = await estimator.fit(takeMatrixColumns(fold.trainX, columns), fold.trainY, { seed, signal });
    perFold.push(scoreModel(model, takeMatrixColumns(fold.testX, columns), fold.testY));
  }
  return summarize(perFold);
}
