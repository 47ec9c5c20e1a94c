// Entry of the gradient-boosting histogram thread (bundled as dist/boostingThread.js): waits for a
// histogram job in the shared control words, claims and builds units of its features into the
// shared output until none is left (see threadProtocol.ts), and repeats until told to exit.
import { workerData } from 'node:worker_threads';
import { buildHistogramRange } from './histogram';
import {
  claimUnit,
  CLAIM,
  DONE,
  END,
  EXIT,
  FAILED,
  GRADIENT_OFFSET,
  IDENTITY,
  MAX_UNITS,
  START,
  spinWhile,
  UNIT_BITS,
  type ThreadBuffers,
} from './threadProtocol';

/** How long the thread polls for the next job before sleeping: a tree's jobs follow each other within microseconds. */
const SPIN_MS = 0.5;

const b = workerData as ThreadBuffers;
const control = b.control;
const input = {
  bins: b.bins,
  packed: b.packed,
  rows: b.rows,
  gradients: b.gradients,
  hessians: b.hessians,
  indices: b.indices,
};
const units = Math.ceil(b.cols / b.unitFeatures);

/** Builds the units of the job announced by `claim` that this thread manages to claim. */
function work(claim: number): void {
  const job = claim >>> UNIT_BITS;
  for (;;) {
    // The job's parameters, read before claiming: a successful claim proves they were still this job's.
    const start = control[START];
    const end = control[END];
    const identity = control[IDENTITY] === 1;
    const offset = control[GRADIENT_OFFSET];
    const unit = claimUnit(control, job, units);
    if (unit < 0) return;
    try {
      const g = offset >= 0 ? b.gradients.subarray(offset, offset + (end - start)) : b.orderedG;
      const h = offset >= 0 ? b.hessians.subarray(offset, offset + (end - start)) : b.orderedH;
      const f0 = unit * b.unitFeatures;
      buildHistogramRange(
        input,
        b.hist,
        start,
        end,
        g,
        h,
        identity,
        f0,
        Math.min(b.cols, f0 + b.unitFeatures),
        b.rootCounts,
      );
    } catch {
      Atomics.store(control, FAILED, 1);
    }
    if (Atomics.add(control, DONE, 1) + 1 >= units || control[FAILED]) Atomics.notify(control, DONE);
  }
}

let seen = Atomics.load(control, CLAIM);
while (Atomics.load(control, EXIT) === 0) {
  let claim = spinWhile(control, CLAIM, (c) => c === seen, SPIN_MS);
  if (claim === seen) {
    Atomics.wait(control, CLAIM, seen);
    claim = Atomics.load(control, CLAIM);
  }
  if (Atomics.load(control, EXIT) !== 0) break;
  if ((claim & MAX_UNITS) < units) work(claim);
  seen = Atomics.load(control, CLAIM);
}
