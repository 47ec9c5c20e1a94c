// Histogram building on two threads: the features of a large node's histogram are cut into units
// that this thread and one histogram thread claim and build (threadProtocol.ts), on shared
// buffers. The histogram thread lives for one fit. Small nodes are built here alone (the hand-off
// costs more than it saves). The thread script is the bundle's dist/boostingThread.js next to the
// running bundle, or histogramThread.ts through tsx when running from sources (tests).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HistogramBuilder } from './grower';
import { buildHistogramRange, FEATURE_STRIDE, type HistogramInput } from './histogram';
import {
  claimUnit,
  CLAIM,
  CONTROL_WORDS,
  DONE,
  END,
  EXIT,
  FAILED,
  GRADIENT_OFFSET,
  IDENTITY,
  JOB_MASK,
  MAX_UNITS,
  START,
  spinWhile,
  UNIT_BITS,
  type ThreadBuffers,
} from './threadProtocol';

/** Below this many row × feature updates a node's histogram is built in this thread only. */
const MIN_SHARED_WORK = 32 * 1024;

/**
 * From how many training rows × features a fit starts the histogram thread (tests lower it).
 * Measured on the bench's 67,500 × 20 fit (alternating fits in one process) with the machine
 * busy (load 2.7–8 on 2 cores): two threads took 0.9–1.3× the wall time of one, as the other
 * thread often waits for a core. Unmeasured on a quiet machine, so left high until it is.
 */
export const threadSettings = { minTrainingCells: 4_000_000 };
const WAIT_LIMIT_MS = 120_000;
/** How long this thread polls for the histogram thread's last unit before sleeping. */
const SPIN_MS = 2;

export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** A Float32/Uint8/Uint32 array of `length` in shared memory. */
export function sharedArray<T extends Float32Array | Uint8Array | Uint32Array>(
  Type: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

function threadEntry(): { code: string; eval: boolean } | null {
  if (__filename.endsWith('.ts')) {
    const entry = join(__dirname, 'histogramThread.ts');
    return {
      code: `const r = require('node:module').createRequire(${JSON.stringify(entry)}); r('tsx/cjs'); r(${JSON.stringify(entry)});`,
      eval: true,
    };
  }
  for (const candidate of [join(__dirname, 'boostingThread.js'), join(__dirname, '..', 'boostingThread.js')]) {
    if (existsSync(candidate)) return { code: candidate, eval: false };
  }
  return null;
}

export interface ThreadedBuilder extends HistogramBuilder {
  /** Ends the histogram thread (always call it, also after an error or a cancel). */
  close(): Promise<void>;
}

/**
 * Starts the histogram thread on shared buffers (input.bins/packed/indices/gradients/hessians and
 * the ordered buffers must be SharedArrayBuffer-backed). Null when no thread script is available.
 */
export async function threadedHistogramBuilder(
  input: HistogramInput,
  orderedG: Float32Array,
  orderedH: Float32Array,
  cols: number,
  rootCounts: Float64Array,
): Promise<ThreadedBuilder | null> {
  const entry = threadEntry();
  if (!entry || cols < 2) return null;
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  const hist = new Float64Array(new SharedArrayBuffer(cols * FEATURE_STRIDE * 8));
  // Units of 4 features (the packed bins' group), more for very wide data (the claim word holds ≤ MAX_UNITS).
  const unitFeatures = 4 * Math.max(1, Math.ceil(cols / (4 * MAX_UNITS)));
  const units = Math.ceil(cols / unitFeatures);
  const buffers: ThreadBuffers = {
    control,
    bins: input.bins,
    packed: input.packed,
    rows: input.rows,
    cols,
    unitFeatures,
    indices: input.indices,
    gradients: input.gradients,
    hessians: input.hessians,
    orderedG,
    orderedH,
    hist,
    rootCounts,
  };
  const worker = new Worker(entry.code, { eval: entry.eval, workerData: buffers });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('online', resolve);
      worker.once('error', reject);
    });
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  let failure: Error | null = null;
  worker.on('error', (error) => {
    failure = error;
  });
  const sharedGradients = input.gradients;
  const mine = new Uint8Array(units);
  let job = 0;

  const waitForUnits = () => {
    const waitStarted = Date.now();
    let done = spinWhile(control, DONE, (d) => d < units && control[FAILED] === 0, SPIN_MS);
    while (done < units && control[FAILED] === 0) {
      Atomics.wait(control, DONE, done, 1000);
      done = Atomics.load(control, DONE);
      if (done < units && Date.now() - waitStarted > WAIT_LIMIT_MS)
        throw new Error('hist_gradient_boosting: the histogram thread stopped responding.');
    }
    if (control[FAILED] !== 0) throw new Error('hist_gradient_boosting: the histogram thread failed.');
  };

  return {
    build(out, start, end, og, oh, identity) {
      if (failure) throw failure;
      if ((end - start) * cols < MIN_SHARED_WORK) {
        buildHistogramRange(input, out, start, end, og, oh, identity, 0, cols, rootCounts);
        return;
      }
      const offset = og.buffer === sharedGradients.buffer ? og.byteOffset / 4 : -1;
      if (offset < 0 && og !== orderedG)
        throw new Error('hist_gradient_boosting: gradients for the histogram thread must be in the shared buffers.');
      control[START] = start;
      control[END] = end;
      control[IDENTITY] = identity ? 1 : 0;
      control[GRADIENT_OFFSET] = offset;
      Atomics.store(control, DONE, 0);
      job = (job % JOB_MASK) + 1;
      Atomics.store(control, CLAIM, job << UNIT_BITS);
      Atomics.notify(control, CLAIM);
      mine.fill(0);
      for (let unit = claimUnit(control, job, units); unit >= 0; unit = claimUnit(control, job, units)) {
        const f0 = unit * unitFeatures;
        buildHistogramRange(
          input,
          out,
          start,
          end,
          og,
          oh,
          identity,
          f0,
          Math.min(cols, f0 + unitFeatures),
          rootCounts,
        );
        mine[unit] = 1;
        Atomics.add(control, DONE, 1);
      }
      waitForUnits();
      for (let unit = 0; unit < units; unit++) {
        if (mine[unit]) continue;
        const from = unit * unitFeatures * FEATURE_STRIDE;
        out.set(hist.subarray(from, Math.min(cols, (unit + 1) * unitFeatures) * FEATURE_STRIDE), from);
      }
    },
    async close() {
      Atomics.store(control, EXIT, 1);
      Atomics.add(control, CLAIM, 1);
      Atomics.notify(control, CLAIM);
      await worker.terminate();
    },
  };
}
