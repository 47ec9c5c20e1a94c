// The Tree-structured Parzen Estimator sampler: 10 random startup trials, then a Parzen
// estimator l(x) over the good trials (the best ⌈10 %⌉, at most 25) and g(x) over the rest;
// candidates drawn from l, the one with the largest l(x)/g(x) is taken. Our defaults
// (TPE_DEFAULTS) model the continuous parameters present in every trial jointly, each kernel
// with its own per-parameter bandwidth by the gap rule, score 24 candidates, and use the true
// kernel density; the others stay univariate. optunaCompat gives Optuna 3.1's TPESampler
// exactly (univariate, 24 candidates, its log-density without −log σ). Group mode: each set of
// parameters that always occur together is modelled jointly (conditional spaces). Constant liar
// counts running trials as the worst. Every random draw comes from the trial's own stream, so
// trial i's parameters depend only on the seed and the history it is shown.
import { isActive } from '../../conditions';
import { seededRandom } from '../../../seededRandom';
import { mixSeed, trialRandom } from '../../trialRandom';
import type {
  Distribution,
  ParamDef,
  ParamValue,
  Params,
  SampleRequest,
  Sampler,
  SearchSpace,
  TrialView,
} from '../../types';
import { RandomSampler, drawUniform } from '../random';
import { defaultGamma, rankTrials, type Ranked } from './observations';
import { ParzenEstimator, scaleOf, type Scale } from './parzen';

export interface TpeOptions {
  /**
   * Optuna 3.1's TPESampler exactly, numbers included: its log-density of continuous kernels
   * without −log σ (so a narrow kernel is no taller than a wide one). Off: the true density.
   */
  optunaCompat?: boolean;
  /** Optuna's consider_endpoints: the outermost kernels may take the gap to the range's end. */
  considerEndpoints?: boolean;
  /**
   * The startup trials: 'random' (Optuna's), or 'latin': trials 0 … startupTrials−1 form a Latin
   * hypercube (each parameter's range cut into startupTrials strata, each stratum used once, in
   * an order drawn from the seed), so the few first points cover every range evenly.
   */
  startup?: 'random' | 'latin';
  /** Multivariate kernels with per-parameter bandwidths by the univariate (gap) rule. */
  gapBandwidth?: boolean;
  /** The magic clip's smallest bandwidth from every considered trial, not the group's own count. */
  clipByTotal?: boolean;
  startupTrials?: number;
  eiCandidates?: number;
  multivariate?: boolean;
  group?: boolean;
  constantLiar?: boolean;
  priorWeight?: number;
  gamma?: (n: number) => number;
}

/**
 * Our defaults (see the README's "How our TPE differs from Optuna's"): the continuous parameters
 * modelled jointly with per-parameter bandwidths by the gap rule, 64 EI candidates, and the true
 * kernel density (with −log σ).
 */
export const TPE_DEFAULTS = {
  startupTrials: 10,
  eiCandidates: 24,
  multivariate: true,
  gapBandwidth: true,
  priorWeight: 1,
} as const;

/** Optuna 3.1's TPESampler() defaults (optunaCompat). */
export const OPTUNA_TPE_DEFAULTS = {
  startupTrials: 10,
  eiCandidates: 24,
  multivariate: false,
  gapBandwidth: false,
  priorWeight: 1,
} as const;

/** A parameter value in the estimator's space (log scale, category index). */
function toInternal(d: Distribution, v: ParamValue): number {
  if (d.type === 'categorical') return d.choices.indexOf(v);
  return d.log ? Math.log(v as number) : (v as number);
}

function toExternal(d: Distribution, x: number): ParamValue {
  if (d.type === 'categorical') return d.choices[x];
  if (!d.log) return d.type === 'int' ? Math.round(x) : x;
  const v = Math.exp(x);
  return d.type === 'int' ? Math.min(d.high, Math.max(d.low, Math.round(v))) : Math.min(d.high, Math.max(d.low, v));
}

/** A sampled candidate as Optuna stores it (log-int rounded), back in the estimator's space. */
function snap(d: Distribution, x: number): number {
  return d.type === 'int' && d.log ? Math.log(toExternal(d, x) as number) : x;
}

/**
 * Trial `number` (< size) of a Latin hypercube of `size` points: for each parameter, stratum
 * perm[number] of a permutation drawn from (seed, parameter position), jittered within the
 * stratum from the trial's own stream. Inactive parameters still consume their draw.
 */
function latinSample(request: SampleRequest, size: number): Params {
  const jitter = trialRandom(request.seed, request.number, 3);
  const params: Params = {};
  request.space.params.forEach((def, k) => {
    const rand = seededRandom(mixSeed(request.seed, k, 0x1a7));
    const perm = Array.from({ length: size }, (_, i) => i);
    for (let i = size - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const u = (perm[request.number] + jitter()) / size;
    if (isActive(def, params)) params[def.name] = drawUniform(def.distribution, u);
  });
  return params;
}

export class TpeSampler implements Sampler {
  readonly name = 'tpe';
  private readonly startupTrials: number;
  private readonly eiCandidates: number;
  private readonly multivariate: boolean;
  private readonly group: boolean;
  private readonly constantLiar: boolean;
  private readonly priorWeight: number;
  private readonly optunaCompat: boolean;
  private readonly considerEndpoints: boolean;
  private readonly gapBandwidth: boolean;
  private readonly clipByTotal: boolean;
  private readonly startup: 'random' | 'latin';
  private readonly gamma: (n: number) => number;
  private readonly random = new RandomSampler();
  private columnCache: { space: SearchSpace; trials: TrialView[]; values: Float64Array[] } | undefined;

  constructor(options: TpeOptions = {}) {
    const base = options.optunaCompat ? OPTUNA_TPE_DEFAULTS : TPE_DEFAULTS;
    this.startupTrials = options.startupTrials ?? base.startupTrials;
    this.eiCandidates = options.eiCandidates ?? base.eiCandidates;
    this.multivariate = options.multivariate ?? base.multivariate;
    this.group = options.group ?? false;
    this.constantLiar = options.constantLiar ?? false;
    this.priorWeight = options.priorWeight ?? base.priorWeight;
    this.optunaCompat = options.optunaCompat ?? false;
    this.considerEndpoints = options.considerEndpoints ?? false;
    this.gapBandwidth = options.gapBandwidth ?? base.gapBandwidth;
    this.clipByTotal = options.clipByTotal ?? false;
    this.startup = options.startup ?? 'random';
    this.gamma = options.gamma ?? defaultGamma;
  }

  sample(request: SampleRequest): Params {
    if (request.directions.length !== 1)
      throw new Error(
        'TPE here supports one objective; use the random sampler for several objectives (a Pareto front).',
      );
    const ranked = rankTrials(request.trials, request.directions[0], this.constantLiar, this.gamma);
    if (ranked.n < this.startupTrials)
      return this.startup === 'latin' && request.number < this.startupTrials
        ? latinSample(request, this.startupTrials)
        : this.random.sample(request);
    const rand = trialRandom(request.seed, request.number, 2);
    const params: Params = {};
    const columns = this.columns(request.space, ranked);
    const groups = this.multivariate ? this.jointGroups(request.space.params, columns) : [];
    const done = new Set<string>();
    for (const def of request.space.params) {
      if (done.has(def.name) || !isActive(def, params)) continue;
      const group = groups.find((g) => g.some((m) => m.name === def.name));
      const members = (group ?? [def]).filter((m) => m === def || (!done.has(m.name) && isActive(m, params)));
      Object.assign(params, this.sampleJointly(members, ranked, columns, rand, group !== undefined));
      for (const m of members) done.add(m.name);
    }
    return params;
  }

  /**
   * Each parameter's values over the ranked trials in the estimator's space, NaN where a trial
   * lacks it. A study shows the sampler the same trial objects call after call, so the columns of
   * the previous call are kept and only the trials from the first one that differs (by identity)
   * are converted again: a long history costs a pointer comparison per trial, not a conversion.
   */
  private columns(space: SearchSpace, ranked: Ranked): Map<string, Float64Array> {
    const defs = space.params;
    const n = ranked.trials.length;
    let cache = this.columnCache;
    if (!cache || cache.space !== space) {
      cache = { space, trials: [], values: defs.map(() => new Float64Array(0)) };
      this.columnCache = cache;
    }
    let same = 0;
    const limit = Math.min(n, cache.trials.length);
    while (same < limit && cache.trials[same] === ranked.trials[same]) same++;
    if (cache.values[0] !== undefined && cache.values[0].length < n) {
      const capacity = Math.max(n, 2 * cache.values[0].length, 64);
      cache.values = cache.values.map((old) => {
        const grown = new Float64Array(capacity);
        grown.set(old.subarray(0, same));
        return grown;
      });
    }
    for (let t = same; t < n; t++) {
      const p = ranked.trials[t].params;
      for (let k = 0; k < defs.length; k++)
        cache.values[k][t] = defs[k].name in p ? toInternal(defs[k].distribution, p[defs[k].name]) : NaN;
    }
    cache.trials = ranked.trials.slice();
    return new Map(defs.map((d, k) => [d.name, cache.values[k].subarray(0, n)]));
  }

  /**
   * The sets of parameters estimated jointly: group mode, parameters that occur in exactly the
   * same considered trials; otherwise the parameters present in every considered trial.
   */
  private jointGroups(all: readonly ParamDef[], columns: Map<string, Float64Array>): ParamDef[][] {
    let defs = all;
    const signature = (def: ParamDef) =>
      Array.from(columns.get(def.name)!, (v) => (Number.isNaN(v) ? '0' : '1')).join('');
    // With gap bandwidths, only continuous parameters are modelled jointly; integer, stepped and
    // categorical ones stay univariate (their cell masses per component would dominate the cost).
    if (this.gapBandwidth)
      defs = defs.filter((d) => d.distribution.type === 'float' && d.distribution.step === undefined);
    if (!this.group) return [defs.filter((d) => !columns.get(d.name)!.some((v) => Number.isNaN(v)))];
    const bySignature = new Map<string, ParamDef[]>();
    for (const def of defs) {
      const key = signature(def);
      if (!key.includes('1')) continue;
      bySignature.set(key, [...(bySignature.get(key) ?? []), def]);
    }
    return [...bySignature.values()];
  }

  private sampleJointly(
    members: ParamDef[],
    ranked: Ranked,
    columns: Map<string, Float64Array>,
    rand: () => number,
    multivariate: boolean,
  ): Params {
    const scales: Scale[] = members.map((m) => scaleOf(m.distribution));
    const memberColumns = members.map((m) => columns.get(m.name)!);
    const estimator = (indices: number[]) => {
      const having: number[] = [];
      for (const i of indices) {
        let all = true;
        for (const column of memberColumns) all &&= !Number.isNaN(column[i]);
        if (all) having.push(i);
      }
      const obs = memberColumns.map((column) => {
        const values = new Float64Array(having.length);
        for (let k = 0; k < having.length; k++) values[k] = column[having[k]];
        return values;
      });
      return new ParzenEstimator(scales, obs, having.length, {
        multivariate,
        priorWeight: this.priorWeight,
        dims: members.length,
        omitLogSigma: this.optunaCompat,
        considerEndpoints: this.considerEndpoints,
        gapBandwidth: this.gapBandwidth,
        ...(this.clipByTotal ? { clipCount: ranked.trials.length + 1 } : {}),
      });
    };
    const below = estimator(ranked.below);
    const above = estimator(ranked.above);
    const size = this.eiCandidates;
    const candidates = below.sample(rand, size);
    members.forEach((m, p) => {
      for (let s = 0; s < size; s++) candidates[p][s] = snap(m.distribution, candidates[p][s]);
    });
    const l = below.logPdf(candidates, size);
    const g = above.logPdf(candidates, size);
    let best = 0;
    for (let s = 1; s < size; s++) if (l[s] - g[s] > l[best] - g[best]) best = s;
    const out: Params = {};
    members.forEach((m, p) => (out[m.name] = toExternal(m.distribution, candidates[p][best])));
    return out;
  }
}
