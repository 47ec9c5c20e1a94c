// Entry point of a forest's worker thread (bundled as dist/treeThread.js). It receives the
// binned data once (SharedArrayBuffer views, not copies), then builds the trees it is asked for,
// one message per tree, and sends each back with its arrays transferred.
import { parentPort } from 'node:worker_threads';
import { buildForestTree, type ForestJob } from './forestTree';

export type ToThread = { type: 'init'; job: ForestJob } | { type: 'tree'; index: number };
export type FromThread =
  | { type: 'tree'; index: number; tree: ReturnType<typeof buildForestTree> }
  | { type: 'error'; message: string; stack?: string };

let job: ForestJob | null = null;

parentPort?.on('message', (message: ToThread) => {
  try {
    if (message.type === 'init') {
      job = message.job;
      return;
    }
    if (!job) throw new Error('tree thread: asked for a tree before init');
    const tree = buildForestTree(job, message.index);
    const transfer = [
      tree.feature,
      tree.thresholdBin,
      tree.missingLeft,
      tree.left,
      tree.right,
      tree.leafValues,
      tree.importance,
    ].map((a) => a.buffer as ArrayBuffer);
    parentPort!.postMessage({ type: 'tree', index: message.index, tree } satisfies FromThread, transfer);
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({ type: 'error', message: e.message, stack: e.stack } satisfies FromThread);
  }
});
