// Builds the trees of a forest, in this thread alone or together with worker threads (the binned
// data is shared with them through SharedArrayBuffer). Each tree is fully determined by its index,
// so the forest does not depend on the thread count or timing. Thread policy: the caller starts
// the workers (startTreeThreads) before binning, so that their startup overlaps it; this thread
// builds trees too, and once no index is left it builds those still queued at a worker itself
// rather than wait (the first copy of a tree wins), so a late worker or a busy core costs it only
// the few milliseconds of starting and stopping the worker. Reports every finished tree, stops
// early on 'stop' (keeping the trees built), rejects with an AbortError on abort; the caller
// closes the workers in every case.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { throwIfAborted, type FitContext, type IterationEvent } from '../estimator';
import { buildForestTree, type ForestJob } from './forestTree';
import type { GrownTree, TreeData } from './grow';
import type { FromThread, ToThread } from './treeThread';

export interface ForestRunResult {
  /** Built trees in index order (fewer than asked when stopped early). */
  trees: GrownTree[];
  stopped: boolean;
  threads: number;
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

/**
 * Rows × trees from which a forest uses threads. Measured with the bundled code on this 2-core
 * machine: a fully grown tree costs ~1.3 µs per row (flights-20k: 15,000 rows, ~15 ms a tree;
 * Seattle weather: 1,094 rows, ~1.4 ms), a worker needs ~40-150 ms before its first tree and
 * costs this thread a few milliseconds to start and stop. Below ~100,000 row-trees (~130 ms of
 * work) the worker would deliver few trees; above, a fit is faster with it (1.5 s → ~1 s on
 * flights-20k when the second core is free) and, as this thread never waits for a late worker,
 * only a few milliseconds slower when the second core is busy.
 */
export const MIN_WORK_FOR_THREADS = 100_000;

export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Threads (this one included) for a forest of `trees` trees on `rows` rows. */
export function forestThreads(rows: number, trees: number, ctx: FitContext): number {
  if (rows * trees < MIN_WORK_FOR_THREADS) return 1;
  return Math.max(1, Math.min(Math.floor(ctx.threads ?? defaultThreads()), trees));
}

/** The worker threads of one fit: started by startTreeThreads, terminated by close() (also mid-tree). */
export class TreeThreads {
  readonly workers: Worker[] = [];
  /** The first failure of a worker (an error or an unexpected exit), if any. */
  failure: Error | null = null;
  /** Told of a worker's failure (set by runForest while it runs). */
  onFailure: ((error: Error) => void) | null = null;
  private closing = false;

  constructor(entry: { code: string; eval: boolean }, count: number) {
    try {
      for (let t = 0; t < count; t++) {
        const worker = new Worker(entry.code, { eval: entry.eval });
        // Listened to from the start: a failure while this thread is still binning must not go unhandled.
        worker.on('error', (error) => this.fail(error));
        worker.on('exit', (code) => this.fail(new Error(`A tree thread exited unexpectedly (code ${code}).`)));
        this.workers.push(worker);
      }
    } catch (error) {
      void this.close();
      throw error;
    }
  }

  private fail(error: Error): void {
    if (this.closing || this.failure) return;
    this.failure = error;
    this.onFailure?.(error);
  }

  /** Terminates the workers; resolves once they have exited. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => undefined)));
  }
}

/** Starts `threads - 1` workers (this thread is the other one), or returns null when none are wanted or available. */
export function startTreeThreads(threads: number): TreeThreads | null {
  if (threads <= 1) return null;
  const entry = threadEntry();
  return entry ? new TreeThreads(entry, threads - 1) : null;
}

/** Builds trees 0..count-1 (see file comment), with the given workers or in this thread alone. */
export async function runForest(
  job: ForestJob,
  count: number,
  ctx: FitContext,
  pool: TreeThreads | null = null,
): Promise<ForestRunResult> {
  throwIfAborted(ctx.signal);
  if (!pool || pool.workers.length === 0) return runHere(job, count, ctx);
  return runShared(job, count, ctx, pool);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function runHere(job: ForestJob, count: number, ctx: FitContext): Promise<ForestRunResult> {
  const trees: GrownTree[] = [];
  for (let index = 0; index < count; index++) {
    throwIfAborted(ctx.signal);
    trees.push(buildForestTree(job, index));
    const verdict = ctx.onIteration?.({ iteration: index + 1, total: count });
    if (verdict === 'stop') return { trees, stopped: index + 1 < count, threads: 1 };
    // Let an abort (or other work) in before the next tree.
    await nextTurn();
  }
  throwIfAborted(ctx.signal);
  return { trees, stopped: false, threads: 1 };
}

/** Trees queued at a worker once it has delivered its first one (one before: it may still be starting). */
const QUEUE_DEPTH = 2;

/** One worker's queue: the indexes sent to it and not yet received back, oldest (the one being built) first. */
interface WorkerQueue {
  worker: Worker;
  pending: number[];
  delivered: number;
}

async function runShared(job: ForestJob, count: number, ctx: FitContext, pool: TreeThreads): Promise<ForestRunResult> {
  const threads = pool.workers.length + 1;
  const sharedJob: ForestJob = {
    ...job,
    data: sharedData(job.data),
    baseWeight: job.baseWeight ? shared(job.baseWeight) : null,
  };
  const built: (GrownTree | undefined)[] = new Array(count);
  let builtCount = 0;
  let next = 0;
  let outcome: { stopped: boolean } | null = null;
  let failure: Error | null = pool.failure;
  let wake: (() => void) | null = null;
  const wakeUp = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };

  /** Keeps the first copy of a tree, reports it, and decides whether the forest is complete or stopped. */
  const record = (index: number, tree: GrownTree): void => {
    if (outcome || built[index]) return;
    built[index] = tree;
    builtCount++;
    const event: IterationEvent = { iteration: builtCount, total: count };
    if (ctx.onIteration?.(event) === 'stop') outcome = { stopped: builtCount < count };
    else if (builtCount === count) outcome = { stopped: false };
  };

  const queues: WorkerQueue[] = pool.workers.map((worker) => ({ worker, pending: [], delivered: 0 }));
  const feed = (q: WorkerQueue): void => {
    const depth = q.delivered > 0 ? QUEUE_DEPTH : 1;
    while (q.pending.length < depth && next < count && !outcome) {
      q.pending.push(next);
      q.worker.postMessage({ type: 'tree', index: next++ } satisfies ToThread);
    }
  };
  const listeners = queues.map((q) => {
    const onMessage = (message: FromThread): void => {
      if (message.type === 'error') {
        const error = new Error(`A tree thread failed: ${message.message}`);
        error.stack = message.stack;
        failure ??= error;
      } else {
        q.pending.splice(q.pending.indexOf(message.index), 1);
        q.delivered++;
        try {
          record(message.index, message.tree);
          feed(q);
        } catch (error) {
          failure ??= error as Error;
        }
      }
      wakeUp();
    };
    q.worker.on('message', onMessage);
    return onMessage;
  });
  pool.onFailure = (error) => {
    failure ??= error;
    wakeUp();
  };
  const onAbort = (): void => wakeUp();
  ctx.signal?.addEventListener('abort', onAbort);

  /** The next tree for this thread: a fresh index, else one queued at a worker that has not started it. */
  const claim = (): number => {
    if (next < count) return next++;
    let steal = -1;
    for (const q of queues) {
      // A worker builds its oldest index now; later ones wait. A worker that has not delivered yet may still be starting.
      const from = q.delivered > 0 ? 1 : 0;
      for (let k = q.pending.length - 1; k >= from; k--)
        if (!built[q.pending[k]] && q.pending[k] > steal) steal = q.pending[k];
    }
    return steal;
  };

  try {
    for (const q of queues) {
      q.worker.postMessage({ type: 'init', job: sharedJob } satisfies ToThread);
      feed(q);
    }
    for (;;) {
      throwIfAborted(ctx.signal);
      if (failure) throw failure;
      if (outcome) break;
      const index = claim();
      if (index >= 0) record(index, buildForestTree(job, index));
      // Let the workers' trees (and an abort) in; when there is nothing to build, wait for them.
      await (index >= 0 ? nextTurn() : new Promise<void>((resolve) => (wake = resolve)));
    }
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
    pool.onFailure = null;
    queues.forEach((q, i) => q.worker.off('message', listeners[i]));
  }
  const trees = built.filter((t): t is GrownTree => t !== undefined);
  return { trees, stopped: (outcome as { stopped: boolean }).stopped, threads };
}
