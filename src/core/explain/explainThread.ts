// Entry point of an explanation thread (bundled as dist/explainThread.js): explains its share of
// the rows with path-dependent TreeSHAP and sends the contributions back, transferred.
import { parentPort } from 'node:worker_threads';
import { explainTreesPath } from './treeExplainer';
import type { TreeSet } from './treeModels';

export interface ExplainChunk {
  set: TreeSet;
  rows: Float64Array;
  features: number;
}

export type FromExplainThread =
  { type: 'done'; values: Float64Array; output: Float64Array } | { type: 'error'; message: string };

parentPort?.on('message', (chunk: ExplainChunk) => {
  try {
    const r = explainTreesPath(chunk.set, chunk.rows, chunk.features);
    const reply: FromExplainThread = { type: 'done', values: r.values, output: r.output };
    parentPort!.postMessage(reply, [r.values.buffer as ArrayBuffer, r.output.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ type: 'error', message: (error as Error).message } satisfies FromExplainThread);
  }
});
