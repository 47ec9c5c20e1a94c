// The median stopping rule (and its percentile generalisation): a running trial is stopped at a
// step when its best intermediate value so far is worse than the given percentile of the values
// that the study's complete trials reported at that same step. Defaults and decisions follow
// Optuna 3.1's MedianPruner: 5 startup trials, no warmup, a check every step, at least 1 value.
import type { Direction, PruneRequest, Pruner, TrialView } from '../types';

export interface MedianPrunerOptions {
  /** No pruning until this many trials are complete. Default 5. */
  startupTrials?: number;
  /** No pruning before this step (steps are assumed to start at 0). Default 0. */
  warmupSteps?: number;
  /** Check only at warmup + k·interval (the first value reported at or after such a step). Default 1. */
  intervalSteps?: number;
  /** No pruning when fewer complete trials than this reported a value at the step. Default 1. */
  minTrials?: number;
  /** The percentile of the other trials to beat (50 = median). Default 50. */
  percentile?: number;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`pruner: ${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/** The last reported step of a trial (its intermediate values are in ascending step order). */
export function lastStep(trial: TrialView): number | undefined {
  let last: number | undefined;
  for (const [step] of trial.intermediate) if (last === undefined || step > last) last = step;
  return last;
}

/** The intermediate value a trial reported at `step`, if any. */
export function valueAt(trial: TrialView, step: number): number | undefined {
  for (const [s, v] of trial.intermediate) if (s === step) return v;
  return undefined;
}

/** Best value over the steps ignoring NaN; NaN when every value is NaN. */
function bestSoFar(trial: TrialView, direction: Direction): number {
  let best = NaN;
  for (const [, v] of trial.intermediate) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (direction === 'maximize' ? v > best : v < best)) best = v;
  }
  return best;
}

/**
 * The q-th percentile (0–100) of the non-NaN values with linear interpolation between the two
 * nearest ranks (numpy's default method, including its two-sided interpolation formula, so ties
 * decide the same way). NaN when no value is left.
 */
export function nanPercentile(values: readonly number[], q: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(index);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = index - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * Whether `step` is the first reported step at or after the latest pruning checkpoint
 * (warmup + k·interval): the previous reported step lies before that checkpoint.
 */
function firstInInterval(trial: TrialView, step: number, warmup: number, interval: number): boolean {
  const checkpoint = Math.floor((step - warmup) / interval) * interval + warmup;
  let previous = -1;
  for (const [s] of trial.intermediate) if (s !== step && s > previous) previous = s;
  return previous < checkpoint;
}

export class PercentilePruner implements Pruner {
  readonly name: string;
  private readonly startupTrials: number;
  private readonly warmupSteps: number;
  private readonly intervalSteps: number;
  private readonly minTrials: number;
  private readonly percentile: number;

  constructor(options: MedianPrunerOptions = {}) {
    this.startupTrials = options.startupTrials ?? 5;
    this.warmupSteps = options.warmupSteps ?? 0;
    this.intervalSteps = options.intervalSteps ?? 1;
    this.minTrials = options.minTrials ?? 1;
    this.percentile = options.percentile ?? 50;
    requireInteger('startupTrials', this.startupTrials, 0);
    requireInteger('warmupSteps', this.warmupSteps, 0);
    requireInteger('intervalSteps', this.intervalSteps, 1);
    requireInteger('minTrials', this.minTrials, 1);
    if (!(this.percentile >= 0 && this.percentile <= 100)) {
      throw new Error(`pruner: percentile must be between 0 and 100, got ${this.percentile}`);
    }
    this.name = this.percentile === 50 ? 'median' : `percentile(${this.percentile})`;
  }

  shouldPrune({ trial, trials, direction }: PruneRequest): boolean {
    const complete = trials.filter((t) => t.state === 'complete' && t.number !== trial.number);
    if (complete.length === 0 || complete.length < this.startupTrials) return false;
    const step = lastStep(trial);
    if (step === undefined || step < this.warmupSteps) return false;
    if (!firstInInterval(trial, step, this.warmupSteps, this.intervalSteps)) return false;

    const best = bestSoFar(trial, direction);
    // A trial that has reported nothing but NaN is pruned outright.
    if (Number.isNaN(best)) return true;

    const atStep: number[] = [];
    for (const t of complete) {
      const v = valueAt(t, step);
      if (v !== undefined) atStep.push(v);
    }
    if (atStep.length < this.minTrials) return false;
    const q = direction === 'maximize' ? 100 - this.percentile : this.percentile;
    const threshold = nanPercentile(atStep, q);
    if (Number.isNaN(threshold)) return false;
    return direction === 'maximize' ? best < threshold : best > threshold;
  }
}

/** Optuna's MedianPruner: the percentile pruner at 50. */
export function medianPruner(options: Omit<MedianPrunerOptions, 'percentile'> = {}): Pruner {
  return new PercentilePruner({ ...options, percentile: 50 });
}
