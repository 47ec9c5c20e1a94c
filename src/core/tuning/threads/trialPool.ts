// A pool of worker threads that run a study's trials, so CPU-bound fits of parallel trials
// overlap. The study (its sampler, pruner and store) stays on this thread: a trial's thread sends
// each intermediate value here and waits for the pruner's answer, so decisions are those of the
// serial case. Each thread builds its objective once (data loaded and prepared once per thread).
// On abort (cancel, per-trial timeout) the trial ends at once and its thread is asked to stop;
// one that does not stop within ABORT_GRACE_MS (a fit that never looks at its signal) is
// terminated, and a fresh thread takes the next trial. A thread that crashes fails its trial
// with the crash's error; the study goes on with a fresh thread. warm() starts the threads and
// loads their data before the study, so no trial's timeout counts it; a thread replacing a
// terminated or crashed one is started and warmed at once, in the background.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Objective, TrialContext } from '../study';
import { TrialPruned } from '../trialPruned';
import type { Params } from '../types';
import type { FromTrialThread, ThreadObjectiveSource, ThreadTrialOutcome, ToTrialThread } from './protocol';

/** How long an aborted trial's thread may take to stop before it is terminated. */
export const ABORT_GRACE_MS = 1000;

/**
 * How to start a trial thread: dist/trialThread.js next to the running bundle (dist/worker.js,
 * dist/cli.js), or, from TypeScript sources (tests through tsx), the .ts entry loaded through tsx.
 */
function threadEntry(): { code: string; eval: boolean } {
  if (__filename.endsWith('.ts')) {
    const entry = join(__dirname, 'trialThread.ts');
    const load = `const r = require('node:module').createRequire(${JSON.stringify(entry)}); r('tsx/cjs'); r(${JSON.stringify(entry)});`;
    return { code: load, eval: true };
  }
  for (const candidate of [join(__dirname, 'trialThread.js'), join(__dirname, '..', 'trialThread.js')])
    if (existsSync(candidate)) return { code: candidate, eval: false };
  throw new Error(`The trial thread script (trialThread.js) is missing next to ${__filename}: rebuild the extension.`);
}

interface PoolThread {
  worker: Worker;
  /** Resolves once its objective is built (data loaded, or failed to), or it exited. */
  ready: Promise<void>;
  isReady: boolean;
}

export interface TrialPoolStats {
  /** Threads started (each builds its objective once). */
  started: number;
  /** Threads terminated because an aborted trial did not stop in time. */
  terminated: number;
  /** Threads that crashed (an uncaught error or an exit). */
  crashed: number;
}

export class TrialPool {
  private readonly idle: PoolThread[] = [];
  private readonly threads = new Set<PoolThread>();
  private readonly entry = threadEntry();
  private closed = false;
  readonly stats: TrialPoolStats = { started: 0, terminated: 0, crashed: 0 };

  constructor(
    private readonly source: ThreadObjectiveSource,
    /** Threads kept (the study's `parallel`); one more may run briefly while an aborted trial's thread stops. */
    readonly size: number,
    private readonly graceMs = ABORT_GRACE_MS,
  ) {}

  /** Threads alive now (idle, running a trial, or stopping an aborted one). */
  get threadCount(): number {
    return this.threads.size;
  }

  /** The study's objective, each trial on a thread of the pool. */
  readonly objective: Objective = async (params, ctx) => (await this.run(params, ctx)).values;

  private spawn(): PoolThread {
    const worker = new Worker(this.entry.code, { eval: this.entry.eval, workerData: this.source });
    const ready = new Promise<void>((resolve) => {
      const onReady = (message: FromTrialThread) => {
        if (message.type !== 'ready') return;
        worker.off('message', onReady);
        resolve();
      };
      worker.on('message', onReady);
      worker.once('exit', () => resolve());
    });
    worker.postMessage({ type: 'warm' } satisfies ToTrialThread);
    const thread: PoolThread = { worker, ready, isReady: false };
    void ready.then(() => (thread.isReady = true));
    this.threads.add(thread);
    this.stats.started++;
    // A thread's end (crash, terminate) removes it; listeners of its trial turn it into a failure.
    worker.on('exit', () => this.forget(thread));
    worker.on('error', () => undefined);
    return thread;
  }

  private forget(thread: PoolThread): void {
    this.threads.delete(thread);
    const at = this.idle.indexOf(thread);
    if (at >= 0) this.idle.splice(at, 1);
  }

  /** Starts the pool's threads and waits until each has built its objective (loaded the data). */
  async warm(): Promise<void> {
    while (!this.closed && this.threads.size < this.size) this.idle.push(this.spawn());
    await Promise.all([...this.threads].map((t) => t.ready));
  }

  /** A fresh thread for one that was terminated or crashed, warming while the study goes on. */
  private replace(): void {
    if (!this.closed && this.threads.size < this.size) this.idle.unshift(this.spawn());
  }

  private release(thread: PoolThread): void {
    if (this.closed || this.threads.size > this.size) void this.stop(thread);
    else this.idle.push(thread);
  }

  private async stop(thread: PoolThread): Promise<void> {
    this.forget(thread);
    await thread.worker.terminate().catch(() => undefined);
  }

  /** Runs one trial on an idle thread (a new one when none is idle). */
  run(params: Params, ctx: TrialContext): Promise<ThreadTrialOutcome> {
    if (this.closed) return Promise.reject(new Error('The trial pool is closed.'));
    if (ctx.signal.aborted) return Promise.reject(ctx.signal.reason);
    const thread = this.idle.pop() ?? this.spawn();
    const { worker } = thread;
    const number = ctx.number;
    const send = (message: ToTrialThread) => worker.postMessage(message);
    return new Promise<ThreadTrialOutcome>((resolve, reject) => {
      let settled = false;
      let sent = false;
      let graceTimer: NodeJS.Timeout | undefined;
      const detach = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        ctx.signal.removeEventListener('abort', onAbort);
        if (graceTimer !== undefined) clearTimeout(graceTimer);
      };
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        action();
      };
      const onMessage = (message: FromTrialThread) => {
        if (message.type === 'ready' || message.number !== number) return;
        if (message.type === 'report') {
          if (settled) return send({ type: 'prune', number, id: message.id, stop: true });
          // The pruner on this thread decides (synchronously in the study); the thread waits for it.
          void Promise.resolve(ctx.report(message.step, message.value)).then(
            (stop) => send({ type: 'prune', number, id: message.id, stop }),
            () => send({ type: 'prune', number, id: message.id, stop: true }),
          );
          return;
        }
        // The trial's end: the thread is free again (also when the trial was aborted and it stopped in time).
        detach();
        this.release(thread);
        settle(() => {
          if (message.type === 'done') resolve(message.outcome);
          else if (message.type === 'pruned') reject(new TrialPruned(message.step));
          else {
            const error = new Error(message.message);
            if (message.name) error.name = message.name;
            reject(error);
          }
        });
      };
      const onError = (error: Error) => {
        detach();
        this.stats.crashed++;
        void this.stop(thread);
        this.replace();
        settle(() => reject(new Error(`the trial's thread crashed: ${error.message}`)));
      };
      const onExit = (code: number) => {
        detach();
        this.stats.crashed++;
        this.forget(thread);
        this.replace();
        settle(() => reject(new Error(`the trial's thread exited unexpectedly (code ${code})`)));
      };
      const onAbort = () => {
        // The study records the trial now; the thread gets a grace period to stop before it is replaced.
        settle(() => reject(ctx.signal.reason));
        if (!sent) {
          // Still loading its data: the thread never got the trial and stays for the next one.
          detach();
          this.release(thread);
          return;
        }
        send({ type: 'abort', number });
        graceTimer = setTimeout(() => {
          detach();
          this.stats.terminated++;
          void this.stop(thread);
          this.replace();
        }, this.graceMs);
        graceTimer.unref();
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      // A fresh thread first loads its data: the trial's own clock waits until it can begin.
      if (thread.isReady) {
        sent = true;
        send({ type: 'trial', number, params });
      } else {
        ctx.holdTimeout?.();
        void thread.ready.then(() => {
          if (settled) return;
          sent = true;
          ctx.restartTimeout?.();
          send({ type: 'trial', number, params });
        });
      }
    });
  }

  /** Terminates every thread (also those still stopping an aborted trial); resolves once they exited. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.threads].map((t) => this.stop(t)));
  }
}
