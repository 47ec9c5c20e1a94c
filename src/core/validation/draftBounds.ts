// The margins a drafted expectation allows around what the training data showed, rounded
// outward to numbers people write: the bound never moves inside what was observed.

/** A power of ten no larger than `x / 10` (at least 10^-6), the step bounds are rounded to. */
function stepFor(width: number): number {
  if (!(width > 0) || !Number.isFinite(width)) return 1;
  return Math.max(1e-6, 10 ** Math.floor(Math.log10(width / 10)));
}

/** Rounds to the step without binary noise (0.1 + 0.2 style). */
function clean(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(value.toFixed(Math.min(decimals, 12)));
}

export function floorTo(value: number, step: number): number {
  return clean(Math.floor(value / step + 1e-9) * step, step);
}

export function ceilTo(value: number, step: number): number {
  return clean(Math.ceil(value / step - 1e-9) * step, step);
}

/**
 * A value range widened by `fraction` of its width on each side (by `fraction` of the value,
 * or 1, when every value was the same). Non-negative data keeps a non-negative minimum;
 * integer data keeps integer bounds.
 */
export function widenRange(
  min: number,
  max: number,
  options: { fraction?: number; integer?: boolean } = {},
): { min: number; max: number; clampedAtZero: boolean } {
  const fraction = options.fraction ?? 0.1;
  const width = max - min;
  const margin = width > 0 ? width * fraction : Math.abs(max) * fraction || 1;
  // Rounded to the margin's own power of ten: bounds read well and move by 1-2 margins at most.
  let step = stepFor(margin * 10);
  if (options.integer) step = Math.max(1, step);
  let low = floorTo(min - margin, step);
  const high = ceilTo(max + margin, step);
  const clampedAtZero = min >= 0 && low < 0;
  if (clampedAtZero) low = 0;
  return { min: low, max: high, clampedAtZero };
}

/** [center - half, center + half], rounded outward to a step of about a tenth of `half`. */
export function aroundCenter(center: number, half: number): { min: number; max: number } {
  const step = stepFor(half);
  return { min: floorTo(center - half, step), max: ceilTo(center + half, step) };
}

/** An allowance of missing values above what training showed: 1.5× plus one point, at most 100%. */
export function missingAllowance(percent: number): number {
  return Math.min(100, ceilTo(percent * 1.5 + 1, 0.1));
}
