// Regression metrics, defined like scikit-learn 1.2.1: mean_squared_error (and its root),
// mean_absolute_error, r2_score and explained_variance_score (force_finite: a constant y_true
// gives 1 for a perfect fit, else 0), mean_absolute_percentage_error (denominator
// max(|y|, float64 eps)), median_absolute_error and max_error.

export const MAPE_EPS = 2.220446049250313e-16;

export function meanSquaredError(y: Float64Array, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const d = y[i] - p[i];
    s += d * d;
  }
  return s / y.length;
}

export function rootMeanSquaredError(y: Float64Array, p: Float64Array): number {
  return Math.sqrt(meanSquaredError(y, p));
}

export function meanAbsoluteError(y: Float64Array, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i] - p[i]);
  return s / y.length;
}

export function meanAbsolutePercentageError(y: Float64Array, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(p[i] - y[i]) / Math.max(Math.abs(y[i]), MAPE_EPS);
  return s / y.length;
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** r2_score; undefined for fewer than two rows (scikit-learn returns NaN with a warning). */
export function r2Score(y: Float64Array, p: Float64Array): number | undefined {
  if (y.length < 2) return undefined;
  const m = mean(y);
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    const r = y[i] - p[i];
    num += r * r;
    const d = y[i] - m;
    den += d * d;
  }
  if (den === 0) return num === 0 ? 1 : 0;
  return 1 - num / den;
}

export function explainedVariance(y: Float64Array, p: Float64Array): number {
  const n = y.length;
  let diffMean = 0;
  for (let i = 0; i < n; i++) diffMean += y[i] - p[i];
  diffMean /= n;
  const yMean = mean(y);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - p[i] - diffMean;
    num += r * r;
    const d = y[i] - yMean;
    den += d * d;
  }
  num /= n;
  den /= n;
  if (den === 0) return num === 0 ? 1 : 0;
  return 1 - num / den;
}

/** numpy's median: the mean of the two middle values for an even count. */
export function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function medianAbsoluteError(y: Float64Array, p: Float64Array): number {
  const abs = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) abs[i] = Math.abs(y[i] - p[i]);
  return median(abs);
}

export function maxError(y: Float64Array, p: Float64Array): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) m = Math.max(m, Math.abs(y[i] - p[i]));
  return m;
}
