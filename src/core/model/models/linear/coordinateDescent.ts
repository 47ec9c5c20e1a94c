// Cyclic coordinate descent for the elastic net (Friedman, Hastie & Tibshirani 2010), with
// scikit-learn's objective and stopping rule (Lasso / ElasticNet):
//   1/(2n) ||y - Xw||² + alpha·l1_ratio·||w||₁ + alpha·(1 - l1_ratio)/2 · ||w||²
// After a pass whose largest coefficient change is small relative to the largest coefficient,
// the duality gap is computed; the fit stops when it is below tol·||y||².
import type { Cooperative } from './cooperative';

export interface ElasticNetOptions {
  alpha: number;
  l1Ratio: number;
  maxIter: number;
  tol: number;
  cooperative: Cooperative;
  /** Called after each pass with the primal objective; true stops the fit. */
  onPass?(pass: number, objective: number): boolean;
}

export interface ElasticNetResult {
  coef: Float64Array;
  iterations: number;
  converged: boolean;
  dualityGap: number;
  stopped: boolean;
}

/** X column-major rows × cols (centred when fitting an intercept), y centred likewise. */
export async function elasticNetDescent(
  X: Float64Array,
  rows: number,
  cols: number,
  y: Float64Array,
  options: ElasticNetOptions,
): Promise<ElasticNetResult> {
  const l1 = options.alpha * options.l1Ratio * rows;
  const l2 = options.alpha * (1 - options.l1Ratio) * rows;
  const w = new Float64Array(cols);
  const residual = new Float64Array(y);
  const squaredNorms = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    const start = j * rows;
    for (let i = 0; i < rows; i++) s += X[start + i] * X[start + i];
    squaredNorms[j] = s;
  }
  let yy = 0;
  for (let i = 0; i < rows; i++) yy += y[i] * y[i];
  // A constant target (after centring): every coefficient is 0.
  if (yy === 0) return { coef: w, iterations: 0, converged: true, dualityGap: 0, stopped: false };
  const gapTolerance = options.tol * yy;
  let gap = Infinity;
  let iterations = 0;
  let converged = false;
  let stopped = false;
  for (let pass = 0; pass < options.maxIter; pass++) {
    await options.cooperative.checkpoint();
    iterations = pass + 1;
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < cols; j++) {
      if (squaredNorms[j] === 0) continue;
      const start = j * rows;
      const old = w[j];
      let rho = 0;
      if (old !== 0) {
        for (let i = 0; i < rows; i++) {
          const x = X[start + i];
          residual[i] += old * x;
          rho += x * residual[i];
        }
      } else {
        for (let i = 0; i < rows; i++) rho += X[start + i] * residual[i];
      }
      const shrunk = Math.abs(rho) - l1;
      const next = shrunk > 0 ? (Math.sign(rho) * shrunk) / (squaredNorms[j] + l2) : 0;
      w[j] = next;
      if (next !== 0) for (let i = 0; i < rows; i++) residual[i] -= next * X[start + i];
      dwMax = Math.max(dwMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }
    if (options.onPass) {
      let rr = 0;
      let l1Norm = 0;
      let ww = 0;
      for (let i = 0; i < rows; i++) rr += residual[i] * residual[i];
      for (let j = 0; j < cols; j++) {
        l1Norm += Math.abs(w[j]);
        ww += w[j] * w[j];
      }
      const objective =
        rr / (2 * rows) + options.alpha * options.l1Ratio * l1Norm + ((options.alpha * (1 - options.l1Ratio)) / 2) * ww;
      if (options.onPass(pass + 1, objective)) {
        stopped = true;
        break;
      }
    }
    if (wMax === 0 || dwMax / wMax < options.tol || pass === options.maxIter - 1) {
      gap = dualityGap(X, rows, cols, y, w, residual, l1, l2);
      if (gap < gapTolerance) {
        converged = true;
        break;
      }
    }
  }
  return { coef: w, iterations, converged, dualityGap: gap, stopped };
}

function dualityGap(
  X: Float64Array,
  rows: number,
  cols: number,
  y: Float64Array,
  w: Float64Array,
  residual: Float64Array,
  l1: number,
  l2: number,
): number {
  let dualNorm = 0;
  let wNorm2 = 0;
  let l1Norm = 0;
  for (let j = 0; j < cols; j++) {
    const start = j * rows;
    let s = 0;
    for (let i = 0; i < rows; i++) s += X[start + i] * residual[i];
    dualNorm = Math.max(dualNorm, Math.abs(s - l2 * w[j]));
    wNorm2 += w[j] * w[j];
    l1Norm += Math.abs(w[j]);
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < rows; i++) {
    rNorm2 += residual[i] * residual[i];
    ry += residual[i] * y[i];
  }
  let scale = 1;
  let gap: number;
  if (dualNorm > l1) {
    scale = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
  } else gap = rNorm2;
  return gap + l1 * l1Norm - scale * ry + 0.5 * l2 * (1 + scale * scale) * wNorm2;
}
