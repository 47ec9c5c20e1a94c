// Adapts the job registry to messages: runs jobs with one AbortController each, throttles their
// progress, answers pings (between a job's awaits, so a streaming job still answers), and turns
// every failure into JobErrorData. It knows nothing about processes: main.ts wires it to IPC.
import { JobError } from '../protocol/jobError';
import { isHostMessage, type JobProgress, type WorkerMessage } from '../protocol/jobs';
import { findJob, type JobRegistry } from './jobs';

export const PROGRESS_INTERVAL_MS = 100;

/** The clock and timer the progress throttle uses; tests pass their own to drive time. */
export interface ServerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: ServerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface RunningJob {
  controller: AbortController;
  lastProgressAt: number;
  pendingProgress: JobProgress | undefined;
  progressTimer: unknown;
}

export class JobServer {
  private readonly running = new Map<number, RunningJob>();
  /** After a fatal error: late results of aborted jobs are dropped, new jobs refused. */
  private retired = false;

  constructor(
    private readonly registry: JobRegistry,
    private readonly send: (message: WorkerMessage) => void,
    private readonly progressIntervalMs = PROGRESS_INTERVAL_MS,
    private readonly clock: ServerClock = systemClock,
  ) {}

  get runningCount(): number {
    return this.running.size;
  }

  handle(message: unknown): void {
    if (!isHostMessage(message)) {
      process.stderr.write(`[worker] ignoring malformed message: ${JSON.stringify(message)?.slice(0, 200)}\n`);
      return;
    }
    switch (message.type) {
      case 'ping':
        this.send({ type: 'pong', id: message.id });
        break;
      case 'cancel':
        this.running.get(message.id)?.controller.abort();
        break;
      case 'run':
        if (this.retired) {
          this.send({
            type: 'error',
            id: message.id,
            error: { code: 'crashed', message: 'The worker is shutting down after a fatal error.' },
            workerExiting: true,
          });
        } else {
          void this.run(message.id, message.job, message.params);
        }
        break;
    }
  }

  /** Fails every running job with `error` and tells the host this worker is going down. */
  failAllAndRetire(error: unknown): void {
    this.retired = true;
    for (const id of [...this.running.keys()]) {
      this.running.get(id)?.controller.abort();
      this.finish(id, { type: 'error', id, error: JobError.from(error).toData(), workerExiting: true });
    }
  }

  private async run(id: number, name: string, params: unknown): Promise<void> {
    if (this.running.has(id)) {
      this.send({ type: 'error', id, error: { code: 'bad-input', message: `Job id ${id} is already running.` } });
      return;
    }
    const job = findJob(this.registry, name);
    if (!job) {
      this.send({ type: 'error', id, error: { code: 'bad-input', message: `Unknown job "${name}".` } });
      return;
    }
    const entry: RunningJob = {
      controller: new AbortController(),
      lastProgressAt: 0,
      pendingProgress: undefined,
      progressTimer: undefined,
    };
    this.running.set(id, entry);
    const ctx = { signal: entry.controller.signal, report: (p: JobProgress) => this.progress(id, p) };
    try {
      const result = await job(params, ctx);
      this.finish(id, { type: 'result', id, result });
    } catch (error) {
      this.finish(id, { type: 'error', id, error: JobError.from(error).toData() });
    }
  }

  /** Sends at most one progress message per interval; the latest one wins. */
  private progress(id: number, progress: JobProgress): void {
    const entry = this.running.get(id);
    if (!entry) return;
    const now = this.clock.now();
    const wait = entry.lastProgressAt + this.progressIntervalMs - now;
    if (wait <= 0) {
      // A busy job can starve the flush timer: drop what it holds, this update is newer.
      if (entry.progressTimer !== undefined) this.clock.clearTimeout(entry.progressTimer);
      entry.progressTimer = undefined;
      entry.pendingProgress = undefined;
      entry.lastProgressAt = now;
      this.send({ type: 'progress', id, ...progress });
      return;
    }
    entry.pendingProgress = progress;
    entry.progressTimer ??= this.clock.setTimeout(() => {
      entry.progressTimer = undefined;
      const pending = entry.pendingProgress;
      entry.pendingProgress = undefined;
      if (pending && this.running.get(id) === entry) {
        entry.lastProgressAt = this.clock.now();
        this.send({ type: 'progress', id, ...pending });
      }
    }, wait);
  }

  private finish(id: number, message: WorkerMessage): void {
    const entry = this.running.get(id);
    if (!entry) return;
    this.running.delete(id);
    if (entry.progressTimer !== undefined) this.clock.clearTimeout(entry.progressTimer);
    try {
      this.send(message);
    } catch (error) {
      // A result that cannot be serialised (a cycle, a bigint) must still answer the host.
      this.send({
        type: 'error',
        id,
        error: new JobError('failed', `Could not send the job's result: ${(error as Error).message}`).toData(),
      });
    }
  }
}
