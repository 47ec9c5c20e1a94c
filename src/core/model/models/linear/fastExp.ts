// exp(x) for x ≤ 0, the only range the logistic and softmax losses need (exp(−|z|), exp(z − max)).
// About 3× faster than Math.exp in V8 because it is inlined instead of calling into C: Tang's
// table method, x = (32m + j)·ln2/32 + r with |r| ≤ ln2/64, so exp(x) = 2^m · 2^(j/32) · e^r,
// with e^r from its degree-6 Taylor polynomial (truncation error < 4e-18). Relative error: a few
// units in the last place (tested against Math.exp). Results below the double range are 0.

const STEPS = 32;
/** 2^(j/32), j = 0..31. */
const FRACTIONS = Float64Array.from({ length: STEPS }, (_, j) => Math.pow(2, j / STEPS));
/** 2^m at index m + LOWEST_POWER, m = −1076..0 (the lowest ones subnormal or 0). */
const LOWEST_POWER = 1076;
const POWERS = Float64Array.from({ length: LOWEST_POWER + 1 }, (_, index) => Math.pow(2, index - LOWEST_POWER));
const STEPS_PER_UNIT = STEPS / Math.LN2;
/** ln2/32 split in two (fdlibm's ln2_hi / ln2_lo over 32): k · STEP_HIGH is exact for |k| < 2^20. */
const STEP_HIGH = 6.9314718036912381649e-1 / STEPS;
const STEP_LOW = 1.90821492927058770002e-10 / STEPS;
/** Adding and subtracting 1.5 · 2^52 rounds a double of magnitude < 2^51 to the nearest integer. */
const ROUNDER = 6755399441055744;
/** Below this exp(x) is less than half the smallest subnormal. */
const UNDERFLOW = -745.1332191019412;

/** exp(x) for x ≤ 0 (NaN stays NaN; x > 0 is outside the contract). */
export function expNonPositive(x: number): number {
  if (x < UNDERFLOW) return 0;
  const steps = x * STEPS_PER_UNIT + ROUNDER - ROUNDER;
  const k = steps | 0;
  const r = x - steps * STEP_HIGH - steps * STEP_LOW;
  const er = 1 + r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  return POWERS[(k >> 5) + LOWEST_POWER] * (FRACTIONS[k & 31] * er);
}
