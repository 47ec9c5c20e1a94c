// Small dense linear algebra for the closed-form linear models: Cholesky factorisation and solve
// of a symmetric positive-definite system, and the symmetric eigendecomposition (cyclic Jacobi)
// used for the minimum-norm least-squares solution when the system is singular (collinear
// features, more features than rows). Matrices are p × p row-major Float64Arrays.

/**
 * Solves A x = b in place of a copy of A by Cholesky (A = L Lᵀ). Returns null when A is not
 * numerically positive definite (a pivot ≤ `relativeTolerance` × the largest diagonal entry).
 */
export function choleskySolve(
  A: Float64Array,
  b: Float64Array,
  p: number,
  relativeTolerance = 1e-10,
): Float64Array | null {
  const L = new Float64Array(A);
  let maxDiagonal = 0;
  for (let i = 0; i < p; i++) maxDiagonal = Math.max(maxDiagonal, Math.abs(A[i * p + i]));
  const floor = relativeTolerance * maxDiagonal;
  for (let j = 0; j < p; j++) {
    let d = L[j * p + j];
    for (let k = 0; k < j; k++) d -= L[j * p + k] * L[j * p + k];
    if (!(d > floor)) return null;
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = L[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = s / ljj;
    }
  }
  const x = new Float64Array(b);
  for (let i = 0; i < p; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * x[k];
    x[i] = s / L[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
    x[i] = s / L[i * p + i];
  }
  return x;
}

/** Eigenvalues and eigenvectors (columns of `vectors`, row-major p × p) of a symmetric matrix. */
export function symmetricEigen(A: Float64Array, p: number): { values: Float64Array; vectors: Float64Array } {
  const a = new Float64Array(A);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        const x = a[i * p + j] * a[i * p + j];
        total += x;
        if (i !== j) off += x;
      }
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let i = 0; i < p - 1; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j];
        if (aij === 0) continue;
        const theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const aki = a[k * p + i];
          const akj = a[k * p + j];
          a[k * p + i] = c * aki - s * akj;
          a[k * p + j] = s * aki + c * akj;
        }
        for (let k = 0; k < p; k++) {
          const aik = a[i * p + k];
          const ajk = a[j * p + k];
          a[i * p + k] = c * aik - s * ajk;
          a[j * p + k] = s * aik + c * ajk;
        }
        for (let k = 0; k < p; k++) {
          const vki = v[k * p + i];
          const vkj = v[k * p + j];
          v[k * p + i] = c * vki - s * vkj;
          v[k * p + j] = s * vki + c * vkj;
        }
      }
    }
  }
  const values = new Float64Array(p);
  for (let i = 0; i < p; i++) values[i] = a[i * p + i];
  return { values, vectors: v };
}

/**
 * Minimum-norm solution of A x = b for symmetric positive semi-definite A: eigenvalues below
 * `relativeCutoff` × the largest are treated as zero (the pseudo-inverse).
 */
export function pseudoInverseSolve(A: Float64Array, b: Float64Array, p: number, relativeCutoff = 1e-10): Float64Array {
  const { values, vectors } = symmetricEigen(A, p);
  let largest = 0;
  for (let k = 0; k < p; k++) largest = Math.max(largest, values[k]);
  const x = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    if (!(values[k] > relativeCutoff * largest)) continue;
    let projection = 0;
    for (let i = 0; i < p; i++) projection += vectors[i * p + k] * b[i];
    const scale = projection / values[k];
    for (let i = 0; i < p; i++) x[i] += scale * vectors[i * p + k];
  }
  return x;
}
