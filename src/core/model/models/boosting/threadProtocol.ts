// What the gradient-boosting histogram thread shares with the fitting thread: the buffers (all
// SharedArrayBuffer-backed) and the control words of the hand-off. A node's histogram is cut into
// units of a few features; both threads claim units one at a time (compare-and-swap on CLAIM,
// which holds the job number and the next unit), build them, and count them in DONE. Each unit is
// built by exactly one thread, in row order, so the sums do not depend on who built it; when the
// histogram thread is slow to wake (busy machine), the fitting thread simply builds more units.

/** (job number << UNIT_BITS) | next unclaimed unit of that job. */
export const CLAIM = 0;
/** Units of the current job built so far. */
export const DONE = 1;
export const START = 2;
export const END = 3;
export const IDENTITY = 4;
/** Element offset of the gradients read by an identity (root) job; −1 = the ordered buffers. */
export const GRADIENT_OFFSET = 5;
/** Set to 1 by the histogram thread when building a unit threw. */
export const FAILED = 6;
/** Set to 1 by the fitting thread to end the histogram thread. */
export const EXIT = 7;
export const CONTROL_WORDS = 8;

export const UNIT_BITS = 12;
export const MAX_UNITS = (1 << UNIT_BITS) - 1;
export const JOB_MASK = (1 << (31 - UNIT_BITS)) - 1;

export interface ThreadBuffers {
  control: Int32Array;
  bins: Uint8Array;
  packed: Uint32Array;
  rows: number;
  cols: number;
  /** Features per unit (a multiple of 4, the packed bins' group size). */
  unitFeatures: number;
  indices: Uint32Array;
  gradients: Float32Array;
  hessians: Float32Array;
  orderedG: Float32Array;
  orderedH: Float32Array;
  /** Histogram units built by the histogram thread, same layout as the caller's histogram. */
  hist: Float64Array;
  /** Row counts per feature and bin of all training rows (countBins), copied to the thread once. */
  rootCounts: Float64Array;
}

/**
 * Polls control[word] while `busy(value)` holds, for at most `ms` milliseconds; returns the last
 * value seen. A futex sleep and wake-up costs tens of microseconds per hand-off, polling a few
 * hundred nanoseconds: callers sleep with Atomics.wait only when polling ran out.
 */
export function spinWhile(control: Int32Array, word: number, busy: (value: number) => boolean, ms: number): number {
  let value = Atomics.load(control, word);
  if (!busy(value)) return value;
  const until = performance.now() + ms;
  for (let polls = 1; ; polls++) {
    value = Atomics.load(control, word);
    if (!busy(value)) return value;
    if ((polls & 255) === 0 && performance.now() > until) return value;
  }
}

/** Claims the next unit of job `job` (−1 when the job has no unit left or is no longer current). */
export function claimUnit(control: Int32Array, job: number, units: number): number {
  for (;;) {
    const claim = Atomics.load(control, CLAIM);
    const unit = claim & MAX_UNITS;
    if (claim >>> UNIT_BITS !== job || unit >= units) return -1;
    if (Atomics.compareExchange(control, CLAIM, claim, claim + 1) === claim) return unit;
  }
}
