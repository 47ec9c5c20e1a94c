// Path-dependent TreeSHAP on the available cores. The rows, the contributions and a counter live
// in shared memory; this thread and the worker threads take batches of rows from the counter
// until none are left, so a thread that starts late (or runs slower) simply takes fewer, and
// nothing is copied back. Rows are independent, so the result is identical to one thread's, row
// for row. The worker threads stay in a pool between explanations (unreferenced while idle, so
// they never keep the process alive) and keep the last tree set they were sent (a tree set is
// not changed once made: treeSetOf builds a new one for each model). A cancel stops
// every thread at its next batch. The thread script is the bundle's dist/explainThread.js next
// to the running bundle, or explainThread.ts through tsx from sources.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExplainChunk, FromExplainThread } from './explainThread';
import { explainPathBatches, explainTreesPath, pathBase, type ExplainOptions, type ShapValues } from './treeExplainer';
import type { TreeSet } from './treeModels';
import { BATCH_ROWS } from './treeShapBatch';
import { withAdditivity } from './additivity';

/** Below this many row × node visits a second thread costs more than it saves (~50 ms of work). */
export const explainThreadSettings = { minWork: 2_000_000 };

function threadEntry(): { code: string; eval: boolean } | null {
  if (__filename.endsWith('.ts')) {
    const entry = join(__dirname, 'explainThread.ts');
    const load = `const r = require('node:module').createRequire(${JSON.stringify(entry)}); r('tsx/cjs'); r(${JSON.stringify(entry)});`;
    return { code: load, eval: true };
  }
  for (const candidate of [join(__dirname, 'explainThread.js'), join(__dirname, '..', 'explainThread.js')])
    if (existsSync(candidate)) return { code: candidate, eval: false };
  return null;
}

interface PooledThread {
  worker: Worker;
  /** The tree set it holds. */
  setId: number;
}

const idle: PooledThread[] = [];
const setIds = new WeakMap<TreeSet, number>();
let lastSetId = 0;

function takeThread(entry: { code: string; eval: boolean }): PooledThread {
  const pooled = idle.pop();
  if (pooled) {
    pooled.worker.ref();
    return pooled;
  }
  return { worker: new Worker(entry.code, { eval: entry.eval }), setId: 0 };
}

function runThread(thread: PooledThread, chunk: ExplainChunk): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const { worker } = thread;
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      reject(error);
    };
    const onExit = (code: number) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      reject(new Error(`an explanation thread stopped (exit code ${code})`));
    };
    const onMessage = (m: FromExplainThread) => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (m.type === 'done') {
        thread.setId = chunk.setId;
        worker.unref();
        idle.push(thread);
        resolve();
      } else {
        void worker.terminate();
        reject(new Error(m.message));
      }
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(chunk);
  });
}

const shared = (length: number) => new Float64Array(new SharedArrayBuffer(length * 8));

export async function explainTreesPathThreaded(
  set: TreeSet,
  rows: Float64Array,
  features: number,
  options: ExplainOptions & { threads?: number } = {},
): Promise<ShapValues> {
  const n = rows.length / features;
  // Boosting trees share one node array; a forest's trees have their own.
  const nodes =
    set.trees[0]?.root !== undefined ? set.trees[0].nodeCount : set.trees.reduce((sum, t) => sum + t.nodeCount, 0);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), Math.ceil(n / BATCH_ROWS)));
  const entry = threadEntry();
  if (threads === 1 || !entry || n * nodes < explainThreadSettings.minWork)
    return explainTreesPath(set, rows, features, options);
  const outputs = set.outputs;
  const sharedRows = shared(rows.length);
  sharedRows.set(rows);
  const values = shared(n * features * outputs);
  const output = shared(n * outputs);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  let setId = setIds.get(set);
  if (setId === undefined) setIds.set(set, (setId = ++lastSetId));
  const others = Array.from({ length: threads - 1 }, () => {
    const thread = takeThread(entry);
    const chunk: ExplainChunk = {
      setId: setId!,
      ...(thread.setId === setId ? {} : { set }),
      rows: sharedRows,
      features,
      values,
      output,
      counter,
    };
    return runThread(thread, chunk);
  });
  // Rejections are awaited below; until then keep them from counting as unhandled.
  for (const p of others) p.catch(() => undefined);
  try {
    explainPathBatches(set, sharedRows, features, values, output, () => Atomics.add(counter, 0, BATCH_ROWS), {
      ...(options.signal ? { signal: options.signal } : {}),
      onRow: () => options.onRow?.(Math.min(n - 1, Atomics.load(counter, 0))),
    });
  } catch (error) {
    // Stop the other threads at their next batch.
    Atomics.store(counter, 0, n);
    await Promise.allSettled(others);
    throw error;
  }
  await Promise.all(others);
  options.onRow?.(n);
  return withAdditivity({
    rows: n,
    features,
    outputs,
    values: values.slice(),
    base: pathBase(set),
    output: output.slice(),
    additivityError: 0,
  });
}
