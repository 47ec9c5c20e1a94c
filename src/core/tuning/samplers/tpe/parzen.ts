// The Parzen estimator of TPE: a weighted mixture with one component per observation (plus a
// prior component), truncated normal kernels for numeric parameters (on the log scale for log
// ranges; discretised to the grid cell for stepped and integer ones) and smoothed one-hot
// kernels for categorical ones (the kernels themselves: kernels.ts). Optuna 3.1's rules:
// univariate bandwidth = the larger gap to the sorted neighbours (endpoints not considered),
// "magic clip" to [range / min(100, 1 + n), range]; multivariate bandwidth = 0.2 n^(−1/(d+4)) ×
// range, or (gapBandwidth, our default) the univariate rule per parameter; prior N(mid, range)
// with weight 1; observation weights flat for the newest 25 and a linear ramp from 1/n for
// older ones. The density is the true one unless omitLogSigma (Optuna's, without −log σ). The
// sums over components are the sampler's hot loop: one parameter or several continuous ones are
// summed in linear space (univariateLogPdf, continuousLogPdf), anything else by log-sum-exp.
import {
  categoricalKernels,
  defaultWeights,
  numericKernels,
  roundToScale,
  type NumericKernels,
  type Scale,
} from './kernels';
import { gaussMass, logGaussMass, ndtri, ndtr } from './normal';

export { ascendingOrder, defaultWeights, roundToScale, scaleOf } from './kernels';
export type { CategoricalScale, NumericScale, Scale } from './kernels';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Components per block in the pruned sums of univariateLogPdf. */
const BLOCK = 32;

export interface EstimatorOptions {
  multivariate: boolean;
  priorWeight: number;
  /** Number of parameters estimated jointly (multivariate bandwidth); 1 for univariate. */
  dims: number;
  /**
   * Optuna 3.1's log-density: its continuous truncated-normal kernels leave out −log σ (its
   * _truncnorm.logpdf ignores `scale`), so narrow kernels are not taller than wide ones. Off by
   * default: we use the true density.
   */
  omitLogSigma?: boolean;
  /** Optuna's consider_endpoints: the outermost kernels may take the gap to the range's end. */
  considerEndpoints?: boolean;
  /**
   * Multivariate bandwidths by the univariate rule (each observation's gap to its neighbours,
   * per parameter) instead of Optuna's one 0.2·n^(−1/(d+4))·range for every kernel.
   */
  gapBandwidth?: boolean;
  /**
   * The count the magic clip divides the range by (min σ = range / min(100, 1 + count)); default
   * this estimator's components (Optuna's).
   */
  clipCount?: number;
}

export class ParzenEstimator {
  readonly weights: Float64Array;
  readonly logWeights: Float64Array;
  private readonly numeric: Array<NumericKernels | undefined>;
  private readonly categorical: Array<Float64Array | undefined>;
  private readonly omitLogSigma: boolean;

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
    this.omitLogSigma = options.omitLogSigma ?? false;
    const sigma0 = 0.2 * Math.max(n, 1) ** (-1 / (options.dims + 4));
    this.numeric = scales.map((s, p) =>
      s.kind === 'numeric'
        ? numericKernels(
            s,
            observations[p],
            n,
            options.multivariate && !options.gapBandwidth ? sigma0 : undefined,
            options.considerEndpoints ?? false,
            options.clipCount ?? n + 1,
          )
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

  /**
   * log density (mass, for discrete parameters) of each point under the mixture. One parameter
   * (univariate TPE, the hot path): the mixture summed in linear space (see univariateLogPdf);
   * several: per-component log-densities summed over parameters, then log-sum-exp.
   */
  logPdf(points: ReadonlyArray<Float64Array>, size: number): Float64Array {
    if (this.scales.length === 1) return this.univariateLogPdf(points[0], size);
    if (this.scales.every((sc) => sc.kind === 'numeric' && sc.q === undefined))
      return this.continuousLogPdf(points, size);
    return this.logPdfByComponents(points, size);
  }

  /**
   * Several continuous parameters jointly: each term exp(cᵢ − Σ_p z²ᵢₚ/2) with cᵢ the log weight
   * less each parameter's log σ and log mass, summed in linear space relative to the largest cᵢ.
   * Components are visited in the order of the first parameter's μ, in blocks: a block whose
   * first-parameter distance alone puts every term below e^−(50 + 6d) of the largest weight is
   * skipped (the prior's term is ≥ e^−6d of it, so what is skipped is < 1e−17 of the sum).
   */
  private continuousLogPdf(points: ReadonlyArray<Float64Array>, size: number): Float64Array {
    const d = this.scales.length;
    const m = this.weights.length;
    const kernels = this.numeric.map((k) => k!);
    const order = kernels[0].order;
    // Per parameter, in the first parameter's μ order: μ and 1/σ.
    const mu = kernels.map(() => new Float64Array(m));
    const inverse = kernels.map(() => new Float64Array(m));
    const c = new Float64Array(m);
    let cMax = -Infinity;
    for (let r = 0; r < m; r++) {
      const i = order[r];
      let ci = this.logWeights[i];
      for (let p = 0; p < d; p++) {
        const k = kernels[p];
        mu[p][r] = k.mus[i];
        inverse[p][r] = 1 / k.sigmas[i];
        ci -= (this.omitLogSigma ? 0 : Math.log(k.sigmas[i])) + k.logMass[i];
      }
      c[r] = ci;
      if (ci > cMax) cMax = ci;
    }
    const floor = -(50 + 6 * d);
    const blocks = Math.ceil(m / BLOCK);
    const blockC = new Float64Array(blocks).fill(-Infinity);
    const blockInverse = new Float64Array(blocks).fill(Infinity);
    for (let r = 0; r < m; r++) {
      c[r] -= cMax;
      const b = (r / BLOCK) | 0;
      if (c[r] > blockC[b]) blockC[b] = c[r];
      if (inverse[0][r] < blockInverse[b]) blockInverse[b] = inverse[0][r];
    }
    const out = new Float64Array(size);
    const t = new Float64Array(BLOCK);
    const mu0 = mu[0];
    for (let s = 0; s < size; s++) {
      const x0 = points[0][s];
      let sum = 0;
      for (let b = 0; b < blocks; b++) {
        const first = b * BLOCK;
        const end = Math.min(m, first + BLOCK);
        const lo = mu0[first];
        const hi = mu0[end - 1];
        const gap = x0 < lo ? lo - x0 : x0 > hi ? x0 - hi : 0;
        const zMin = gap * blockInverse[b];
        if (blockC[b] - 0.5 * zMin * zMin <= floor) continue;
        const width = end - first;
        for (let j = 0; j < width; j++) t[j] = c[first + j];
        for (let p = 0; p < d; p++) {
          const xp = points[p][s];
          const mup = mu[p];
          const invp = inverse[p];
          for (let j = 0; j < width; j++) {
            const z = (xp - mup[first + j]) * invp[first + j];
            t[j] -= 0.5 * z * z;
          }
        }
        for (let j = 0; j < width; j++) {
          const tj = t[j];
          if (tj > floor) sum += Math.exp(tj);
        }
      }
      out[s] = Math.log(sum) + cMax - d * LOG_SQRT_2PI;
    }
    return out;
  }

  /** The log-density the general way (every component's log-density, then log-sum-exp). */
  logPdfByComponents(points: ReadonlyArray<Float64Array>, size: number): Float64Array {
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
      const offsets = new Float64Array(m);
      const inverse = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        inverse[i] = 1 / sigmas[i];
        offsets[i] = (scale.q === undefined && !this.omitLogSigma ? -Math.log(sigmas[i]) : 0) - logMass[i];
      }
      for (let s = 0; s < size; s++) {
        const x = xs[s];
        const row = s * m;
        if (scale.q === undefined) {
          for (let i = 0; i < m; i++) {
            const z = (x - mus[i]) * inverse[i];
            component[row + i] += offsets[i] - 0.5 * z * z - LOG_SQRT_2PI;
          }
        } else {
          const upper = Math.min(x + scale.q / 2, scale.high);
          const lower = Math.max(x - scale.q / 2, scale.low);
          for (let i = 0; i < m; i++) {
            const a = (lower - mus[i]) * inverse[i];
            const b = (upper - mus[i]) * inverse[i];
            const mass = gaussMass(a, b);
            // Far in a tail the linear mass underflows or loses digits: the log-space form there.
            component[row + i] += (mass > 1e-280 ? Math.log(mass) : logGaussMass(a, b)) + offsets[i];
          }
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

  /**
   * One parameter's mixture density Σ wᵢ kᵢ(x), summed directly. Continuous: each term is
   * exp(cᵢ − z²/2 − c_max) with cᵢ = log wᵢ − log σᵢ − log massᵢ, so the sum never underflows
   * (the prior's term, at most half a bandwidth from any x, is within e^−7 of the largest).
   * Discrete: components with the same (μ, σ) — most of them, once observations repeat grid
   * values — are merged into one of their summed weight first, and each term's cell mass is a
   * difference of erfc taken from the nearer tail. Categorical: Σ wᵢ rowᵢ[c] once per choice.
   */
  private univariateLogPdf(xs: Float64Array, size: number): Float64Array {
    const scale = this.scales[0];
    const out = new Float64Array(size);
    const m = this.weights.length;
    if (scale.kind === 'categorical') {
      const k = scale.choices;
      const row = this.categorical[0]!;
      const byChoice = new Float64Array(k);
      for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) byChoice[c] += this.weights[i] * row[i * k + c];
      for (let s = 0; s < size; s++) out[s] = Math.log(byChoice[xs[s]]);
      return out;
    }
    const { mus, sigmas, logMass, order } = this.numeric[0]!;
    if (scale.q === undefined) {
      // Terms in μ order, in blocks of BLOCK: a block whose largest possible term (its largest
      // cᵢ, at its nearest μ with its widest σ) is below e^−50 of the largest weight is skipped
      // whole; so is any single such term. Each skipped term is < 1e−15 of the sum (the prior's
      // term is ≥ e^−7 of the largest weight), even 10,000 of them together.
      const mu = new Float64Array(m);
      const inverse = new Float64Array(m);
      const c = new Float64Array(m);
      let cMax = -Infinity;
      for (let r = 0; r < m; r++) {
        const i = order[r];
        mu[r] = mus[i];
        inverse[r] = 1 / sigmas[i];
        c[r] = this.logWeights[i] - (this.omitLogSigma ? 0 : Math.log(sigmas[i])) - logMass[i];
        if (c[r] > cMax) cMax = c[r];
      }
      const blocks = Math.ceil(m / BLOCK);
      const blockC = new Float64Array(blocks).fill(-Infinity);
      const blockInverse = new Float64Array(blocks).fill(Infinity);
      for (let r = 0; r < m; r++) {
        c[r] -= cMax;
        const b = (r / BLOCK) | 0;
        if (c[r] > blockC[b]) blockC[b] = c[r];
        if (inverse[r] < blockInverse[b]) blockInverse[b] = inverse[r];
      }
      for (let s = 0; s < size; s++) {
        const x = xs[s];
        let sum = 0;
        for (let b = 0; b < blocks; b++) {
          const first = b * BLOCK;
          const last = Math.min(m, first + BLOCK) - 1;
          const gap = x < mu[first] ? mu[first] - x : x > mu[last] ? x - mu[last] : 0;
          const zMin = gap * blockInverse[b];
          if (blockC[b] - 0.5 * zMin * zMin <= -50) continue;
          for (let r = first; r <= last; r++) {
            const z = (x - mu[r]) * inverse[r];
            const t = c[r] - 0.5 * z * z;
            if (t > -50) sum += Math.exp(t);
          }
        }
        out[s] = Math.log(sum) + cMax - LOG_SQRT_2PI;
      }
      return out;
    }
    // Merge components with equal (μ, σ): adjacent in μ order.
    const gMu: number[] = [];
    const gInverse: number[] = [];
    const gWeight: number[] = [];
    for (let r = 0; r < m; r++) {
      const i = order[r];
      const g = gMu.length - 1;
      const w = this.weights[i] / Math.exp(logMass[i]);
      if (g >= 0 && gMu[g] === mus[i] && gInverse[g] === 1 / sigmas[i]) gWeight[g] += w;
      else {
        gMu.push(mus[i]);
        gInverse.push(1 / sigmas[i]);
        gWeight.push(w);
      }
    }
    const half = scale.q / 2;
    for (let s = 0; s < size; s++) {
      const x = xs[s];
      const upper = Math.min(x + half, scale.high);
      const lower = Math.max(x - half, scale.low);
      let sum = 0;
      for (let g = 0; g < gMu.length; g++)
        sum += gWeight[g] * gaussMass((lower - gMu[g]) * gInverse[g], (upper - gMu[g]) * gInverse[g]);
      out[s] = Math.log(sum);
    }
    return out;
  }
}
