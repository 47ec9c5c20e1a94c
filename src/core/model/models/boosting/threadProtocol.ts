// What the gradient-boosting histogram thread shares with the fitting thread: the buffers (all
// SharedArrayBuffer-backed) and the control words through which one histogram job at a time is
// handed over (Atomics.wait/notify, no messages per job).

export const STATE = 0;
export const START = 1;
export const END = 2;
export const IDENTITY = 3;
export const F0 = 4;
export const F1 = 5;
/** Element offset of the gradients read by an identity (root) job; −1 = the ordered buffers. */
export const GRADIENT_OFFSET = 6;
export const CONTROL_WORDS = 8;

export const IDLE = 0;
export const JOB = 1;
export const DONE = 2;
export const FAILED = 3;
export const EXIT = 4;

export interface ThreadBuffers {
  control: Int32Array;
  bins: Uint8Array;
  rows: number;
  indices: Uint32Array;
  gradients: Float32Array;
  hessians: Float32Array;
  orderedG: Float32Array;
  orderedH: Float32Array;
  /** The thread's output: features [F0, F1) of the histogram, same layout as the caller's. */
  hist: Float64Array;
  /** Row counts per feature and bin of all training rows (countBins), copied to the thread once. */
  rootCounts: Float64Array;
}
