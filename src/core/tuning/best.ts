// The best trial of a single-objective study and the Pareto front of a multi-objective one,
// over complete trials only (a pruned trial's last intermediate value is not a final value).
import type { Direction, TrialView } from './types';

const better = (a: number, b: number, d: Direction) => (d === 'minimize' ? a < b : a > b);

/** The complete trial with the best value; ties go to the lowest trial number; NaN never wins. */
export function bestTrial<T extends TrialView>(trials: readonly T[], direction: Direction): T | undefined {
  let best: T | undefined;
  for (const t of trials) {
    if (t.state !== 'complete' || !t.values || Number.isNaN(t.values[0])) continue;
    if (
      !best ||
      better(t.values[0], best.values![0], direction) ||
      (t.values[0] === best.values![0] && t.number < best.number)
    )
      best = t;
  }
  return best;
}

/** a dominates b: no worse in every objective and better in at least one. */
export function dominates(a: readonly number[], b: readonly number[], directions: readonly Direction[]): boolean {
  let strictly = false;
  for (let k = 0; k < directions.length; k++) {
    if (better(b[k], a[k], directions[k])) return false;
    if (better(a[k], b[k], directions[k])) strictly = true;
  }
  return strictly;
}

/** Complete trials no other complete trial dominates, by trial number. */
export function paretoFront<T extends TrialView>(trials: readonly T[], directions: readonly Direction[]): T[] {
  const done = trials.filter((t) => t.state === 'complete' && t.values && !t.values.some(Number.isNaN));
  return done
    .filter((t) => !done.some((o) => o !== t && dominates(o.values!, t.values!, directions)))
    .sort((a, b) => a.number - b.number);
}
