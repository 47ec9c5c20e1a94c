// Grid search: every combination of the space's values exactly once, in a fixed order (the first
// parameter varies slowest, each parameter's values in the order they are listed or ascending),
// trial i taking combination i. A conditional parameter is expanded only under its condition,
// so `l1_ratio` multiplies the elasticnet branch alone. A float range needs `step` or a number
// of points; a grid larger than the limit is refused before the study starts, saying how large.
import { isActive } from '../conditions';
import type { ParamDef, ParamValue, Params, SampleRequest, Sampler, SearchSpace } from '../types';

export interface GridOptions {
  /** Evenly spaced points (log-spaced with log: true) of float ranges without a step, by parameter name. */
  points?: Readonly<Record<string, number>>;
  /** The largest grid that may run (default 100,000 combinations). */
  maxCombinations?: number;
}

export const DEFAULT_MAX_GRID_COMBINATIONS = 100_000;

/** A space the grid cannot run: a float range without step or points, or too many combinations. */
export class GridError extends Error {
  constructor(
    message: string,
    /** The parameter at fault, when one is. */
    readonly param?: string,
    /** The number of combinations, when the grid is too large. */
    readonly size?: number,
  ) {
    super(message);
    this.name = 'GridError';
  }
}

/** 1234567 → "1,234,567" (whatever the locale of the machine). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n >= 1e21) return n.toExponential(3);
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const tidy = (x: number) => Number(x.toPrecision(15));

/** The values the grid tries for one parameter, in order. */
export function gridValues(def: ParamDef, points?: number): ParamValue[] {
  const d = def.distribution;
  if (d.type === 'categorical') return [...d.choices];
  if (d.low > d.high) throw new GridError(`${def.name}: low (${d.low}) is above high (${d.high}).`, def.name);
  if (d.type === 'int') {
    const step = d.step ?? 1;
    const values: number[] = [];
    for (let v = d.low; v <= d.high; v += step) values.push(v);
    return values;
  }
  if (d.step !== undefined) {
    const count = Math.floor((d.high - d.low) / d.step + 1e-9);
    return Array.from({ length: count + 1 }, (_, k) => tidy(d.low + k * d.step!));
  }
  if (points === undefined || !Number.isInteger(points) || points < 1)
    throw new GridError(
      `${def.name} is a float range: a grid needs its values, so give it a step (e.g. step: ${tidy((d.high - d.low) / 10) || 0.1}) or a number of points (e.g. points: 10).`,
      def.name,
    );
  if (points === 1 || d.low === d.high) return [d.low];
  if (d.log) {
    const a = Math.log(d.low);
    const b = Math.log(d.high);
    return Array.from({ length: points }, (_, k) =>
      k === 0 ? d.low : k === points - 1 ? d.high : tidy(Math.exp(a + ((b - a) * k) / (points - 1))),
    );
  }
  return Array.from({ length: points }, (_, k) =>
    k === points - 1 ? d.high : tidy(d.low + ((d.high - d.low) * k) / (points - 1)),
  );
}

function valuesOf(space: SearchSpace, options: GridOptions): ParamValue[][] {
  return space.params.map((def) => gridValues(def, options.points?.[def.name]));
}

/** The parameters some later condition refers to: only their values change which parameters exist. */
function referenced(space: SearchSpace): boolean[] {
  const names = new Set(space.params.flatMap((p) => (p.conditions ?? []).map((c) => c.param)));
  return space.params.map((p) => names.has(p.name));
}

/** The number of combinations of the grid (conditional parameters counted under their conditions only). */
export function gridSize(space: SearchSpace, options: GridOptions = {}): number {
  const values = valuesOf(space, options);
  const branching = referenced(space);
  const n = space.params.length;
  // Only referenced parameters are branched on; the others multiply the count where they are active.
  const count = (i: number, params: Params): number => {
    if (i === n) return 1;
    const def = space.params[i];
    if (!isActive(def, params)) return count(i + 1, params);
    if (!branching[i]) return values[i].length * count(i + 1, params);
    let total = 0;
    for (const v of values[i]) total += count(i + 1, { ...params, [def.name]: v });
    return total;
  };
  return n === 0 ? 0 : count(0, {});
}

/** Refuses a grid over the limit, before anything runs. Returns the grid's size. */
export function checkGridSize(space: SearchSpace, options: GridOptions = {}): number {
  const size = gridSize(space, options);
  const max = options.maxCombinations ?? DEFAULT_MAX_GRID_COMBINATIONS;
  if (size > max)
    throw new GridError(
      `The grid has ${formatCount(size)} combinations; at most ${formatCount(max)} can run. Give fewer values (larger steps, fewer points or choices), or use the random or tpe sampler.`,
      undefined,
      size,
    );
  return size;
}

/** Every combination in grid order (refused over the limit). */
export function gridCombinations(space: SearchSpace, options: GridOptions = {}): Params[] {
  checkGridSize(space, options);
  const values = valuesOf(space, options);
  const out: Params[] = [];
  const n = space.params.length;
  const visit = (i: number, params: Params): void => {
    if (i === n) {
      out.push({ ...params });
      return;
    }
    const def = space.params[i];
    if (!isActive(def, params)) return visit(i + 1, params);
    for (const v of values[i]) {
      params[def.name] = v;
      visit(i + 1, params);
    }
    delete params[def.name];
  };
  if (n > 0) visit(0, {});
  return out;
}

export class GridSampler implements Sampler {
  readonly name = 'grid';
  private readonly cache = new WeakMap<SearchSpace, Params[]>();

  constructor(private readonly options: GridOptions = {}) {}

  /** The number of trials the grid has: a study with this sampler ends after that many. */
  size(space: SearchSpace): number {
    return this.combinations(space).length;
  }

  sample(request: SampleRequest): Params {
    const combinations = this.combinations(request.space);
    const combination = combinations[request.number];
    if (!combination)
      throw new GridError(
        `Trial ${request.number} is beyond the grid: its ${formatCount(combinations.length)} combinations are trials 0 to ${combinations.length - 1}.`,
      );
    return { ...combination };
  }

  private combinations(space: SearchSpace): Params[] {
    let combinations = this.cache.get(space);
    if (!combinations) {
      combinations = gridCombinations(space, this.options);
      this.cache.set(space, combinations);
    }
    return combinations;
  }
}
