// KernelSHAP (Lundberg & Lee 2017): the Shapley values as the weighted least-squares fit of the
// coalitions' values, v(S) ≈ v(∅) + Σ_{i∈S} φ_i, with the Shapley kernel
// π(S) = (M − 1) / (C(M, |S|)·|S|·(M − |S|)) and Σ φ = v(N) − v(∅) enforced exactly. A coalition's
// value is the model's output on the hybrid rows (the row on S, each background row elsewhere),
// averaged with the background's weights — a k-means summary of the training rows (centres
// weighted by cluster size) keeps that to a few model evaluations per coalition. Every coalition
// is enumerated when the budget allows (then the fit is exact), else coalitions are sampled:
// sizes in proportion to the kernel, members uniformly, each with its complement. The standard
// error of each value is the spread over bootstrap resamples of the sampled coalitions (0 when
// enumerated). All of a row's hybrid rows go to the model in one batch (several rows' when
// batchRows allows).
import { seededRandom } from '../seededRandom';
import type { BatchModel, SampledShapValues } from './samplingShap';
import { withAdditivity } from './additivity';

export interface KernelOptions {
  /** Coalitions per row at most (besides ∅ and N); every one of the 2^M − 2 when it fits. */
  coalitions: number;
  seed: number;
  bootstrap?: number;
  /** Rows per model call at most: the hybrids of several explained rows go together (default: one row's). */
  batchRows?: number;
  signal?: AbortSignal;
  onRow?(done: number): void;
}

/** k-means (k-means++ start, Lloyd's iterations) of row-major rows: centres and their weights. */
export function kmeansSummary(
  rows: Float64Array,
  features: number,
  k: number,
  seed: number,
): { centres: Float64Array; weights: Float64Array } {
  const n = rows.length / features;
  if (n <= k) return { centres: rows.slice(), weights: new Float64Array(n).fill(1 / n) };
  const random = seededRandom(seed);
  const centres = new Float64Array(k * features);
  const d2 = new Float64Array(n).fill(Infinity);
  const dist = (i: number, c: number) => {
    let s = 0;
    for (let f = 0; f < features; f++) {
      const d = rows[i * features + f] - centres[c * features + f];
      s += d * d;
    }
    return s;
  };
  centres.set(rows.subarray(0, features), 0);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += d2[i] = Math.min(d2[i], dist(i, c - 1));
    let pick = random() * total;
    let chosen = n - 1;
    for (let i = 0; i < n; i++)
      if ((pick -= d2[i]) <= 0) {
        chosen = i;
        break;
      }
    centres.set(rows.subarray(chosen * features, (chosen + 1) * features), c * features);
  }
  const assign = new Int32Array(n);
  const counts = new Float64Array(k);
  for (let iteration = 0; iteration < 50; iteration++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = dist(i, c);
        if (d < bestD) [best, bestD] = [c, d];
      }
      if (assign[i] !== best) moved = true;
      assign[i] = best;
    }
    centres.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      counts[assign[i]]++;
      for (let f = 0; f < features; f++) centres[assign[i] * features + f] += rows[i * features + f];
    }
    for (let c = 0; c < k; c++) for (let f = 0; f < features; f++) centres[c * features + f] /= Math.max(1, counts[c]);
    if (!moved && iteration > 0) break;
  }
  return { centres, weights: counts.map((c) => c / n) };
}

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** The coalitions of a row: masks as 0/1 rows (count × M) and their regression weights. */
function coalitionsFor(
  M: number,
  budget: number,
  random: () => number,
): { z: Uint8Array; w: Float64Array; exact: boolean } {
  const all = 2 ** M - 2;
  if (all <= budget) {
    const z = new Uint8Array(all * M);
    const w = new Float64Array(all);
    for (let mask = 1; mask <= all; mask++) {
      let size = 0;
      for (let f = 0; f < M; f++) {
        if (!(mask & (1 << f))) continue;
        z[(mask - 1) * M + f] = 1;
        size++;
      }
      w[mask - 1] = (M - 1) / (choose(M, size) * size * (M - size));
    }
    return { z, w, exact: true };
  }
  const sizes = Array.from({ length: M - 1 }, (_, i) => i + 1);
  const mass = sizes.map((s) => (M - 1) / (s * (M - s)));
  const total = mass.reduce((a, b) => a + b, 0);
  const count = Math.max(2, budget - (budget % 2));
  const z = new Uint8Array(count * M);
  const order = Int32Array.from({ length: M }, (_, i) => i);
  for (let c = 0; c < count; c += 2) {
    let pick = random() * total;
    let size = sizes[sizes.length - 1];
    for (let i = 0; i < sizes.length; i++)
      if ((pick -= mass[i]) <= 0) {
        size = sizes[i];
        break;
      }
    for (let i = M - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let f = 0; f < M; f++) {
      const inS = order[f] < size ? 1 : 0;
      z[c * M + f] = inS;
      z[(c + 1) * M + f] = 1 - inS;
    }
  }
  return { z, w: new Float64Array(count).fill(1), exact: false };
}

/** Weighted least squares with Σφ = delta, for each output: φ (M × K) from coalitions `use`. */
function solve(
  z: Uint8Array,
  w: Float64Array,
  use: ArrayLike<number>,
  values: Float64Array,
  base: Float64Array,
  delta: Float64Array,
  M: number,
  K: number,
): Float64Array {
  const P = M - 1;
  const A = new Float64Array(P * P);
  const b = new Float64Array(P * K);
  for (let u = 0; u < use.length; u++) {
    const s = use[u];
    const zm = z[s * M + P];
    const weight = w[s];
    for (let i = 0; i < P; i++) {
      const xi = z[s * M + i] - zm;
      if (xi === 0) continue;
      for (let j = 0; j < P; j++) A[i * P + j] += weight * xi * (z[s * M + j] - zm);
      for (let k = 0; k < K; k++) b[i * K + k] += weight * xi * (values[s * K + k] - base[k] - zm * delta[k]);
    }
  }
  // Gaussian elimination with partial pivoting (a tiny ridge keeps an unlucky sample solvable).
  for (let i = 0; i < P; i++) A[i * P + i] += 1e-12;
  for (let col = 0; col < P; col++) {
    let pivot = col;
    for (let r = col + 1; r < P; r++) if (Math.abs(A[r * P + col]) > Math.abs(A[pivot * P + col])) pivot = r;
    if (pivot !== col) {
      for (let j = 0; j < P; j++) [A[col * P + j], A[pivot * P + j]] = [A[pivot * P + j], A[col * P + j]];
      for (let k = 0; k < K; k++) [b[col * K + k], b[pivot * K + k]] = [b[pivot * K + k], b[col * K + k]];
    }
    for (let r = col + 1; r < P; r++) {
      const factor = A[r * P + col] / A[col * P + col];
      if (factor === 0) continue;
      for (let j = col; j < P; j++) A[r * P + j] -= factor * A[col * P + j];
      for (let k = 0; k < K; k++) b[r * K + k] -= factor * b[col * K + k];
    }
  }
  const phi = new Float64Array(M * K);
  for (let k = 0; k < K; k++) {
    for (let i = P - 1; i >= 0; i--) {
      let s = b[i * K + k];
      for (let j = i + 1; j < P; j++) s -= A[i * P + j] * phi[j * K + k];
      phi[i * K + k] = s / A[i * P + i];
    }
    let sum = 0;
    for (let i = 0; i < P; i++) sum += phi[i * K + k];
    phi[P * K + k] = delta[k] - sum;
  }
  return phi;
}

export async function explainKernel(
  model: BatchModel,
  outputs: number,
  rows: Float64Array,
  features: number,
  background: { centres: Float64Array; weights: Float64Array },
  options: KernelOptions,
): Promise<SampledShapValues> {
  const M = features;
  const K = outputs;
  const n = rows.length / M;
  const B = background.weights.length;
  const bgOut = await model(background.centres, B);
  const base = new Float64Array(K);
  for (let j = 0; j < B; j++) for (let k = 0; k < K; k++) base[k] += background.weights[j] * bgOut[j * K + k];
  const values = new Float64Array(n * M * K);
  const standardErrors = new Float64Array(n * M * K);
  const output = new Float64Array(n * K);
  let evaluations = B;
  const resamples = options.bootstrap ?? 30;
  // Rows explained per model call: the hybrids of as many rows as `batchRows` allows go together
  // (a model behind a process pays its start-up once per call). Each row draws from its own seed,
  // coalitions before the call and bootstrap resamples after, so grouping never changes a value.
  const limit = options.batchRows ?? 0;
  for (let first = 0; first < n;) {
    options.signal?.throwIfAborted();
    const group: Array<ReturnType<typeof coalitionsFor> & { i: number; random: () => number; at: number }> = [];
    let size = 0;
    while (first + group.length < n) {
      const i = first + group.length;
      const random = seededRandom((options.seed * 2_654_435 + i) >>> 0);
      const drawn = coalitionsFor(M, Math.max(2, options.coalitions), random);
      const rowSize = 1 + drawn.w.length * B;
      if (group.length > 0 && size + rowSize > limit) break;
      group.push({ ...drawn, i, random, at: size });
      size += rowSize;
    }
    // Hybrid rows of each row: the row itself, then each coalition × each background centre.
    const batch = new Float64Array(size * M);
    for (const { i, z, w, at } of group) {
      const x = rows.subarray(i * M, (i + 1) * M);
      batch.set(x, at * M);
      for (let s = 0; s < w.length; s++)
        for (let j = 0; j < B; j++) {
          const to = (at + 1 + s * B + j) * M;
          for (let f = 0; f < M; f++) batch[to + f] = z[s * M + f] ? x[f] : background.centres[j * M + f];
        }
    }
    const all = await model(batch, size);
    evaluations += size;
    for (const { i, z, w, exact, random, at } of group) {
      const count = w.length;
      const out = all.subarray(at * K, (at + 1 + count * B) * K);
      const v = new Float64Array(count * K);
      for (let s = 0; s < count; s++)
        for (let j = 0; j < B; j++)
          for (let k = 0; k < K; k++) v[s * K + k] += background.weights[j] * out[(1 + s * B + j) * K + k];
      const delta = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        output[i * K + k] = out[k];
        delta[k] = out[k] - base[k];
      }
      const everything = Int32Array.from({ length: count }, (_, s) => s);
      const phi = solve(z, w, everything, v, base, delta, M, K);
      values.set(phi, i * M * K);
      if (!exact && resamples > 1) {
        const sum = new Float64Array(M * K);
        const sumSq = new Float64Array(M * K);
        const pick = new Int32Array(count);
        for (let r = 0; r < resamples; r++) {
          // Resample the pairs (a coalition with its complement), as they were drawn.
          for (let p = 0; p < count; p += 2) {
            const q = 2 * Math.floor(random() * (count / 2));
            pick[p] = q;
            pick[p + 1] = q + 1;
          }
          const again = solve(z, w, pick, v, base, delta, M, K);
          for (let j = 0; j < M * K; j++) {
            sum[j] += again[j];
            sumSq[j] += again[j] * again[j];
          }
        }
        for (let j = 0; j < M * K; j++) {
          const mean = sum[j] / resamples;
          standardErrors[i * M * K + j] = Math.sqrt(
            Math.max(0, sumSq[j] / resamples - mean * mean) * (resamples / (resamples - 1)),
          );
        }
      }
      options.onRow?.(i + 1);
    }
    first += group.length;
  }
  return {
    ...withAdditivity({ rows: n, features: M, outputs: K, values, base, output, additivityError: 0 }),
    standardErrors,
    evaluations,
  };
}
