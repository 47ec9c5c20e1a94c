// The smooth part of scikit-learn's logistic regression objective and its gradient, on column-
// major X (rows × p):  Σᵢ loss(yᵢ, zᵢ) + l2/2 · ||W||²  (intercepts not penalised), where
//   binary:      z = Xw + b,   loss = log(1 + e^z) − y·z,        parameters [w (p), b]
//   multinomial: z_c = Xw_c + b_c, loss = logΣ_c e^{z_c} − z_y,  parameters K × [w_c (p), b_c]
// Scratch buffers are allocated once; an evaluation allocates nothing.
// Speed (it is most of a fit's time): exp through the inlined expNonPositive, and the log terms
// log(1 + e) (binary) / log Σ e (softmax) summed as the log of their running product, one
// Math.log per few hundred rows; each factor is in [1, K], so the product cannot overflow before
// it is flushed, and the rounding error per row stays at the machine-epsilon level.
import type { SmoothObjective } from '../../optim/lbfgs';
import { addGradient, addScores } from './blockKernels';
import { expNonPositive } from './fastExp';

export interface LogisticProblem {
  X: Float64Array;
  rows: number;
  cols: number;
  /** Class index per row, 0..classes-1 (binary: 0/1). */
  y: Int32Array;
  /** 2 → binary (one coefficient vector); > 2 → multinomial (one per class). */
  classes: number;
  fitIntercept: boolean;
  /** Strength of the L2 term (1/C scaled by 1 − l1_ratio). */
  l2: number;
}

/** Parameters per coefficient vector: p weights plus the intercept when fitted. */
export function stride(problem: LogisticProblem): number {
  return problem.cols + (problem.fitIntercept ? 1 : 0);
}

export function vectors(problem: LogisticProblem): number {
  return problem.classes === 2 ? 1 : problem.classes;
}

const BLOCK = 1024;
/** A running product of factors in [1, K] is folded into the log sum before it exceeds this. */
const PRODUCT_LIMIT = 1e200;

/**
 * The objective for L-BFGS / OWL-QN. Rows are processed in blocks so that the block's scores stay
 * in cache: scores, loss and residuals, then the block's share of the gradient.
 */
export function logisticObjective(problem: LogisticProblem): SmoothObjective {
  const { X, rows, cols, y, fitIntercept, l2 } = problem;
  const k = vectors(problem);
  const width = stride(problem);
  const z = new Float64Array(k * BLOCK);

  return (params, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let first = 0; first < rows; first += BLOCK) {
      const length = Math.min(BLOCK, rows - first);
      for (let c = 0; c < k; c++) {
        const offset = c * BLOCK;
        const b = fitIntercept ? params[c * width + cols] : 0;
        z.fill(b, offset, offset + length);
        addScores(X, rows, cols, first, length, params, c * width, z, offset);
      }
      // Loss, then the residual ∂loss/∂z overwrites z.
      loss += k === 1 ? binaryResiduals(z, y, first, length) : softmaxResiduals(z, y, first, length, k);
      for (let c = 0; c < k; c++) {
        const offset = c * BLOCK;
        addGradient(X, rows, cols, first, length, z, offset, grad, c * width);
        if (fitIntercept) {
          let s = 0;
          for (let i = 0; i < length; i++) s += z[offset + i];
          grad[c * width + cols] += s;
        }
      }
    }
    let squares = 0;
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < cols; j++) {
        const w = params[c * width + j];
        squares += w * w;
        grad[c * width + j] += l2 * w;
      }
    }
    return loss + 0.5 * l2 * squares;
  };
}

/**
 * Binary: for the scores z[0..length) of rows first.., returns Σ log(1 + e^z) − y·z and replaces
 * each score by its residual σ(z) − y. With e = exp(−|z|): log(1 + e^z) = max(z, 0) + log(1 + e).
 */
function binaryResiduals(z: Float64Array, y: Int32Array, first: number, length: number): number {
  let linear = 0;
  let logs = 0;
  let product = 1;
  for (let i = 0; i < length; i++) {
    const zi = z[i];
    const target = y[first + i];
    const e = expNonPositive(-Math.abs(zi));
    const onePlus = 1 + e;
    linear += (zi > 0 ? zi : 0) - target * zi;
    product *= onePlus;
    if (product > PRODUCT_LIMIT) {
      logs += Math.log(product);
      product = 1;
    }
    const inverse = 1 / onePlus;
    z[i] = (zi >= 0 ? inverse : e * inverse) - target;
  }
  return linear + logs + Math.log(product);
}

/**
 * Multinomial: z holds k score blocks of BLOCK; returns Σ logΣ_c e^{z_c} − z_y and replaces each
 * score by its residual softmax_c − [y = c]. Exponents are taken relative to the row's maximum.
 */
function softmaxResiduals(z: Float64Array, y: Int32Array, first: number, length: number, k: number): number {
  let linear = 0;
  let logs = 0;
  let product = 1;
  for (let i = 0; i < length; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, z[c * BLOCK + i]);
    const target = y[first + i];
    linear += max - z[target * BLOCK + i];
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = expNonPositive(z[c * BLOCK + i] - max);
      z[c * BLOCK + i] = e;
      sum += e;
    }
    product *= sum;
    if (product > PRODUCT_LIMIT) {
      logs += Math.log(product);
      product = 1;
    }
    const inverse = 1 / sum;
    for (let c = 0; c < k; c++) z[c * BLOCK + i] = z[c * BLOCK + i] * inverse - (target === c ? 1 : 0);
  }
  return linear + logs + Math.log(product);
}
