// Builds the trees of a forest, in worker threads when allowed (the binned data is shared with
// them through SharedArrayBuffer) or in this thread. Trees are handed out one at a time; each is
// fully determined by its index, so the forest does not depend on the thread count or timing.
// Reports every finished tree, stops early on 'stop' (keeping the trees built) and on abort
// terminates the threads and rejects with an AbortError.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { throwIfAborted, type FitContext } from '../estimator';
import { buildForestTree, type ForestJob } from './forestTree';
import type { GrownTree, TreeData } from './grow';
import type { FromThread, ToThread } from './treeThread';

export interface ForestRunResult {
  /** Built trees in index order (fewer than asked when stopped early). */
  trees: GrownTree[];
  stopped: boolean;
  threads: number;
}

function abortError(): Error {
  const error = new Error('Training was cancelled.');
  error.name = 'AbortError';
  return error;
}

/** A copy of `a` in shared memory (or `a` itself when it already is). */
function shared<T extends Uint8Array | Int32Array | Float64Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

export function sharedData(data: TreeData): TreeData {
  return {
    ...data,
    bins: shared(data.bins),
    rowBins: data.rowBins ? shared(data.rowBins) : undefined,
    yClass: data.yClass ? shared(data.yClass) : undefined,
    yValue: data.yValue ? shared(data.yValue) : undefined,
  };
}

/**
 * How to start a tree thread: the bundle's dist/treeThread.js next to the running bundle, or,
 * when running from TypeScript sources (tests through tsx), the .ts entry loaded through tsx.
 * Null when neither is available (then trees are built in this thread).
 */
function threadEntry(): { code: string; eval: boolean } | null {
  if (__filename.endsWith('.ts')) {
    const entry = join(__dirname, 'treeThread.ts');
    const load = `const r = require('node:module').createRequire(${JSON.stringify(entry)}); r('tsx/cjs'); r(${JSON.stringify(entry)});`;
    return { code: load, eval: true };
  }
  for (const candidate of [join(__dirname, 'treeThread.js'), join(__dirname, '..', 'treeThread.js')]) {
    if (existsSync(candidate)) return { code: candidate, eval: false };
  }
  return null;
}

/** Rows × trees below which a forest is built without threads. */
const MIN_WORK_FOR_THREADS = 100_000;

export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Builds trees 0..count-1 (see file comment). */
export async function runForest(job: ForestJob, count: number, ctx: FitContext): Promise<ForestRunResult> {
  throwIfAborted(ctx.signal);
  // Starting threads costs tens of milliseconds: small forests are built faster right here.
  const worthThreads = job.data.rows * count >= MIN_WORK_FOR_THREADS;
  const threads = worthThreads ? Math.max(1, Math.min(ctx.threads ?? defaultThreads(), count)) : 1;
  const entry = threads > 1 ? threadEntry() : null;
  if (!entry) return runHere(job, count, ctx);
  return runThreads(job, count, ctx, threads, entry);
}

async function runHere(job: ForestJob, count: number, ctx: FitContext): Promise<ForestRunResult> {
  const trees: GrownTree[] = [];
  for (let index = 0; index < count; index++) {
    throwIfAborted(ctx.signal);
    trees.push(buildForestTree(job, index));
    const verdict = ctx.onIteration?.({ iteration: index + 1, total: count });
    if (verdict === 'stop') return { trees, stopped: index + 1 < count, threads: 1 };
    // Let an abort (or other work) in before the next tree.
    await new Promise((resolve) => setImmediate(resolve));
  }
  throwIfAborted(ctx.signal);
  return { trees, stopped: false, threads: 1 };
}

function runThreads(job: ForestJob, count: number, ctx: FitContext, threads: number, entry: { code: string; eval: boolean }): Promise<ForestRunResult> {
  const sharedJob: ForestJob = { ...job, data: sharedData(job.data), baseWeight: job.baseWeight ? shared(job.baseWeight) : null };
  return new Promise<ForestRunResult>((resolve, reject) => {
    const workers: Worker[] = [];
    const built = new Map<number, GrownTree>();
    let next = 0;
    let finished = false;

    const finish = (outcome: { result?: ForestRunResult; error?: Error }): void => {
      if (finished) return;
      finished = true;
      ctx.signal?.removeEventListener('abort', onAbort);
      // terminate() stops a thread even in the middle of a tree.
      void Promise.all(workers.map((w) => w.terminate())).finally(() => {
        if (outcome.error) reject(outcome.error);
        else resolve(outcome.result!);
      });
    };
    const collect = (stopped: boolean): ForestRunResult => ({
      trees: [...built.keys()].sort((a, b) => a - b).map((i) => built.get(i)!),
      stopped,
      threads,
    });
    const onAbort = (): void => finish({ error: abortError() });
    ctx.signal?.addEventListener('abort', onAbort);

    const dispatch = (worker: Worker): void => {
      if (next < count) worker.postMessage({ type: 'tree', index: next++ } satisfies ToThread);
    };

    for (let t = 0; t < threads && !finished; t++) {
      let worker: Worker;
      try {
        worker = new Worker(entry.code, { eval: entry.eval });
      } catch (error) {
        finish({ error: error as Error });
        return;
      }
      workers.push(worker);
      worker.on('message', (message: FromThread) => {
        if (finished) return;
        if (message.type === 'error') {
          const error = new Error(`A tree thread failed: ${message.message}`);
          error.stack = message.stack;
          finish({ error });
          return;
        }
        built.set(message.index, message.tree);
        let verdict: void | 'stop';
        try {
          verdict = ctx.onIteration?.({ iteration: built.size, total: count });
        } catch (error) {
          finish({ error: error as Error });
          return;
        }
        if (verdict === 'stop') finish({ result: collect(built.size < count) });
        else if (built.size === count) finish({ result: collect(false) });
        else dispatch(worker);
      });
      worker.on('error', (error) => finish({ error }));
      worker.on('exit', (code) => {
        if (!finished) finish({ error: new Error(`A tree thread exited unexpectedly (code ${code}).`) });
      });
      worker.postMessage({ type: 'init', job: sharedJob } satisfies ToThread);
      dispatch(worker);
    }
  });
}
