// Asynchronous successive halving (ASHA), as Optuna 3.1's SuccessiveHalvingPruner decides it.
// Rung k is reached at step minResource · reductionFactor^(minEarlyStoppingRate + k); a trial's
// value at a rung is its intermediate value at the first step it reported at or after that point.
// On reaching a rung the trial competes with every other trial that reached the same rung: it
// goes on only when it is within the top 1/reductionFactor of those values (itself included;
// while fewer than reductionFactor trials competed, only the best goes on), else it is pruned.
//
// Optuna keeps each trial's rung values in the study as they happen; this pruner is stateless and
// reads them back from the trials' intermediate values, which gives the same decisions when the
// pruner is asked after every report (as our study runner does).
import type { Direction, PruneRequest, Pruner, TrialView } from '../types';
import { lastStep } from './median';

export interface SuccessiveHalvingOptions {
  /** The first rung's resource (steps), or 'auto': max(⌊last step of the first complete trial / 100⌋, 1). Default 'auto'. */
  minResource?: 'auto' | number;
  /** η: about 1/η of a rung's trials go on to the next rung. Default 4. */
  reductionFactor?: number;
  /** s: the first rung is at minResource · η^s. Default 0. */
  minEarlyStoppingRate?: number;
}

export function requireInt(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`pruner: ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
}

/** The steps of a trial before its last one, and the last one. */
function lastAndPrevious(trial: TrialView): { last: number | undefined; previous: number } {
  const last = lastStep(trial);
  let previous = -Infinity;
  for (const [s] of trial.intermediate) if (s !== last && s > previous) previous = s;
  return { last, previous };
}

/** The value a trial carried into the rung at `point`: at its first step ≥ point. */
function valueAtRung(trial: TrialView, point: number): number | undefined {
  let best: [number, number] | undefined;
  for (const entry of trial.intermediate) {
    if (entry[0] >= point && (best === undefined || entry[0] < best[0])) best = [entry[0], entry[1]];
  }
  return best?.[1];
}

/** The lowest-numbered complete trial: the one an 'auto' resource is estimated from. */
export function firstComplete(trials: readonly TrialView[]): TrialView | undefined {
  let first: TrialView | undefined;
  for (const t of trials) {
    if (t.state === 'complete' && lastStep(t) !== undefined && (first === undefined || t.number < first.number)) {
      first = t;
    }
  }
  return first;
}

export interface RungSettings {
  minResource: number;
  reductionFactor: number;
  minEarlyStoppingRate: number;
}

function promotable(value: number, competing: number[], eta: number, direction: Direction): boolean {
  const index = Math.max(Math.floor(competing.length / eta) - 1, 0);
  competing.sort((a, b) => a - b);
  return direction === 'maximize' ? value >= competing[competing.length - 1 - index] : value <= competing[index];
}

/**
 * The successive-halving decision for `trial` at its last step against `others` (the trials
 * that compete with it: the caller has already left out the ones that do not).
 */
export function successiveHalvingDecision(
  trial: TrialView,
  others: readonly TrialView[],
  direction: Direction,
  rungs: RungSettings,
): boolean {
  const { last: step, previous } = lastAndPrevious(trial);
  if (step === undefined) return false;
  const value = trial.intermediate.find(([s]) => s === step)?.[1] ?? NaN;
  const point = (k: number): number => rungs.minResource * rungs.reductionFactor ** (rungs.minEarlyStoppingRate + k);
  // Rung values of the others, read back from their curves (see the file comment).
  const rungValues = (k: number): number[] => {
    const values: number[] = [];
    for (const t of others) {
      if (t.number === trial.number) continue;
      const v = valueAtRung(t, point(k));
      if (v === undefined || Number.isNaN(v)) continue;
      if (t.state === 'pruned' && k > 0) {
        // A pruned trial went no further than the lowest rung it reached at its last step.
        const { previous: before } = lastAndPrevious(t);
        if (point(k - 1) > before) continue;
      }
      values.push(v);
    }
    return values;
  };
  for (let k = 0; ; k += 1) {
    const at = point(k);
    if (at <= previous) continue; // passed at an earlier step: it is still running, so promoted
    if (step < at) return false;
    if (Number.isNaN(value)) return true;
    const competing = [...rungValues(k), value];
    if (!promotable(value, competing, rungs.reductionFactor, direction)) return true;
  }
}

export class SuccessiveHalvingPruner implements Pruner {
  readonly name = 'successive_halving';
  private readonly minResource: 'auto' | number;
  private readonly reductionFactor: number;
  private readonly minEarlyStoppingRate: number;

  constructor(options: SuccessiveHalvingOptions = {}) {
    this.minResource = options.minResource ?? 'auto';
    this.reductionFactor = options.reductionFactor ?? 4;
    this.minEarlyStoppingRate = options.minEarlyStoppingRate ?? 0;
    if (this.minResource !== 'auto') requireInt('minResource', this.minResource, 1);
    requireInt('reductionFactor', this.reductionFactor, 2);
    requireInt('minEarlyStoppingRate', this.minEarlyStoppingRate, 0);
  }

  shouldPrune({ trial, trials, direction }: PruneRequest): boolean {
    const others = trials.filter((t) => t.number !== trial.number);
    let minResource: number;
    let competitors = others;
    if (this.minResource === 'auto') {
      const first = firstComplete(others);
      if (first === undefined) return false; // nothing to estimate from yet: never prune
      minResource = Math.max(Math.floor((lastStep(first) ?? 0) / 100), 1);
      // Trials up to the first complete one ran before the resource was known and recorded no
      // rung values in Optuna; they do not compete here either.
      competitors = others.filter((t) => t.number > first.number);
    } else {
      minResource = this.minResource;
    }
    return successiveHalvingDecision(trial, competitors, direction, {
      minResource,
      reductionFactor: this.reductionFactor,
      minEarlyStoppingRate: this.minEarlyStoppingRate,
    });
  }
}
