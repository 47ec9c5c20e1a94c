// L-BFGS minimisation of a smooth function (Nocedal & Wright, algorithm 7.5) with a strong-Wolfe
// line search. Stops like scipy's L-BFGS-B as scikit-learn calls it: when the largest gradient
// component is ≤ gtol, or the relative decrease of f is ≤ ftol, or after maxIter iterations.
import { LbfgsMemory } from './lbfgsMemory';
import { strongWolfe } from './wolfeLineSearch';

/** Returns f(x) and writes ∇f(x) into grad. */
export type SmoothObjective = (x: Float64Array, grad: Float64Array) => number;

export interface QuasiNewtonOptions {
  maxIter: number;
  gtol: number;
  /** Relative decrease of f that counts as converged (default 64 · machine epsilon). */
  ftol?: number;
  memory?: number;
  maxLineSearch?: number;
  /** Called after every iteration; returning true stops (the current x is kept). */
  onIteration?(iteration: number, f: number): boolean | Promise<boolean>;
}

export interface QuasiNewtonResult {
  x: Float64Array;
  f: number;
  iterations: number;
  converged: boolean;
  /** 'gradient', 'ftol', 'max_iter', 'line_search', 'stopped'. */
  reason: string;
  evaluations: number;
}

export function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (a > m) m = a;
  }
  return m;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export async function lbfgs(
  objective: SmoothObjective,
  x0: Float64Array,
  options: QuasiNewtonOptions,
): Promise<QuasiNewtonResult> {
  const n = x0.length;
  const ftol = options.ftol ?? 64 * 2.220446049250313e-16;
  const memory = new LbfgsMemory(n, options.memory ?? 10);
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = objective(x, g);
  let evaluations = 1;
  let xTrial = new Float64Array(n);
  let gTrial = new Float64Array(n);
  const direction = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  let iterations = 0;
  let reason = 'max_iter';
  let lastStep = NaN;

  const phi = (step: number) => {
    for (let i = 0; i < n; i++) xTrial[i] = x[i] + step * direction[i];
    const value = objective(xTrial, gTrial);
    evaluations++;
    lastStep = step;
    return { f: value, slope: dot(gTrial, direction) };
  };

  while (iterations < options.maxIter) {
    if (maxAbs(g) <= options.gtol) {
      reason = 'gradient';
      break;
    }
    memory.direction(g, direction);
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      memory.reset();
      memory.direction(g, direction);
      slope = dot(g, direction);
    }
    const initialStep = memory.size === 0 ? Math.min(1, 1 / Math.sqrt(dot(g, g))) : 1;
    const search = strongWolfe(phi, f, slope, initialStep, options.maxLineSearch ?? 20);
    if (!search.ok) {
      if (memory.size > 0) {
        memory.reset();
        continue;
      }
      reason = 'line_search';
      break;
    }
    if (lastStep !== search.step) phi(search.step);
    iterations++;
    for (let i = 0; i < n; i++) {
      s[i] = xTrial[i] - x[i];
      y[i] = gTrial[i] - g[i];
    }
    memory.push(s, y);
    const fPrevious = f;
    [x, xTrial] = [xTrial, x];
    [g, gTrial] = [gTrial, g];
    f = search.f;
    if (options.onIteration && (await options.onIteration(iterations, f))) {
      reason = 'stopped';
      break;
    }
    if ((fPrevious - f) / Math.max(Math.abs(fPrevious), Math.abs(f), 1) <= ftol) {
      reason = 'ftol';
      break;
    }
  }
  if (reason === 'max_iter' && maxAbs(g) <= options.gtol) reason = 'gradient';
  return { x, f, iterations, converged: reason === 'gradient' || reason === 'ftol', reason, evaluations };
}
