// The formulas behind the profile's figures, in plain TypeScript, each written to agree with the
// library data scientists check us against (pandas / NumPy / SciPy). SQL gathers sums and order
// statistics; these turn them into the reported numbers.

/** Central-moment sums of the finite values: n, Σ(x-mean)², Σ(x-mean)³, Σ(x-mean)⁴. */
export interface MomentSums {
  n: number;
  m2: number;
  m3: number;
  m4: number;
}

/** Sample standard deviation (ddof 1); null below 2 values. */
export function sampleStd({ n, m2 }: MomentSums): number | null {
  return n < 2 ? null : Math.sqrt(m2 / (n - 1));
}

/**
 * Adjusted Fisher-Pearson skewness G1, exactly as pandas' nanskew: n·√(n-1)/(n-2) · m3/m2^1.5,
 * 0 for a constant column, null below 3 values.
 */
export function skewness({ n, m2, m3 }: MomentSums): number | null {
  if (n < 3) return null;
  if (m2 === 0) return 0;
  return ((n * Math.sqrt(n - 1)) / (n - 2)) * (m3 / Math.pow(m2, 1.5));
}

/** Excess kurtosis G2, exactly as pandas' nankurt; 0 for a constant column, null below 4 values. */
export function kurtosis({ n, m2, m4 }: MomentSums): number | null {
  if (n < 4) return null;
  if (m2 === 0) return 0;
  const adj = (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
  const numerator = n * (n + 1) * (n - 1) * m4;
  const denominator = (n - 2) * (n - 3) * m2 * m2;
  return numerator / denominator - adj;
}

/** The 0-based order positions a linear-interpolated quantile reads: floor(h) and floor(h)+1, h = (n-1)p. */
export function quantilePositions(n: number, p: number): { lo: number; hi: number; fraction: number } {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return { lo, hi: Math.min(lo + 1, n - 1), fraction: h - lo };
}

/** NumPy's linear interpolation between two order statistics (its `_lerp`, stable near t = 1). */
export function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Pearson correlation from a pair's sums; null when either side is constant or n < 2. */
export function pearsonFromSums(
  n: number,
  sx: number,
  sy: number,
  sxx: number,
  syy: number,
  sxy: number,
): number | null {
  if (n < 2) return null;
  const cov = sxy - (sx * sy) / n;
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  if (vx <= 0 || vy <= 0) return null;
  return clampCorrelation(cov / Math.sqrt(vx * vy));
}

/** Rounding can push |r| a hair past 1; a correlation never is. */
export function clampCorrelation(r: number | null): number | null {
  if (r === null || !Number.isFinite(r)) return null;
  return Math.max(-1, Math.min(1, r));
}

/**
 * Cramér's V of a contingency table (rows × columns of counts): √(χ²/(n·(min(r,k)-1))), with
 * no continuity correction (as scipy.stats.contingency.association). Null when a side has a
 * single category.
 */
export function cramersV(table: number[][]): number | null {
  const rows = table.length;
  const cols = rows > 0 ? table[0].length : 0;
  if (rows < 2 || cols < 2) return null;
  const rowSums = table.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: cols }, (_, j) => table.reduce((a, r) => a + r[j], 0));
  const n = rowSums.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  let chi2 = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const expected = (rowSums[i] * colSums[j]) / n;
      if (expected > 0) chi2 += (table[i][j] - expected) ** 2 / expected;
    }
  }
  const v = Math.sqrt(chi2 / (n * (Math.min(rows, cols) - 1)));
  return Math.min(1, v);
}

/** Per-category summary of a numeric column: how many values, their mean and population variance. */
export interface GroupMoments {
  n: number;
  mean: number;
  /** Population variance (ddof 0) within the group. */
  variance: number;
}

/** Correlation ratio η = √(SS_between / SS_total) of a numeric column across categories. */
export function correlationRatio(groups: GroupMoments[]): number | null {
  const used = groups.filter((g) => g.n > 0);
  const n = used.reduce((a, g) => a + g.n, 0);
  if (n < 2 || used.length < 1) return null;
  const mean = used.reduce((a, g) => a + g.n * g.mean, 0) / n;
  const between = used.reduce((a, g) => a + g.n * (g.mean - mean) ** 2, 0);
  const within = used.reduce((a, g) => a + g.n * g.variance, 0);
  const total = between + within;
  if (total <= 0) return null;
  return Math.min(1, Math.sqrt(between / total));
}

/** ydata-profiling's imbalance: 1 - entropy / log(k) of the category counts (0 balanced, 1 one class). */
export function entropyImbalance(counts: number[]): number {
  const used = counts.filter((c) => c > 0);
  if (used.length <= 1) return 0;
  const n = used.reduce((a, b) => a + b, 0);
  let entropy = 0;
  for (const c of used) entropy -= (c / n) * Math.log(c / n);
  return 1 - entropy / Math.log(used.length);
}

/** Regularized upper incomplete gamma Q(a, x) (Numerical Recipes' gammq), for χ² p-values. */
export function upperGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnGammaA = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let k = 1; k < 1000; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(-x + a * Math.log(x) - lnGammaA));
  }
  // Continued fraction (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(-x + a * Math.log(x) - lnGammaA) * h);
}

/** Lanczos approximation of ln Γ(x). */
export function logGamma(x: number): number {
  const g = 7;
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = coefficients[0];
  for (let i = 1; i < g + 2; i++) sum += coefficients[i] / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * p-value of the χ² goodness-of-fit test of `counts` against a uniform distribution, as
 * scipy.stats.chisquare (ydata-profiling's "uniform" alert fires when it exceeds 0.999).
 */
export function chiSquareUniformPValue(counts: number[]): number | null {
  const k = counts.length;
  if (k < 2) return null;
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const expected = n / k;
  let chi2 = 0;
  for (const c of counts) chi2 += (c - expected) ** 2 / expected;
  return upperGammaQ((k - 1) / 2, chi2 / 2);
}

/** A finite number or null (JSON has no NaN or Infinity). */
export function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}
