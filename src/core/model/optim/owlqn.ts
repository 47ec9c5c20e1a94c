// OWL-QN (Andrew & Gao 2007, "Scalable training of L1-regularized log-linear models"): L-BFGS
// extended to f(x) + Σ λ_j |x_j| with f smooth. It steps along the quasi-Newton direction of
// the pseudo-gradient, constrained to the current orthant, with a backtracking line search that
// projects back onto the orthant, so coefficients become exactly zero. λ_j = 0 leaves x_j free
// (the intercept). Same stopping rules as lbfgs(), on the pseudo-gradient.
import { LbfgsMemory } from './lbfgsMemory';
import { dot, maxAbs, type QuasiNewtonOptions, type QuasiNewtonResult, type SmoothObjective } from './lbfgs';

function pseudoGradient(x: Float64Array, g: Float64Array, l1: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) {
    const lambda = l1[i];
    if (lambda === 0) out[i] = g[i];
    else if (x[i] > 0) out[i] = g[i] + lambda;
    else if (x[i] < 0) out[i] = g[i] - lambda;
    else if (g[i] + lambda < 0) out[i] = g[i] + lambda;
    else if (g[i] - lambda > 0) out[i] = g[i] - lambda;
    else out[i] = 0;
  }
  return out;
}

function l1Norm(x: Float64Array, l1: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += l1[i] * Math.abs(x[i]);
  return s;
}

export async function owlqn(
  objective: SmoothObjective,
  l1: Float64Array,
  x0: Float64Array,
  options: QuasiNewtonOptions,
): Promise<QuasiNewtonResult> {
  const n = x0.length;
  const ftol = options.ftol ?? 64 * 2.220446049250313e-16;
  const memory = new LbfgsMemory(n, options.memory ?? 10);
  const maxLineSearch = options.maxLineSearch ?? 30;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = objective(x, g) + l1Norm(x, l1);
  let evaluations = 1;
  let xTrial = new Float64Array(n);
  let gTrial = new Float64Array(n);
  const pg = new Float64Array(n);
  const direction = new Float64Array(n);
  const orthant = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  let iterations = 0;
  let reason = 'max_iter';

  while (iterations < options.maxIter) {
    pseudoGradient(x, g, l1, pg);
    if (maxAbs(pg) <= options.gtol) {
      reason = 'gradient';
      break;
    }
    memory.direction(pg, direction);
    // Keep only components that agree with the steepest-descent direction −pg.
    for (let i = 0; i < n; i++) if (direction[i] * pg[i] >= 0) direction[i] = 0;
    if (!(dot(direction, pg) < 0)) {
      memory.reset();
      for (let i = 0; i < n; i++) direction[i] = -pg[i];
    }
    for (let i = 0; i < n; i++) orthant[i] = x[i] !== 0 ? Math.sign(x[i]) : Math.sign(-pg[i]);
    let step = memory.size === 0 ? Math.min(1, 1 / Math.sqrt(dot(pg, pg))) : 1;
    let accepted = false;
    let fTrial = f;
    for (let attempt = 0; attempt < maxLineSearch; attempt++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        let v = x[i] + step * direction[i];
        if (l1[i] !== 0 && v * orthant[i] <= 0) v = 0;
        xTrial[i] = v;
        decrease += pg[i] * (v - x[i]);
      }
      fTrial = objective(xTrial, gTrial) + l1Norm(xTrial, l1);
      evaluations++;
      if (fTrial <= f + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      if (memory.size > 0) {
        memory.reset();
        continue;
      }
      reason = 'line_search';
      break;
    }
    iterations++;
    for (let i = 0; i < n; i++) {
      s[i] = xTrial[i] - x[i];
      y[i] = gTrial[i] - g[i];
    }
    memory.push(s, y);
    const fPrevious = f;
    [x, xTrial] = [xTrial, x];
    [g, gTrial] = [gTrial, g];
    f = fTrial;
    if (options.onIteration && (await options.onIteration(iterations, f))) {
      reason = 'stopped';
      break;
    }
    if ((fPrevious - f) / Math.max(Math.abs(fPrevious), Math.abs(f), 1) <= ftol) {
      reason = 'ftol';
      break;
    }
  }
  if (reason === 'max_iter' && maxAbs(pseudoGradient(x, g, l1, pg)) <= options.gtol) reason = 'gradient';
  return { x, f, iterations, converged: reason === 'gradient' || reason === 'ftol', reason, evaluations };
}
