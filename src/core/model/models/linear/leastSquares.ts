// Closed-form least squares and ridge regression on (centred) column-major data: solves
// (XᵀX + alpha·I) w = Xᵀy, like scikit-learn's LinearRegression (alpha = 0) and Ridge (note:
// Ridge's alpha multiplies ||w||² against the *sum* of squared errors, not the mean).
// Columns are scaled to unit norm before forming the Gram matrix (better conditioning); constant
// columns get coefficient 0. When the system is singular (collinear features, more features than
// rows, alpha = 0) the minimum-norm solution is returned, as numpy's lstsq does.
import { choleskySolve, pseudoInverseSolve } from '../../optim/linalg';
import { addGradient } from './blockKernels';

const BLOCK = 2048;

export function solveRidge(
  X: Float64Array,
  rows: number,
  cols: number,
  y: Float64Array,
  alpha: number,
): { coef: Float64Array; singular: boolean } {
  const active: number[] = [];
  const norms = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    const start = j * rows;
    for (let i = 0; i < rows; i++) s += X[start + i] * X[start + i];
    norms[j] = Math.sqrt(s);
    if (norms[j] > 0) active.push(j);
  }
  const p = active.length;
  const coef = new Float64Array(cols);
  if (p === 0) return { coef, singular: false };
  // Gram (XᵀX) and Xᵀy over active columns, unscaled, by blocks of rows (cache-friendly).
  const packed = new Float64Array(rows * p);
  for (let a = 0; a < p; a++) packed.set(X.subarray(active[a] * rows, (active[a] + 1) * rows), a * rows);
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let first = 0; first < rows; first += BLOCK) {
    const length = Math.min(BLOCK, rows - first);
    // Upper triangle: row a of the Gram from column a on.
    for (let a = 0; a < p; a++)
      addGradient(packed.subarray(a * rows), rows, p - a, first, length, packed, a * rows + first, gram, a * p + a);
    addGradient(packed, rows, p, first, length, y, first, xty, 0);
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) gram[b * p + a] = gram[a * p + b];
  // Scaled system: (D⁻¹GD⁻¹ + alpha·D⁻²) v = D⁻¹Xᵀy, w = D⁻¹v.
  const scaled = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const na = norms[active[a]];
    rhs[a] = xty[a] / na;
    for (let b = 0; b < p; b++) scaled[a * p + b] = gram[a * p + b] / (na * norms[active[b]]);
    scaled[a * p + a] += alpha / (na * na);
  }
  const v = choleskySolve(scaled, rhs, p);
  if (v) {
    for (let a = 0; a < p; a++) coef[active[a]] = v[a] / norms[active[a]];
    return { coef, singular: false };
  }
  for (let a = 0; a < p; a++) gram[a * p + a] += alpha;
  const w = pseudoInverseSolve(gram, xty, p);
  for (let a = 0; a < p; a++) coef[active[a]] = w[a];
  return { coef, singular: true };
}
