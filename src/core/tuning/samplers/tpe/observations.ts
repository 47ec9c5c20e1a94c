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
  const used: TrialView[] = [];
  const keys: Array<[number, number]> = [];
  let n = 0;
  for (const t of [...trials].sort((a, b) => a.number - b.number)) {
    let key: [number, number];
    if (t.state === 'complete' && t.values && t.values.length > 0) {
      const v = sign * t.values[0];
      key = [-Infinity, Number.isNaN(v) ? Infinity : v];
      n++;
    } else if (t.state === 'pruned') {
      const last = t.intermediate.at(-1);
      key = last ? [-last[0], Number.isNaN(last[1]) ? Infinity : sign * last[1]] : [1, 0];
      n++;
    } else if (t.state === 'running' && constantLiar) key = [Infinity, Infinity];
    else continue;
    used.push(t);
    keys.push(key);
  }
  // Lexicographic (step key, value), ties in trial order (numpy's stable argsort).
  const order = keys.map((_, i) => i);
  order.sort((a, b) => cmp(keys[a][0], keys[b][0]) || cmp(keys[a][1], keys[b][1]) || a - b);
  const nBelow = gamma(n);
  const below = order.slice(0, nBelow).sort((a, b) => a - b);
  const above = order.slice(nBelow).sort((a, b) => a - b);
  return { trials: used, below, above, n };
}

function cmp(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
