// The special functions behind the filter statistics' p-values and the mutual-information
// estimator, written to agree with SciPy's (cephes) fdtrc / chdtrc and digamma:
// F and χ² survival functions through the regularized incomplete beta / gamma functions.
import { logGamma, upperGammaQ } from '../../profile/statsMath';

const EULER_GAMMA = 0.5772156649015329;

/**
 * ψ(1..n) as a table: ψ(m) = -γ + Σ_{i<m} 1/i. The Kraskov estimator only needs the digamma of
 * positive integers (neighbour counts), so a table is exact and fast. Index 0 is unused (NaN).
 */
export function digammaTable(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  table[0] = NaN;
  let value = -EULER_GAMMA;
  for (let m = 1; m <= n; m++) {
    table[m] = value;
    value += 1 / m;
  }
  return table;
}

/** Continued fraction of the incomplete beta (modified Lentz), valid for x < (a+1)/(a+b+2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(F > f) for the F distribution with (d1, d2) degrees of freedom (scipy.special.fdtrc). NaN for NaN f. */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  // P(F > f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2).
  return incompleteBeta(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
}

/** P(χ²_df > x) (scipy.special.chdtrc). */
export function chiSquareSurvival(x: number, df: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return upperGammaQ(df / 2, x / 2);
}
