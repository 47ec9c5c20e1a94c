// The Parzen estimator of TPE: a weighted mixture with one component per observation (plus a
// prior component), truncated normal kernels for numeric parameters (on the log scale for log
// ranges; discretised to the grid cell for stepped and integer ones) and smoothed one-hot
// kernels for categorical ones. Bandwidths and weights follow Optuna 3.1's defaults:
// univariate bandwidth = the larger gap to the sorted neighbours (endpoints not considered),
// "magic clip" to [range / min(100, 1 + n), range]; multivariate bandwidth = 0.2 n^(−1/(d+4)) ×
// range; prior N(mid, range) with weight 1; observation weights flat for the newest 25 and a
// linear ramp from 1/n for older ones.
import type { Distribution } from '../../types';
import { logGaussMass, logPhi, ndtri, ndtr } from './normal';

/** A numeric parameter in the estimator's space: bounds, and the grid cell width when discrete. */
export interface NumericScale {
  kind: 'numeric';
  low: number;
  high: number;
  q?: number;
  log: boolean;
}
export interface CategoricalScale {
  kind: 'categorical';
  choices: number;
}
export type Scale = NumericScale | CategoricalScale;

export function scaleOf(d: Distribution): Scale {
  if (d.type === 'categorical') return { kind: 'categorical', choices: d.choices.length };
  if (d.type === 'float') {
    if (d.log) return { kind: 'numeric', low: Math.log(d.low), high: Math.log(d.high), log: true };
    if (d.step !== undefined)
      return { kind: 'numeric', low: d.low - d.step / 2, high: d.high + d.step / 2, q: d.step, log: false };
    return { kind: 'numeric', low: d.low, high: d.high, log: false };
  }
  if (d.log) return { kind: 'numeric', low: Math.log(d.low - 0.5), high: Math.log(d.high + 0.5), log: true };
  const q = d.step ?? 1;
  return { kind: 'numeric', low: d.low - q / 2, high: d.high + q / 2, q, log: false };
}

/** Optuna's default observation weights: a ramp from 1/n for all but the newest 25, then 1. */
export function defaultWeights(n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (n >= 25) {
    const ramp = n - 25;
    for (let i = 0; i < ramp; i++) w[i] = ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1);
  }
  return w;
}

interface NumericKernels {
  mus: Float64Array;
  sigmas: Float64Array;
  /** log of each component's mass inside [low, high]. */
  logMass: Float64Array;
}

export interface EstimatorOptions {
  multivariate: boolean;
  priorWeight: number;
  /** Number of parameters estimated jointly (multivariate bandwidth); 1 for univariate. */
  dims: number;
}

export class ParzenEstimator {
  readonly weights: Float64Array;
  readonly logWeights: Float64Array;
  private readonly numeric: Array<NumericKernels | undefined>;
  private readonly categorical: Array<Float64Array | undefined>;

  /**
   * `observations[p][i]`: parameter p of observation i, in the estimator's space (log applied,
   * category index). Every observation has every parameter (the caller filters).
   */
  constructor(
    readonly scales: readonly Scale[],
    observations: ReadonlyArray<Float64Array>,
    readonly n: number,
    options: EstimatorOptions,
  ) {
    const m = n + 1; // the prior is always a component (Optuna's consider_prior)
    const base = defaultWeights(n);
    this.weights = new Float64Array(m);
    let total = 0;
    for (let i = 0; i < n; i++) total += this.weights[i] = base[i];
    total += this.weights[n] = options.priorWeight;
    this.logWeights = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      this.weights[i] /= total;
      this.logWeights[i] = Math.log(this.weights[i]);
    }
    const sigma0 = 0.2 * Math.max(n, 1) ** (-1 / (options.dims + 4));
    this.numeric = scales.map((s, p) =>
      s.kind === 'numeric'
        ? numericKernels(s, observations[p], n, options.multivariate ? sigma0 : undefined)
        : undefined,
    );
    this.categorical = scales.map((s, p) =>
      s.kind === 'categorical' ? categoricalKernels(s.choices, observations[p], n, options.priorWeight) : undefined,
    );
  }

  /** Draws `size` points (estimator space, discrete values rounded to their grid) with `rand` uniform in [0, 1). */
  sample(rand: () => number, size: number): Float64Array[] {
    const out = this.scales.map(() => new Float64Array(size));
    const cumulative = new Float64Array(this.weights.length);
    let acc = 0;
    for (let i = 0; i < this.weights.length; i++) cumulative[i] = acc += this.weights[i];
    for (let s = 0; s < size; s++) {
      const u = rand() * acc;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      const component = lo;
      this.scales.forEach((scale, p) => {
        if (scale.kind === 'categorical') {
          const k = scale.choices;
          const row = this.categorical[p]!;
          const v = rand();
          let c = 0;
          let sum = row[component * k];
          while (c < k - 1 && sum < v) sum += row[component * k + ++c];
          out[p][s] = c;
        } else {
          const { mus, sigmas } = this.numeric[p]!;
          const mu = mus[component];
          const sigma = sigmas[component];
          const a = ndtr((scale.low - mu) / sigma);
          const b = ndtr((scale.high - mu) / sigma);
          let x = mu + sigma * ndtri(a + rand() * (b - a));
          if (!Number.isFinite(x)) x = mu;
          out[p][s] = roundToScale(scale, Math.min(scale.high, Math.max(scale.low, x)));
        }
      });
    }
    return out;
  }

  /** log density (mass, for discrete parameters) of each point under the mixture. */
  logPdf(points: ReadonlyArray<Float64Array>, size: number): Float64Array {
    const m = this.weights.length;
    const component = new Float64Array(size * m);
    for (let s = 0; s < size; s++) component.set(this.logWeights, s * m);
    this.scales.forEach((scale, p) => {
      const xs = points[p];
      if (scale.kind === 'categorical') {
        const k = scale.choices;
        const row = this.categorical[p]!;
        for (let s = 0; s < size; s++) {
          const c = xs[s];
          for (let i = 0; i < m; i++) component[s * m + i] += Math.log(row[i * k + c]);
        }
        return;
      }
      const { mus, sigmas, logMass } = this.numeric[p]!;
      for (let s = 0; s < size; s++) {
        const x = xs[s];
        if (scale.q === undefined) {
          for (let i = 0; i < m; i++) {
            const z = (x - mus[i]) / sigmas[i];
            component[s * m + i] += logPhi(z) - Math.log(sigmas[i]) - logMass[i];
          }
        } else {
          const upper = Math.min(x + scale.q / 2, scale.high);
          const lower = Math.max(x - scale.q / 2, scale.low);
          for (let i = 0; i < m; i++)
            component[s * m + i] +=
              logGaussMass((lower - mus[i]) / sigmas[i], (upper - mus[i]) / sigmas[i]) - logMass[i];
        }
      }
    });
    const out = new Float64Array(size);
    for (let s = 0; s < size; s++) {
      let max = -Infinity;
      for (let i = 0; i < m; i++) max = Math.max(max, component[s * m + i]);
      let sum = 0;
      for (let i = 0; i < m; i++) sum += Math.exp(component[s * m + i] - max);
      out[s] = Math.log(sum) + max;
    }
    return out;
  }
}

/** A sampled value snapped to the parameter's grid (stepped floats and ints), as Optuna stores it. */
export function roundToScale(scale: NumericScale, x: number): number {
  if (scale.q === undefined) return x;
  const low = scale.low + scale.q / 2;
  const high = scale.high - scale.q / 2;
  return Math.min(high, Math.max(low, low + Math.round((x - low) / scale.q) * scale.q));
}

function numericKernels(scale: NumericScale, obs: Float64Array, n: number, sigma0?: number): NumericKernels {
  const { low, high } = scale;
  const m = n + 1;
  const mus = new Float64Array(m);
  mus.set(obs.subarray(0, n));
  mus[n] = 0.5 * (low + high);
  const sigmas = new Float64Array(m);
  if (sigma0 !== undefined) sigmas.fill(sigma0 * (high - low));
  else {
    const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => mus[a] - mus[b] || a - b);
    const sorted = order.map((i) => mus[i]);
    for (let r = 0; r < m; r++) {
      const left = sorted[r] - (r === 0 ? low : sorted[r - 1]);
      const right = (r === m - 1 ? high : sorted[r + 1]) - sorted[r];
      sigmas[order[r]] = Math.max(left, right);
    }
    if (m + 2 >= 4) {
      // Endpoints not considered: the outermost kernels take the gap to their inner neighbour.
      sigmas[order[0]] = sorted[1] - sorted[0];
      sigmas[order[m - 1]] = sorted[m - 1] - sorted[m - 2];
    }
  }
  const maxSigma = high - low;
  const minSigma = (high - low) / Math.min(100, 1 + m);
  for (let i = 0; i < m; i++) sigmas[i] = Math.min(maxSigma, Math.max(minSigma, sigmas[i]));
  sigmas[n] = high - low; // the prior's bandwidth
  const logMass = new Float64Array(m);
  for (let i = 0; i < m; i++) logMass[i] = logGaussMass((low - mus[i]) / sigmas[i], (high - mus[i]) / sigmas[i]);
  return { mus, sigmas, logMass };
}

function categoricalKernels(k: number, obs: Float64Array, n: number, priorWeight: number): Float64Array {
  const m = n + 1;
  const value = priorWeight / m;
  const rows = new Float64Array(m * k).fill(value);
  for (let i = 0; i < n; i++) rows[i * k + obs[i]] += 1;
  for (let i = 0; i < m; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += rows[i * k + c];
    for (let c = 0; c < k; c++) rows[i * k + c] /= sum;
  }
  return rows;
}
