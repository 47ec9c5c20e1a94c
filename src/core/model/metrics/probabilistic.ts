// Scores of predicted probabilities, like scikit-learn 1.2.1: log_loss (eps="auto": clip to
// [ε, 1−ε] with ε = float64 machine epsilon, renormalise each row, mean of −log p(true class))
// and brier_score_loss (binary, positive class; multi-class: the mean over classes of the
// one-vs-rest Brier score).

/** Machine epsilon of float64: scikit-learn 1.2's log_loss eps="auto". */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/** log_loss(y, proba, labels=all classes). */
export function logLoss(y: Int32Array, proba: Float64Array, classes: number): number {
  const n = y.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const base = i * classes;
    let rowSum = 0;
    for (let c = 0; c < classes; c++) rowSum += clip(proba[base + c]);
    total += -Math.log(clip(proba[base + y[i]]) / rowSum);
  }
  return total / n;
}

/** −log of the clipped, renormalised probability of each row's true class (the per-row loss). */
export function rowLogLoss(y: Int32Array, proba: Float64Array, classes: number): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const base = i * classes;
    let rowSum = 0;
    for (let c = 0; c < classes; c++) rowSum += clip(proba[base + c]);
    out[i] = -Math.log(clip(proba[base + y[i]]) / rowSum);
  }
  return out;
}

function clip(p: number): number {
  return p < LOG_LOSS_EPS ? LOG_LOSS_EPS : p > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : p;
}

/** brier_score_loss of class c against the rest: mean of (1[y = c] − p_c)². */
export function brierScore(y: Int32Array, proba: Float64Array, classes: number, c: number): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const d = (y[i] === c ? 1 : 0) - proba[i * classes + c];
    sum += d * d;
  }
  return sum / y.length;
}

/** Multi-class Brier score: the mean over classes of the one-vs-rest Brier score. */
export function brierScoreOvr(y: Int32Array, proba: Float64Array, classes: number): number {
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += brierScore(y, proba, classes, c);
  return sum / classes;
}
