// Entry of the gradient-boosting histogram thread (bundled as dist/boostingThread.js): waits for
// a job in the shared control words, builds its share of the features of one node's histogram
// into the shared output, signals done, and repeats until told to exit.
import { workerData } from 'node:worker_threads';
import { buildHistogramRange } from './histogram';
import { DONE, END, EXIT, F0, F1, FAILED, GRADIENT_OFFSET, IDENTITY, JOB, START, STATE, type ThreadBuffers } from './threadProtocol';

const b = workerData as ThreadBuffers;
const control = b.control;
const input = { bins: b.bins, rows: b.rows, gradients: b.gradients, hessians: b.hessians, indices: b.indices };

for (;;) {
  let state = Atomics.load(control, STATE);
  while (state !== JOB && state !== EXIT) {
    Atomics.wait(control, STATE, state);
    state = Atomics.load(control, STATE);
  }
  if (state === EXIT) break;
  try {
    const start = control[START];
    const end = control[END];
    const offset = control[GRADIENT_OFFSET];
    const g = offset >= 0 ? b.gradients.subarray(offset, offset + (end - start)) : b.orderedG;
    const h = offset >= 0 ? b.hessians.subarray(offset, offset + (end - start)) : b.orderedH;
    buildHistogramRange(input, b.hist, start, end, g, h, control[IDENTITY] === 1, control[F0], control[F1], b.rootCounts);
    Atomics.store(control, STATE, DONE);
  } catch {
    Atomics.store(control, STATE, FAILED);
  }
  Atomics.notify(control, STATE);
}
