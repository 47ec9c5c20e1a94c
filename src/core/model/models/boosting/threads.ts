// Histogram building on two threads: a node's features are split between this thread and one
// histogram thread that reads the same shared buffers. Small nodes are built here alone (the
// hand-over costs more than it saves). The thread script is the bundle's dist/boostingThread.js
// next to the running bundle, or histogramThread.ts through tsx when running from sources (tests).
//
// Measured on this 2-core machine (67,500 × 20 training rows, 100 rounds, machine otherwise
// lightly loaded): one thread 2.47–2.68 s, two threads 2.70–2.94 s: the per-node hand-off
// (futex wake-ups, copying the thread's half back) costs about what the halved histogram work
// saves, and under load the second thread only competes. So the thread is used only from
// `threadSettings.minTrainingCells` training rows × features, where each node's work is larger.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HistogramBuilder } from './grower';
import { buildHistogramRange, FEATURE_STRIDE, type HistogramInput } from './histogram';
import { CONTROL_WORDS, DONE, END, EXIT, F0, F1, FAILED, GRADIENT_OFFSET, IDENTITY, JOB, START, STATE, type ThreadBuffers } from './threadProtocol';

/** Below this many row × feature updates a node's histogram is built in this thread only. */
const MIN_SHARED_WORK = 64 * 1024;

/** From how many training rows × features a fit starts the histogram thread (tests lower it). */
export const threadSettings = { minTrainingCells: 4_000_000 };
const WAIT_LIMIT_MS = 120_000;

export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** A Float32/Uint8/Uint32 array of `length` in shared memory. */
export function sharedArray<T extends Float32Array | Uint8Array | Uint32Array>(Type: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

function threadEntry(): { code: string; eval: boolean } | null {
  if (__filename.endsWith('.ts')) {
    const entry = join(__dirname, 'histogramThread.ts');
    return { code: `const r = require('node:module').createRequire(${JSON.stringify(entry)}); r('tsx/cjs'); r(${JSON.stringify(entry)});`, eval: true };
  }
  for (const candidate of [join(__dirname, 'boostingThread.js'), join(__dirname, '..', 'boostingThread.js')]) {
    if (existsSync(candidate)) return { code: candidate, eval: false };
  }
  return null;
}

export interface ThreadedBuilder extends HistogramBuilder {
  close(): Promise<void>;
}

/**
 * Starts the histogram thread on shared buffers (input.bins/indices/gradients/hessians and the
 * ordered buffers must be SharedArrayBuffer-backed). Null when no thread script is available.
 */
export async function threadedHistogramBuilder(
  input: HistogramInput, orderedG: Float32Array, orderedH: Float32Array, cols: number, rootCounts: Float64Array,
): Promise<ThreadedBuilder | null> {
  const entry = threadEntry();
  if (!entry || cols < 2) return null;
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  const hist = new Float64Array(new SharedArrayBuffer(cols * FEATURE_STRIDE * 8));
  const buffers: ThreadBuffers = {
    control, bins: input.bins, rows: input.rows, indices: input.indices, gradients: input.gradients, hessians: input.hessians, orderedG, orderedH, hist, rootCounts,
  };
  const worker = new Worker(entry.code, { eval: entry.eval, workerData: buffers });
  await new Promise<void>((resolve, reject) => {
    worker.once('online', resolve);
    worker.once('error', reject);
  });
  let failure: Error | null = null;
  worker.on('error', (error) => { failure = error; });
  const half = cols >> 1;
  const sharedGradients = input.gradients;

  return {
    build(out, start, end, og, oh, identity) {
      if (failure || (end - start) * cols < MIN_SHARED_WORK) {
        buildHistogramRange(input, out, start, end, og, oh, identity, 0, cols, rootCounts);
        return;
      }
      control[START] = start;
      control[END] = end;
      control[IDENTITY] = identity ? 1 : 0;
      control[F0] = half;
      control[F1] = cols;
      control[GRADIENT_OFFSET] = og.buffer === sharedGradients.buffer ? og.byteOffset / 4 : -1;
      if (control[GRADIENT_OFFSET] < 0 && og !== orderedG) throw new Error('hist_gradient_boosting: gradients for the histogram thread must be in the shared buffers.');
      Atomics.store(control, STATE, JOB);
      Atomics.notify(control, STATE);
      buildHistogramRange(input, out, start, end, og, oh, identity, 0, half, rootCounts);
      const waitStarted = Date.now();
      let state = Atomics.load(control, STATE);
      while (state === JOB) {
        Atomics.wait(control, STATE, JOB, 1000);
        state = Atomics.load(control, STATE);
        if (state === JOB && Date.now() - waitStarted > WAIT_LIMIT_MS) throw new Error('hist_gradient_boosting: the histogram thread stopped responding.');
      }
      if (state === FAILED) throw new Error('hist_gradient_boosting: the histogram thread failed.');
      if (state !== DONE) throw new Error(`hist_gradient_boosting: unexpected histogram thread state ${state}.`);
      out.set(hist.subarray(half * FEATURE_STRIDE, cols * FEATURE_STRIDE), half * FEATURE_STRIDE);
    },
    async close() {
      Atomics.store(control, STATE, EXIT);
      Atomics.notify(control, STATE);
      await worker.terminate();
    },
  };
}
