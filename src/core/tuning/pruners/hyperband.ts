// Hyperband as Optuna 3.1's HyperbandPruner runs it: several successive-halving brackets with
// minimum early-stopping rates 0, 1, ..., n−1, where n = ⌊log_η(maxResource / minResource)⌋ + 1.
// Each trial belongs to one bracket for life and competes only with the trials of its bracket.
//
// Bracket assignment: bracket b (s = n − 1 − b) has the budget ⌈n · η^s / (s + 1)⌉, the number of
// trials Hyperband's bracket would start, and a trial falls into the brackets in proportion to
// their budgets: h = mixSeed(seed, trial number, HYPERBAND_SALT) mod (sum of budgets), then the
// first bracket whose running sum of budgets exceeds h. Optuna does the same with
// crc32("<study name>_<trial number>") in place of h; tests can pass `bracketOf` to reuse its
// assignment.
import type { PruneRequest, Pruner } from '../types';
import { mixSeed } from '../trialRandom';
import { lastStep } from './median';
import { firstComplete, requireInt, successiveHalvingDecision } from './successiveHalving';

/** The salt that separates the bracket draw from the trial's other uses of (seed, number). */
export const HYPERBAND_SALT = 0x48594252;

export interface HyperbandOptions {
  /** r: the smallest resource (steps) a trial gets. Default 1. */
  minResource?: number;
  /** R: the largest resource, or 'auto': the first complete trial's last step + 1. Default 'auto'. */
  maxResource?: 'auto' | number;
  /** η. Default 3. */
  reductionFactor?: number;
  /** Overrides the bracket of a trial (0 ≤ bracket < count); for tests and replays. */
  bracketOf?: (trialNumber: number, bracketCount: number) => number;
}

export interface BracketPlan {
  /** Trials are spread over the brackets in proportion to these budgets. */
  budgets: number[];
  total: number;
}

export function bracketPlan(minResource: number, maxResource: number, eta: number): BracketPlan {
  // The same floating-point expression as Optuna (log(R/r)/log(η)), so n agrees at exact powers.
  const count = Math.floor(Math.log(maxResource / minResource) / Math.log(eta)) + 1;
  const budgets: number[] = [];
  for (let b = 0; b < count; b += 1) {
    const s = count - 1 - b;
    budgets.push(Math.ceil((count * eta ** s) / (s + 1)));
  }
  return { budgets, total: budgets.reduce((a, x) => a + x, 0) };
}

/** The bracket of trial `number` in a study seeded `seed`. */
export function bracketFor(plan: BracketPlan, seed: number, number: number): number {
  let h = mixSeed(seed, number, HYPERBAND_SALT) % plan.total;
  for (let b = 0; b < plan.budgets.length; b += 1) {
    h -= plan.budgets[b];
    if (h < 0) return b;
  }
  return plan.budgets.length - 1;
}

export class HyperbandPruner implements Pruner {
  readonly name = 'hyperband';
  private readonly minResource: number;
  private readonly maxResource: 'auto' | number;
  private readonly reductionFactor: number;
  private readonly bracketOf?: (trialNumber: number, bracketCount: number) => number;

  constructor(options: HyperbandOptions = {}) {
    this.minResource = options.minResource ?? 1;
    this.maxResource = options.maxResource ?? 'auto';
    this.reductionFactor = options.reductionFactor ?? 3;
    this.bracketOf = options.bracketOf;
    requireInt('minResource', this.minResource, 1);
    requireInt('reductionFactor', this.reductionFactor, 2);
    if (this.maxResource !== 'auto') requireInt('maxResource', this.maxResource, this.minResource);
  }

  shouldPrune({ trial, trials, direction, seed }: PruneRequest): boolean {
    let others = trials.filter((t) => t.number !== trial.number);
    let maxResource: number;
    if (this.maxResource === 'auto') {
      const first = firstComplete(others);
      if (first === undefined) return false; // brackets not known yet: never prune
      maxResource = (lastStep(first) ?? 0) + 1;
      // As in Optuna, trials up to the first complete one recorded no rung values.
      others = others.filter((t) => t.number > first.number);
    } else {
      maxResource = this.maxResource;
    }
    if (maxResource < this.minResource) return false;
    const plan = bracketPlan(this.minResource, maxResource, this.reductionFactor);
    const count = plan.budgets.length;
    const bracket = (n: number): number => {
      if (this.bracketOf === undefined) return bracketFor(plan, seed, n);
      const b = this.bracketOf(n, count);
      if (!Number.isInteger(b) || b < 0 || b >= count) {
        throw new Error(`pruner: bracketOf(${n}) gave ${b}; brackets are 0..${count - 1}`);
      }
      return b;
    };
    const mine = bracket(trial.number);
    return successiveHalvingDecision(
      trial,
      others.filter((t) => bracket(t.number) === mine),
      direction,
      { minResource: this.minResource, reductionFactor: this.reductionFactor, minEarlyStoppingRate: mine },
    );
  }
}
