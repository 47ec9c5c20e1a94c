// Entry point of an explanation thread (bundled as dist/explainThread.js), kept alive in a pool
// between explanations: takes batches of rows from the counter it shares with the other threads
// and writes their path-dependent TreeSHAP values straight into the shared result, then says so.
// It keeps the last tree set it was sent, so explaining more rows of the same model sends the
// trees once.
import { parentPort } from 'node:worker_threads';
import { BATCH_ROWS } from './treeShapBatch';
import { explainPathBatches } from './treeExplainer';
import type { TreeSet } from './treeModels';

export interface ExplainChunk {
  setId: number;
  /** Left out when the thread has this set already. */
  set?: TreeSet;
  /** All rows, row-major, on shared memory; likewise the results (ShapValues' shapes). */
  rows: Float64Array;
  features: number;
  values: Float64Array;
  output: Float64Array;
  /** counter[0]: the first row of the next batch to take. */
  counter: Int32Array;
}

export type FromExplainThread = { type: 'done' } | { type: 'error'; message: string };

let cached: { id: number; set: TreeSet } | undefined;

parentPort?.on('message', (chunk: ExplainChunk) => {
  try {
    if (chunk.set) cached = { id: chunk.setId, set: chunk.set };
    if (!cached || cached.id !== chunk.setId) throw new Error('the explanation thread lost its trees');
    const { counter } = chunk;
    explainPathBatches(cached.set, chunk.rows, chunk.features, chunk.values, chunk.output, () =>
      Atomics.add(counter, 0, BATCH_ROWS),
    );
    parentPort!.postMessage({ type: 'done' } satisfies FromExplainThread);
  } catch (error) {
    parentPort!.postMessage({ type: 'error', message: (error as Error).message } satisfies FromExplainThread);
  }
});
