// Which earlier trials TPE learns from, and how it ranks them (as Optuna 3.1 does): complete
// trials by their value; pruned trials after every complete one, those that got further first,
// then by their last intermediate value; with constant liar, running trials last of all (they
// count as the worst, so parallel trials spread out). Failed trials are ignored. The best
// `gamma(n)` form the "below" (good) group, the rest the "above" group, each in trial order.
import type { Direction, TrialView } from '../../types';

export interface Ranked {
  trials: TrialView[];
  /** Indices into `trials` of the good group and the rest, ascending (trial order). */
  below: number[];
  above: number[];
  /** Finished trials considered (complete + pruned): what gamma and the startup count use. */
  n: number;
}

/** Optuna's default gamma: the good group is the best 10%, rounded up, at most 25. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

export function rankTrials(
  trials: readonly TrialView[],
  direction: Direction,
  constantLiar: boolean,
  gamma: (n: number) => number = defaultGamma,
): Ranked {
  const sign = direction === 'minimize' ? 1 : -1;
  let inOrder = true;
  for (let i = 1; i < trials.length && inOrder; i++) inOrder = trials[i - 1].number < trials[i].number;
  const byNumber = inOrder ? trials : [...trials].sort((a, b) => a.number - b.number);
  const used: TrialView[] = [];
  const step: number[] = [];
  const value: number[] = [];
  let n = 0;
  for (const t of byNumber) {
    if (t.state === 'complete' && t.values && t.values.length > 0) {
      const v = sign * t.values[0];
      step.push(-Infinity);
      value.push(Number.isNaN(v) ? Infinity : v);
      n++;
    } else if (t.state === 'pruned') {
      const last = t.intermediate.at(-1);
      step.push(last ? -last[0] : 1);
      value.push(last ? (Number.isNaN(last[1]) ? Infinity : sign * last[1]) : 0);
      n++;
    } else if (t.state === 'running' && constantLiar) {
      step.push(Infinity);
      value.push(Infinity);
    } else continue;
    used.push(t);
  }
  // The best gamma(n) by (step key, value), ties in trial order (numpy's stable argsort): kept
  // in a small sorted buffer, since gamma(n) ≤ 25 however long the history.
  const nBelow = Math.min(gamma(n), used.length);
  const best: number[] = [];
  const worse = (a: number, b: number) => step[a] > step[b] || (step[a] === step[b] && value[a] > value[b]);
  for (let i = 0; i < used.length && nBelow > 0; i++) {
    if (best.length === nBelow && !worse(best[nBelow - 1], i)) continue;
    let at = best.length;
    while (at > 0 && worse(best[at - 1], i)) at--;
    best.splice(at, 0, i);
    if (best.length > nBelow) best.pop();
  }
  const below = best.sort((a, b) => a - b);
  const above: number[] = [];
  for (let i = 0, j = 0; i < used.length; i++) {
    if (j < below.length && below[j] === i) j++;
    else above.push(i);
  }
  return { trials: used, below, above, n };
}
