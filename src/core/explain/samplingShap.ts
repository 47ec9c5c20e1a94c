// Model-agnostic Shapley values by sampling permutations (Štrumbelj & Kononenko), with antithetic
// pairs: each sample is a random order of the features and a background row z (each background
// row used equally often, the remainder at random); walking
// the order, the features switch one by one from z's values to the row's, and each feature's
// contribution is the change of the model's output when it switches. The same order reversed is
// the pair's second half (its errors tend to cancel the first's). The estimate is the mean over
// pairs, its standard error the pairs' standard deviation / √pairs, and it costs 2·(M + 1) model
// evaluations per pair, all of a row's sent to the model as one batch (several rows' when
// batchRows allows).
// Each permutation's contributions add up to f(x) − f(z) exactly; the estimate then adds up to
// f(x) − mean f(z) over the sampled z, not over the whole background. The small residual
// against the whole background's mean is spread over the features in proportion to their
// estimate's variance (as shap's estimators do), so base + Σ φ = f(x) holds exactly; the standard
// errors are those of the estimate before that adjustment.
import { seededRandom } from '../seededRandom';
import type { ShapValues } from './treeExplainer';
import { withAdditivity } from './additivity';

/** The model on a batch of rows (row-major n × features) → outputs (row-major n × outputs). */
export type BatchModel = (rows: Float64Array, n: number) => Float64Array | Promise<Float64Array>;

export interface SamplingOptions {
  /** Antithetic pairs per row (each 2·(M + 1) evaluations). */
  pairs: number;
  seed: number;
  /** Rows per model call at most: the hybrids of several explained rows go together (default: one row's). */
  batchRows?: number;
  signal?: AbortSignal;
  onRow?(done: number): void;
}

export interface SampledShapValues extends ShapValues {
  /** Same layout as `values`. */
  standardErrors: Float64Array;
  /** Model evaluations (rows the model scored), in all. */
  evaluations: number;
}

function shuffle(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}

/**
 * Row i's hybrid rows into `batch` at `at`: for pair p, half h (0 forward, 1 reversed), step
 * s = 0..M; returns the pairs' orders. The same seed and row number give the same orders and
 * background rows on every machine, whatever else is in the batch.
 */
function hybridRows(
  rows: Float64Array,
  i: number,
  M: number,
  background: Float64Array,
  pairs: number,
  seed: number,
  batch: Float64Array,
  at: number,
): Int32Array[] {
  const B = background.length / M;
  const perPair = 2 * (M + 1);
  const x = rows.subarray(i * M, (i + 1) * M);
  const random = seededRandom((seed * 1_000_003 + i) >>> 0);
  const orders = Array.from({ length: pairs }, () => {
    const order = Int32Array.from({ length: M }, (_, f) => f);
    shuffle(order, random);
    return order;
  });
  // Background rows stratified: each one used equally often, the remainder drawn at random.
  const zIndex = Int32Array.from({ length: pairs }, (_, p) =>
    p < pairs - (pairs % B) ? p % B : Math.floor(random() * B),
  );
  for (let p = 0; p < pairs; p++) {
    const z = background.subarray(zIndex[p] * M, (zIndex[p] + 1) * M);
    for (let h = 0; h < 2; h++) {
      const start = at + (p * perPair + h * (M + 1)) * M;
      batch.set(z, start);
      for (let s = 1; s <= M; s++) {
        const to = start + s * M;
        batch.copyWithin(to, to - M, to);
        const f = h === 0 ? orders[p][s - 1] : orders[p][M - s];
        batch[to + f] = x[f];
      }
    }
  }
  return orders;
}

export async function explainSampling(
  model: BatchModel,
  outputs: number,
  rows: Float64Array,
  features: number,
  background: Float64Array,
  options: SamplingOptions,
): Promise<SampledShapValues> {
  const M = features;
  const n = rows.length / M;
  const B = background.length / M;
  if (B === 0) throw new Error('The sampling explainer needs at least one background row.');
  const pairs = Math.max(2, Math.floor(options.pairs));
  const backgroundOut = await model(background, B);
  const base = new Float64Array(outputs);
  for (let j = 0; j < B; j++) for (let k = 0; k < outputs; k++) base[k] += backgroundOut[j * outputs + k] / B;
  const values = new Float64Array(n * M * outputs);
  const standardErrors = new Float64Array(n * M * outputs);
  const output = new Float64Array(n * outputs);
  const perPair = 2 * (M + 1);
  const sum = new Float64Array(M * outputs);
  const sumSq = new Float64Array(M * outputs);
  const pairValue = new Float64Array(M * outputs);
  let evaluations = B;
  // Rows explained per model call: a model behind a process (an external predictor) pays its
  // start-up once per call, so as many rows' hybrids as `batchRows` allows go together. Each row
  // draws its orders from its own seed, so the grouping never changes the result.
  const perRow = pairs * perPair;
  const group = Math.max(1, Math.min(n, Math.floor((options.batchRows ?? perRow) / perRow)));
  let batch = new Float64Array(0);
  const orders: Int32Array[][] = [];
  for (let first = 0; first < n; first += group) {
    options.signal?.throwIfAborted();
    const count = Math.min(group, n - first);
    if (batch.length < count * perRow * M) batch = new Float64Array(count * perRow * M);
    for (let g = 0; g < count; g++)
      orders[g] = hybridRows(rows, first + g, M, background, pairs, options.seed, batch, g * perRow * M);
    const out = await model(batch.subarray(0, count * perRow * M), count * perRow);
    evaluations += count * perRow;
    for (let g = 0; g < count; g++) {
      const i = first + g;
      reduceRow(out.subarray(g * perRow * outputs, (g + 1) * perRow * outputs), orders[g], i);
      options.onRow?.(i + 1);
    }
  }

  function reduceRow(out: Float64Array, rowOrders: Int32Array[], i: number): void {
    sum.fill(0);
    sumSq.fill(0);
    for (let p = 0; p < pairs; p++) {
      pairValue.fill(0);
      for (let h = 0; h < 2; h++) {
        const start = p * perPair + h * (M + 1);
        for (let s = 1; s <= M; s++) {
          const f = h === 0 ? rowOrders[p][s - 1] : rowOrders[p][M - s];
          for (let k = 0; k < outputs; k++)
            pairValue[f * outputs + k] += 0.5 * (out[(start + s) * outputs + k] - out[(start + s - 1) * outputs + k]);
        }
      }
      for (let j = 0; j < M * outputs; j++) {
        sum[j] += pairValue[j];
        sumSq[j] += pairValue[j] * pairValue[j];
      }
    }
    // f(x): the last step of any half is x itself.
    for (let k = 0; k < outputs; k++) output[i * outputs + k] = out[M * outputs + k];
    for (let k = 0; k < outputs; k++) {
      let total = 0;
      let varianceTotal = 0;
      const variance = new Float64Array(M);
      for (let f = 0; f < M; f++) {
        const j = f * outputs + k;
        const mean = sum[j] / pairs;
        const v = Math.max(0, (sumSq[j] / pairs - mean * mean) * (pairs / (pairs - 1)));
        variance[f] = v / pairs;
        varianceTotal += variance[f];
        total += mean;
        values[(i * M + f) * outputs + k] = mean;
        standardErrors[(i * M + f) * outputs + k] = Math.sqrt(v / pairs);
      }
      const residual = output[i * outputs + k] - base[k] - total;
      for (let f = 0; f < M; f++) {
        const share = varianceTotal > 0 ? variance[f] / varianceTotal : 1 / M;
        values[(i * M + f) * outputs + k] += residual * share;
      }
    }
  }
  return {
    ...withAdditivity({ rows: n, features: M, outputs, values, base, output, additivityError: 0 }),
    standardErrors,
    evaluations,
  };
}
