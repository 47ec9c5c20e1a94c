// Parameter importance by PED-ANOVA (Watanabe et al., 2023: "PED-ANOVA: Efficiently quantifying
// hyperparameter importance in arbitrary subspaces"), not fANOVA: it needs no surrogate forest,
// costs O(trials × grid) per parameter, and so stays live at 10,000 trials. Exactly:
//   - per parameter, the complete trials where it is active with a finite first value: "all";
//     the best ⌈quantile × n⌉ of them (at least 2, ties to the lower number): "top";
//   - each set's density of the parameter on a grid of its domain: a numeric parameter (in log
//     space when `log`) on `gridSize` evenly spaced points (an int or stepped one on its own
//     values when they are fewer), from a Gaussian KDE with Scott's bandwidth
//     std(ddof = 1) × n^(−1/5) (SciPy's gaussian_kde default; a set with no spread gets the
//     domain's width / gridSize), normalised to sum to 1 over the grid; a categorical one from
//     its counts plus one (Laplace), normalised;
//   - the importance is the Pearson divergence of top from all, Σ_g p_all(g) (p_top(g)/p_all(g) − 1)²
//     (each density floored at 1e-12), and the importances are normalised to sum to 1.
// A parameter that matters concentrates its top trials where the good values are: a large
// divergence; a noise parameter's top trials spread like all trials: a divergence near 0.
import type { Direction, Distribution, ParamValue, SearchSpace, TrialView } from './types';

export const IMPORTANCE_METHOD = 'PED-ANOVA';

export interface ImportanceOptions {
  /** Fraction of the trials that are "top" (default 0.1, as PED-ANOVA's baseline quantile). */
  quantile?: number;
  /** Grid points of a numeric parameter (default 50). */
  gridSize?: number;
}

export interface ParamImportance {
  name: string;
  /** Share of the summed divergences (0 … 1). */
  importance: number;
  /** The Pearson divergence itself. */
  divergence: number;
  /** Trials the parameter was active in. */
  trials: number;
}

/** Fewer active trials than this: no importance for the parameter (too few to tell). */
export const MIN_IMPORTANCE_TRIALS = 4;
const FLOOR = 1e-12;

function gridOf(d: Exclude<Distribution, { type: 'categorical' }>, size: number): number[] {
  const f = d.log ? Math.log : (x: number) => x;
  const low = f(d.low);
  const high = f(d.high);
  const step = d.step ?? (d.type === 'int' ? 1 : undefined);
  if (step !== undefined && !d.log) {
    const count = Math.floor((d.high - d.low) / step + 1e-9) + 1;
    if (count <= size) return Array.from({ length: count }, (_, i) => d.low + i * step);
  }
  if (size <= 1 || high === low) return [low];
  return Array.from({ length: size }, (_, i) => low + ((high - low) * i) / (size - 1));
}

/** Scott's rule in one dimension, as scipy.stats.gaussian_kde; `fallback` when the values have no spread. */
export function scottBandwidth(xs: readonly number[], fallback: number): number {
  const n = xs.length;
  if (n < 2) return fallback;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  const h = Math.sqrt(variance) * n ** -0.2;
  return h > 0 ? h : fallback;
}

/** The KDE of `xs` at each grid point, normalised to sum to 1 over the grid. */
export function gridDensity(xs: readonly number[], grid: readonly number[], bandwidth: number): number[] {
  const raw = grid.map((g) => {
    let s = 0;
    for (const x of xs) {
      const z = (g - x) / bandwidth;
      s += Math.exp(-0.5 * z * z);
    }
    return s;
  });
  const total = raw.reduce((s, v) => s + v, 0);
  return raw.map((v) => (total > 0 ? v / total : 1 / grid.length));
}

function categoricalDensity(values: readonly ParamValue[], choices: readonly ParamValue[]): number[] {
  const counts = choices.map(() => 1);
  for (const v of values) {
    const i = choices.indexOf(v);
    if (i >= 0) counts[i] += 1;
  }
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => c / total);
}

/** Σ p_all (p_top / p_all − 1)², both floored at 1e-12. */
export function pearsonDivergence(top: readonly number[], all: readonly number[]): number {
  let d = 0;
  for (let g = 0; g < all.length; g++) {
    const a = all[g] + FLOOR;
    const t = top[g] + FLOOR;
    d += a * (t / a - 1) ** 2;
  }
  return d;
}

function divergenceOf(
  d: Distribution,
  all: readonly ParamValue[],
  top: readonly ParamValue[],
  gridSize: number,
): number {
  if (d.type === 'categorical')
    return pearsonDivergence(categoricalDensity(top, d.choices), categoricalDensity(all, d.choices));
  const f = d.log ? Math.log : (x: number) => x;
  const grid = gridOf(d, gridSize);
  const fallback = (f(d.high) - f(d.low)) / gridSize || 1;
  const xs = (values: readonly ParamValue[]) => values.map((v) => f(v as number));
  const a = xs(all);
  const t = xs(top);
  return pearsonDivergence(
    gridDensity(t, grid, scottBandwidth(t, fallback)),
    gridDensity(a, grid, scottBandwidth(a, fallback)),
  );
}

/** PED-ANOVA importance of every parameter of `space` that has enough trials, most important first. */
export function pedAnovaImportance(
  space: SearchSpace,
  trials: readonly TrialView[],
  direction: Direction,
  options: ImportanceOptions = {},
): ParamImportance[] {
  const quantile = options.quantile ?? 0.1;
  const gridSize = options.gridSize ?? 50;
  const sign = direction === 'minimize' ? 1 : -1;
  const done = trials
    .filter((t) => t.state === 'complete' && t.values && Number.isFinite(t.values[0]))
    .sort((a, b) => sign * (a.values![0] - b.values![0]) || a.number - b.number);
  const raw: Omit<ParamImportance, 'importance'>[] = [];
  for (const def of space.params) {
    const active = done.filter((t) => t.params[def.name] !== undefined);
    if (active.length < MIN_IMPORTANCE_TRIALS) continue;
    const k = Math.max(2, Math.ceil(quantile * active.length));
    const values = active.map((t) => t.params[def.name]);
    raw.push({
      name: def.name,
      divergence: divergenceOf(def.distribution, values, values.slice(0, k), gridSize),
      trials: active.length,
    });
  }
  const total = raw.reduce((s, r) => s + r.divergence, 0);
  return raw
    .map((r) => ({ ...r, importance: total > 0 ? r.divergence / total : 0 }))
    .sort((a, b) => b.importance - a.importance || a.name.localeCompare(b.name));
}
