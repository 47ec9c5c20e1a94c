// Gauss–Legendre quadrature on [0, 1]: n points and weights that integrate every polynomial of
// degree ≤ 2n − 1 exactly. The points are the roots of the Legendre polynomial P_n, found by
// Newton's method from Chebyshev-like starting guesses; the weights from P_n'.

export function gaussLegendre01(n: number): { points: Float64Array; weights: Float64Array } {
  const points = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      // P_n(x) and P_n'(x) by the three-term recurrence.
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 0 ? 1 : n === 1 ? x : p1;
      const pnMinus1 = n === 1 ? 1 : p0;
      derivative = (n * (x * pn - pnMinus1)) / (x * x - 1);
      const step = pn / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    // From [−1, 1] to [0, 1].
    points[i] = (1 - x) / 2;
    weights[i] = 1 / ((1 - x * x) * derivative * derivative);
  }
  return { points, weights };
}
