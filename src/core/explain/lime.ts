// LIME for tabular models (Ribeiro, Singh & Guestrin 2016), as lime's LimeTabularExplainer does
// it with its defaults: for each row, a neighbourhood of `samples` perturbations drawn from the
// training distribution bin by bin (limeSampling.ts), the model on every perturbation (in
// batches, through the batch model function), and per output a Ridge(alpha=1) on the binary
// "same bin as the row" representation weighted by the kernel sqrt(exp(−d²/width²))
// (limeRegression.ts). The row's binary representation is all ones, so a feature's
// contribution is its coefficient and base + Σ contributions is the local model's prediction
// at the row — not the model's output: LIME is not additive, and the difference is reported as
// its local fit error, with the local model's R² (score) per row and output.
// LIME's answer moves with the seed; `limeStability` re-explains a few rows with other seeds and
// measures how much the ranking of the features agrees.
import { seededRandom } from '../seededRandom';
import { fitLocal, weightedDesign } from './limeRegression';
import {
  defaultKernelWidth,
  limeFeatures,
  limeKernel,
  neighbourhood,
  type LimeFeature,
  type Neighbourhood,
} from './limeSampling';
import type { BatchModel } from './samplingShap';
import type { ShapValues } from './treeExplainer';

export const DEFAULT_LIME_SAMPLES = 5000;
/** Rows the model scores at a time (a cancel lands between batches). */
const BATCH_ROWS = 1000;

export interface LimeOptions {
  /** Perturbations per row, the row itself first (lime's num_samples). */
  samples: number;
  /** Default sqrt(features)·0.75. */
  kernelWidth?: number;
  /** Features in each local model (lime's num_features; default all, so no selection). */
  numFeatures?: number;
  seed: number;
  /** The numbers the rows' random streams are seeded with (default 0, 1, 2, …). */
  rowIds?: number[];
  signal?: AbortSignal;
  onRow?(done: number): void;
  /** Sees each row's neighbourhood, kernel weights and model outputs (tests compare them with scikit-learn). */
  onNeighbourhood?(row: number, n: Neighbourhood & { weights: Float64Array; predictions: Float64Array }): void;
}

export interface LimeValues extends ShapValues {
  /** rows × outputs: each local model's intercept (the base of that row's contributions). */
  intercepts: Float64Array;
  /** rows × outputs: the local model's weighted R² on its neighbourhood. */
  scores: Float64Array;
  /** rows × outputs: the local model at the row, intercept + Σ contributions. */
  localPredictions: Float64Array;
  evaluations: number;
  kernelWidth: number;
}

function rowSeed(seed: number, id: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(id + 1, 0x85ebca6b)) >>> 0;
}

export async function explainLime(
  model: BatchModel,
  outputs: number,
  rows: Float64Array,
  features: LimeFeature[],
  options: LimeOptions,
): Promise<LimeValues> {
  const M = features.length;
  const K = outputs;
  const n = rows.length / M;
  const S = Math.max(2, Math.floor(options.samples));
  const width = options.kernelWidth ?? defaultKernelWidth(M);
  const values = new Float64Array(n * M * K);
  const intercepts = new Float64Array(n * K);
  const scores = new Float64Array(n * K);
  const localPredictions = new Float64Array(n * K);
  const output = new Float64Array(n * K);
  const predictions = new Float64Array(S * K);
  let evaluations = 0;
  for (let i = 0; i < n; i++) {
    options.signal?.throwIfAborted();
    const random = seededRandom(rowSeed(options.seed, options.rowIds?.[i] ?? i));
    const hood = neighbourhood(rows.subarray(i * M, (i + 1) * M), features, S, random);
    for (let start = 0; start < S; start += BATCH_ROWS) {
      options.signal?.throwIfAborted();
      const count = Math.min(BATCH_ROWS, S - start);
      const out = await model(hood.inverse.subarray(start * M, (start + count) * M), count);
      predictions.set(out.subarray(0, count * K), start * K);
    }
    evaluations += S;
    const weights = limeKernel(hood.distances, width);
    options.onNeighbourhood?.(i, { ...hood, weights, predictions: predictions.slice() });
    const design = weightedDesign(hood.binary, weights, M);
    for (let k = 0; k < K; k++) {
      const fit = fitLocal(design, predictions, K, k, {
        ...(options.numFeatures !== undefined ? { numFeatures: options.numFeatures } : {}),
      });
      for (let f = 0; f < M; f++) values[(i * M + f) * K + k] = fit.coef[f];
      intercepts[i * K + k] = fit.intercept;
      scores[i * K + k] = fit.score;
      localPredictions[i * K + k] = fit.localPrediction;
      output[i * K + k] = predictions[k];
    }
    options.onRow?.(i + 1);
  }
  // The base the result shows is the mean intercept; each row's own is in `intercepts`.
  const base = new Float64Array(K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) base[k] += intercepts[i * K + k] / Math.max(1, n);
  let worst = 0;
  for (let j = 0; j < n * K; j++)
    worst = Math.max(worst, Math.abs(localPredictions[j] - output[j]) / Math.max(1, Math.abs(output[j])));
  return {
    rows: n,
    features: M,
    outputs: K,
    values,
    base,
    output,
    additivityError: worst,
    intercepts,
    scores,
    localPredictions,
    evaluations,
    kernelWidth: width,
  };
}

export interface LimeStability {
  /** The explained rows (positions among them) re-explained. */
  rows: number[];
  /** The other seeds. */
  seeds: number[];
  /** The size of the top sets compared. */
  topK: number;
  /** Mean Jaccard index of the top-K columns by |contribution|, over rows, outputs and seeds. */
  jaccard: number;
  /** Mean Spearman correlation of the columns' |contribution| ranks. */
  spearman: number;
  evaluations: number;
}

function ranks(v: number[]): number[] {
  const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Array<number>(v.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && v[order[j + 1]] === v[order[i]]) j++;
    for (let t = i; t <= j; t++) r[order[t]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

export function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (ra.length - 1) / 2;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < ra.length; i++) {
    cov += (ra[i] - mean) * (rb[i] - mean);
    va += (ra[i] - mean) ** 2;
    vb += (rb[i] - mean) ** 2;
  }
  // All tied on both sides is full agreement; on one side only, none.
  if (va === 0 || vb === 0) return va === vb ? 1 : 0;
  return cov / Math.sqrt(va * vb);
}

export function topJaccard(a: number[], b: number[], k: number): number {
  const top = (v: number[]) =>
    new Set(
      v
        .map((_, i) => i)
        .sort((x, y) => Math.abs(v[y]) - Math.abs(v[x]))
        .slice(0, k),
    );
  const ta = top(a);
  const tb = top(b);
  let both = 0;
  for (const i of ta) if (tb.has(i)) both++;
  return both / (ta.size + tb.size - both);
}

/** Up to `count` positions spread evenly over n rows. */
export function spreadRows(n: number, count: number): number[] {
  const m = Math.min(n, count);
  if (m <= 1) return m === 1 ? [0] : [];
  return [...new Set(Array.from({ length: m }, (_, j) => Math.round((j * (n - 1)) / (m - 1))))];
}

/**
 * Re-explains up to `rowsToCheck` of the rows with `otherSeeds` more seeds and compares each
 * with the first explanation, in the columns shown (`shown` maps encoded contributions to them):
 * the Jaccard index of the top-K columns (K = min(5, columns − 1)) and the Spearman correlation of
 * all the columns' |contribution|.
 */
export async function limeStability(
  model: BatchModel,
  outputs: number,
  rows: Float64Array,
  features: LimeFeature[],
  options: LimeOptions,
  first: ShapValues,
  shown: (values: ShapValues) => ShapValues,
  rowsToCheck = 5,
  otherSeeds = 2,
): Promise<LimeStability> {
  const M = features.length;
  const chosen = spreadRows(rows.length / M, rowsToCheck);
  const subset = new Float64Array(chosen.length * M);
  chosen.forEach((r, j) => subset.set(rows.subarray(r * M, (r + 1) * M), j * M));
  const G = first.features;
  const K = outputs;
  const topK = Math.max(1, Math.min(5, G - 1));
  const seeds = Array.from({ length: otherSeeds }, (_, s) => (options.seed + s + 1) >>> 0);
  let jaccard = 0;
  let rank = 0;
  let count = 0;
  let evaluations = 0;
  for (const seed of seeds) {
    const again = await explainLime(model, outputs, subset, features, {
      samples: options.samples,
      ...(options.kernelWidth !== undefined ? { kernelWidth: options.kernelWidth } : {}),
      ...(options.numFeatures !== undefined ? { numFeatures: options.numFeatures } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      seed,
      rowIds: chosen,
    });
    evaluations += again.evaluations;
    const grouped = shown(again);
    chosen.forEach((r, j) => {
      for (let k = 0; k < K; k++) {
        const pick = (v: ShapValues, i: number) =>
          Array.from({ length: G }, (_, c) => Math.abs(v.values[(i * G + c) * K + k]));
        const a = pick(first, r);
        const b = pick(grouped, j);
        jaccard += topJaccard(a, b, topK);
        rank += spearman(a, b);
        count++;
      }
    });
  }
  return {
    rows: chosen,
    seeds,
    topK,
    jaccard: count > 0 ? jaccard / count : 1,
    spearman: count > 0 ? rank / count : 1,
    evaluations,
  };
}

export interface LimeRun {
  values: LimeValues;
  stability: LimeStability;
  samples: number;
  numFeatures: number;
}

/**
 * The explain job's LIME: the discretiser from every training row (lime's training_data), each
 * explained row's local models, then the stability check on up to 5 rows with 2 more seeds.
 */
export async function explainLimeRows(
  model: BatchModel,
  outputs: number,
  explained: Float64Array,
  training: Float64Array,
  featureCount: number,
  options: LimeOptions & { onStability?(): void },
  shown: (values: ShapValues) => ShapValues,
): Promise<LimeRun> {
  const features = limeFeatures(training, featureCount);
  const values = await explainLime(model, outputs, explained, features, options);
  options.onStability?.();
  const stability = await limeStability(model, outputs, explained, features, options, shown(values), shown);
  return {
    values,
    stability,
    samples: Math.max(2, Math.floor(options.samples)),
    numFeatures: Math.min(featureCount, options.numFeatures ?? featureCount),
  };
}
