// Line search for the strong Wolfe conditions (Nocedal & Wright, algorithms 3.5 and 3.6):
// bracket a step with sufficient decrease, then zoom with safeguarded cubic interpolation until
// the slope condition |φ'(a)| ≤ c2·|φ'(0)| holds too. φ(a) = f(x + a·d).

export interface LinePoint {
  f: number;
  /** Directional derivative φ'(a) = ∇f(x + a·d)ᵀd. */
  slope: number;
}

export interface LineSearchResult {
  ok: boolean;
  step: number;
  f: number;
  evaluations: number;
}

const C1 = 1e-4;
const C2 = 0.9;

/** Minimiser of the cubic interpolating (a, fa, da) and (b, fb, db), or NaN when it has none. */
function cubicMinimum(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const radicand = d1 * d1 - da * db;
  if (radicand < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(radicand);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}

export function strongWolfe(
  phi: (step: number) => LinePoint,
  f0: number,
  slope0: number,
  initialStep: number,
  maxEvaluations = 20,
  maxStep = 1e10,
): LineSearchResult {
  let evaluations = 0;
  let previous = 0;
  let fPrevious = f0;
  let slopePrevious = slope0;
  let step = initialStep;
  let bestSufficient: LineSearchResult | null = null;

  const zoom = (
    lo: number,
    fLo: number,
    slopeLo: number,
    hi: number,
    fHi: number,
    slopeHi: number,
  ): LineSearchResult => {
    while (evaluations < maxEvaluations) {
      const width = Math.abs(hi - lo);
      if (width < 1e-16 * Math.max(1, Math.abs(lo))) break;
      const left = Math.min(lo, hi);
      const right = Math.max(lo, hi);
      let trial = cubicMinimum(lo, fLo, slopeLo, hi, fHi, slopeHi);
      if (!Number.isFinite(trial) || trial < left + 0.1 * width || trial > right - 0.1 * width) trial = (lo + hi) / 2;
      const point = phi(trial);
      evaluations++;
      if (point.f > f0 + C1 * trial * slope0 || point.f >= fLo) {
        hi = trial;
        fHi = point.f;
        slopeHi = point.slope;
      } else {
        if (Math.abs(point.slope) <= -C2 * slope0) return { ok: true, step: trial, f: point.f, evaluations };
        if (point.slope * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          slopeHi = slopeLo;
        }
        lo = trial;
        fLo = point.f;
        slopeLo = point.slope;
      }
    }
    // Out of evaluations: accept the best point with sufficient decrease, if any.
    if (lo > 0 && fLo < f0) return { ok: true, step: lo, f: fLo, evaluations };
    return bestSufficient ?? { ok: false, step: 0, f: f0, evaluations };
  };

  while (evaluations < maxEvaluations) {
    const point = phi(step);
    evaluations++;
    if (!Number.isFinite(point.f) || point.f > f0 + C1 * step * slope0 || (evaluations > 1 && point.f >= fPrevious)) {
      if (!Number.isFinite(point.f)) {
        // Overflow: retreat towards the last good step.
        return zoom(previous, fPrevious, slopePrevious, step, Number.MAX_VALUE, Math.abs(slope0) * 1e10);
      }
      return zoom(previous, fPrevious, slopePrevious, step, point.f, point.slope);
    }
    bestSufficient = { ok: true, step, f: point.f, evaluations };
    if (Math.abs(point.slope) <= -C2 * slope0) return { ok: true, step, f: point.f, evaluations };
    if (point.slope >= 0) return zoom(step, point.f, point.slope, previous, fPrevious, slopePrevious);
    previous = step;
    fPrevious = point.f;
    slopePrevious = point.slope;
    step = Math.min(step * 4, maxStep);
  }
  return bestSufficient ?? { ok: false, step: 0, f: f0, evaluations };
}
