// Multi-stage tuning: a first stage searches the broad ranges; each later stage narrows every
// range around the best region found so far. The rule, exactly:
//   - take the `top` best complete trials of the earlier stages (ties to the lower number);
//   - a numeric range becomes [min, max] of the values those trials took, widened on each side
//     by `margin` × the width of the ORIGINAL range (log ranges: in log space), clamped to the
//     original range; an int range is rounded outward, a stepped range snapped outward to its grid;
//   - a categorical keeps the choices those trials used (in the original order);
//   - a parameter none of the top trials had (inactive) keeps its range.
// The caller shows the changes and may edit the space before the stage starts.
import type { Direction, Distribution, ParamDef, SearchSpace, TrialView } from './types';

export interface NarrowOptions {
  top: number;
  /** Fraction of the original width added on each side (default 0.1). */
  margin?: number;
}

export interface NarrowedStage {
  space: SearchSpace;
  /** One line per parameter that changed, e.g. "logistic.C: [0.001, 100] → [0.03, 4.1] (log)". */
  changes: string[];
}

function topTrials(trials: readonly TrialView[], direction: Direction, top: number): TrialView[] {
  const done = trials.filter((t) => t.state === 'complete' && t.values && !Number.isNaN(t.values[0]));
  const sign = direction === 'minimize' ? 1 : -1;
  done.sort((a, b) => sign * (a.values![0] - b.values![0]) || a.number - b.number);
  return done.slice(0, Math.max(1, top));
}

const show = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

type Numeric = Extract<Distribution, { type: 'float' | 'int' }>;

function narrowNumeric(original: Numeric, values: number[], margin: number): Numeric {
  const f = original.log ? Math.log : (x: number) => x;
  const inv = original.log ? Math.exp : (x: number) => x;
  const width = f(original.high) - f(original.low);
  let low = Math.max(f(original.low), Math.min(...values.map(f)) - margin * width);
  let high = Math.min(f(original.high), Math.max(...values.map(f)) + margin * width);
  low = Math.max(original.low, inv(low));
  high = Math.min(original.high, inv(high));
  const step = original.step ?? (original.type === 'int' ? 1 : undefined);
  if (step !== undefined) {
    low = original.low + Math.floor((low - original.low) / step + 1e-9) * step;
    high = original.low + Math.ceil((high - original.low) / step - 1e-9) * step;
    high = Math.min(high, original.high);
  }
  return { ...original, low, high };
}

/** The next stage's space, narrowed around the best trials of the earlier stages (see the header). */
export function narrowSpace(
  original: SearchSpace,
  trials: readonly TrialView[],
  direction: Direction,
  options: NarrowOptions,
): NarrowedStage {
  const margin = options.margin ?? 0.1;
  const best = topTrials(trials, direction, options.top);
  const changes: string[] = [];
  const params: ParamDef[] = original.params.map((def) => {
    const used = best.filter((t) => def.name in t.params).map((t) => t.params[def.name]);
    if (used.length === 0) return def;
    const d = def.distribution;
    if (d.type === 'categorical') {
      const choices = d.choices.filter((c) => used.includes(c));
      if (choices.length === d.choices.length) return def;
      changes.push(`${def.name}: {${d.choices.join(', ')}} → {${choices.join(', ')}}`);
      return { ...def, distribution: { ...d, choices } };
    }
    const next = narrowNumeric(d, used as number[], margin);
    if (next.low === d.low && next.high === d.high) return def;
    changes.push(
      `${def.name}: [${show(d.low)}, ${show(d.high)}] → [${show(next.low)}, ${show(next.high)}]${d.log ? ' (log)' : ''}`,
    );
    return { ...def, distribution: next };
  });
  return { space: { params }, changes };
}
