// The limited-memory BFGS inverse-Hessian approximation (Nocedal & Wright, Numerical
// Optimization, algorithm 7.4): the last m curvature pairs (s = Δx, y = Δgradient) and the
// two-loop recursion that applies the approximation to a vector without forming a matrix.

export class LbfgsMemory {
  private readonly s: Float64Array[] = [];
  private readonly y: Float64Array[] = [];
  private readonly rho: number[] = [];
  private readonly alpha: Float64Array;

  constructor(
    private readonly dimension: number,
    private readonly capacity = 10,
  ) {
    this.alpha = new Float64Array(capacity);
  }

  get size(): number {
    return this.s.length;
  }

  reset(): void {
    this.s.length = 0;
    this.y.length = 0;
    this.rho.length = 0;
  }

  /** Adds a pair when it has positive curvature (sᵀy > ε·yᵀy); returns whether it was kept. */
  push(s: Float64Array, y: Float64Array): boolean {
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < this.dimension; i++) {
      sy += s[i] * y[i];
      yy += y[i] * y[i];
    }
    if (!(sy > 2.2e-16 * yy) || yy === 0) return false;
    if (this.s.length === this.capacity) {
      // Reuse the oldest buffers.
      const oldS = this.s.shift() as Float64Array;
      const oldY = this.y.shift() as Float64Array;
      this.rho.shift();
      oldS.set(s);
      oldY.set(y);
      this.s.push(oldS);
      this.y.push(oldY);
    } else {
      this.s.push(Float64Array.from(s));
      this.y.push(Float64Array.from(y));
    }
    this.rho.push(1 / sy);
    return true;
  }

  /** out = −H·g (the quasi-Newton descent direction for gradient g). */
  direction(g: Float64Array, out: Float64Array): Float64Array {
    const n = this.dimension;
    for (let i = 0; i < n; i++) out[i] = -g[i];
    const k = this.s.length;
    for (let m = k - 1; m >= 0; m--) {
      const s = this.s[m];
      let a = 0;
      for (let i = 0; i < n; i++) a += s[i] * out[i];
      a *= this.rho[m];
      this.alpha[m] = a;
      const y = this.y[m];
      for (let i = 0; i < n; i++) out[i] -= a * y[i];
    }
    if (k > 0) {
      // Initial Hessian scaling γ = sᵀy / yᵀy of the newest pair.
      const y = this.y[k - 1];
      let yy = 0;
      for (let i = 0; i < n; i++) yy += y[i] * y[i];
      const gamma = 1 / (this.rho[k - 1] * yy);
      for (let i = 0; i < n; i++) out[i] *= gamma;
    }
    for (let m = 0; m < k; m++) {
      const y = this.y[m];
      let b = 0;
      for (let i = 0; i < n; i++) b += y[i] * out[i];
      b *= this.rho[m];
      const s = this.s[m];
      const c = this.alpha[m] - b;
      for (let i = 0; i < n; i++) out[i] += c * s[i];
    }
    return out;
  }
}
