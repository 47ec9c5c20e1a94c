// Runs jobs in a background worker process, one at a time, in the order they were asked for.
// The worker is forked on the first job. While a job runs the client pings it: a worker that
// stays silent for hangTimeoutMs is killed (the job fails as `hung`); one that exits mid-job
// fails it as `crashed`, with its exit code and last stderr lines. Either way the next job gets
// a fresh worker. Cancelling sends `cancel` and rejects at once; a worker that does not stop
// within cancelGraceMs is killed. No vscode here: the CLI, the tests and the extension share it.
import type { JobName, JobParams, JobProgress, JobResult, WorkerMessage } from '../protocol/jobs';
import { JobError } from '../protocol/jobError';
import { systemTimers, type ClientTimer, type ClientTimers } from './clientTimers';
import { WorkerProcess } from './workerProcess';

export interface WorkerClientOptions {
  /** The bundled worker entry (dist/worker.js). */
  workerPath: string;
  hangTimeoutMs?: number;
  heartbeatMs?: number;
  cancelGraceMs?: number;
  env?: NodeJS.ProcessEnv;
  /** The executable to run the worker with (default: this process's). */
  execPath?: string;
  /** Node flags for the worker, e.g. --max-old-space-size (default: none). */
  execArgv?: string[];
  log?: (line: string) => void;
  /** The watchdog's timers (default: the system's); tests pass their own to drive time. */
  timers?: ClientTimers;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
}

/** Anything that runs jobs: the WorkerClient, or a fake in tests. */
export interface JobRunner {
  run<K extends JobName>(job: K, params: JobParams<K>, options?: RunOptions): Promise<JobResult<K>>;
}

export interface WorkerCrash {
  reason: 'crashed' | 'hung';
  pid: number | undefined;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The job that was running, if any. */
  job: JobName | undefined;
  message: string;
  stderrTail: string;
}

export interface Disposable {
  dispose(): void;
}

interface Entry {
  id: number;
  job: JobName;
  params: unknown;
  options: RunOptions;
  resolve(value: unknown): void;
  reject(error: JobError): void;
  settled: boolean;
  sent: boolean;
  detachAbort?: () => void;
}

export class WorkerClient implements JobRunner, Disposable {
  private readonly hangTimeoutMs: number;
  private readonly heartbeatMs: number;
  private readonly cancelGraceMs: number;
  private readonly log: (line: string) => void;
  private readonly queue: Entry[] = [];
  private current: Entry | undefined;
  private worker: WorkerProcess | undefined;
  private workerReady = false;
  private nextId = 1;
  private readonly timers: ClientTimers;
  private heartbeat: ClientTimer | undefined;
  private deadline: ClientTimer | undefined;
  private cancelGrace: ClientTimer | undefined;
  private readonly crashListeners = new Set<(crash: WorkerCrash) => void>();
  private disposed = false;

  constructor(private readonly options: WorkerClientOptions) {
    this.hangTimeoutMs = options.hangTimeoutMs ?? 30_000;
    // A ping must go out well within the hang timeout, or a quiet but healthy job looks hung.
    this.heartbeatMs = Math.min(options.heartbeatMs ?? 2_000, this.hangTimeoutMs / 3);
    this.cancelGraceMs = options.cancelGraceMs ?? 5_000;
    this.log = options.log ?? (() => undefined);
    this.timers = options.timers ?? systemTimers;
  }

  get pid(): number | undefined {
    return this.worker?.pid;
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  get queueLength(): number {
    return this.queue.length;
  }

  onDidCrash(listener: (crash: WorkerCrash) => void): Disposable {
    this.crashListeners.add(listener);
    return { dispose: () => this.crashListeners.delete(listener) };
  }

  run<K extends JobName>(job: K, params: JobParams<K>, options: RunOptions = {}): Promise<JobResult<K>> {
    return new Promise<JobResult<K>>((resolve, reject) => {
      if (this.disposed) return reject(new JobError('cancelled', 'The job runner has been shut down.'));
      if (options.signal?.aborted) return reject(new JobError('cancelled', 'The job was cancelled.'));
      const entry: Entry = {
        id: this.nextId++,
        job,
        params,
        options,
        resolve: resolve as (value: unknown) => void,
        reject,
        settled: false,
        sent: false,
      };
      if (options.signal) {
        const onAbort = () => this.cancel(entry, 'The job was cancelled.');
        options.signal.addEventListener('abort', onAbort, { once: true });
        entry.detachAbort = () => options.signal?.removeEventListener('abort', onAbort);
      }
      this.queue.push(entry);
      this.pump();
    });
  }

  /** Cancels the running job and everything queued. */
  cancelAll(): void {
    for (const entry of [...this.queue]) this.cancel(entry, 'The job was cancelled.');
    if (this.current) this.cancel(this.current, 'The job was cancelled.');
  }

  /** Stops the worker now (the running job fails as cancelled); the queue goes on in a new one. */
  restart(): void {
    const entry = this.current;
    if (entry) this.settle(entry, new JobError('cancelled', 'The job was stopped: the worker was restarted.'));
    this.stopWorker('restart requested');
    this.current = undefined;
    this.stopWatchdog();
    this.pump();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const shutdown = new JobError('cancelled', 'The job runner has been shut down.');
    for (const entry of this.queue.splice(0)) this.settle(entry, shutdown);
    if (this.current) this.settle(this.current, shutdown);
    this.current = undefined;
    this.stopWatchdog();
    this.stopWorker('disposed');
    this.crashListeners.clear();
  }

  private pump(): void {
    if (this.disposed || this.current || this.queue.length === 0) return;
    const entry = this.queue.shift() as Entry;
    this.current = entry;
    if (!this.worker) this.startWorker();
    this.worker?.setReferenced(true);
    this.startWatchdog();
    if (this.workerReady) this.send(entry);
  }

  private send(entry: Entry): void {
    entry.sent = true;
    this.worker?.send({ type: 'run', id: entry.id, job: entry.job, params: entry.params });
  }

  private startWorker(): void {
    this.workerReady = false;
    const worker: WorkerProcess = new WorkerProcess({
      workerPath: this.options.workerPath,
      ...(this.options.env ? { env: this.options.env } : {}),
      ...(this.options.execPath ? { execPath: this.options.execPath } : {}),
      ...(this.options.execArgv ? { execArgv: this.options.execArgv } : {}),
      log: this.log,
      onMessage: (message) => {
        if (this.worker === worker) this.onMessage(message);
      },
      onExit: (code, signal) => this.onExit(worker, code, signal),
    });
    this.worker = worker;
    this.log(`[jobs] started worker pid ${worker.pid}`);
  }

  private onMessage(message: WorkerMessage): void {
    // Any message proves the worker's event loop is alive.
    this.deadline?.refresh();
    const entry = this.current;
    switch (message.type) {
      case 'ready':
        this.workerReady = true;
        if (entry && !entry.sent) this.send(entry);
        break;
      case 'progress':
        if (entry?.id === message.id && !entry.settled) {
          const { message: text, fraction } = message;
          entry.options.onProgress?.({
            ...(text !== undefined ? { message: text } : {}),
            ...(fraction !== undefined ? { fraction } : {}),
          });
        }
        break;
      case 'result':
      case 'error':
        if (message.type === 'error' && message.workerExiting) this.stopWorker('it reported a fatal error');
        if (entry?.id !== message.id) break;
        if (message.type === 'result') this.settle(entry, undefined, message.result);
        else this.settle(entry, JobError.fromData(message.error));
        this.finishCurrent();
        break;
      case 'pong':
        break;
    }
  }

  private onExit(worker: WorkerProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.worker === worker) {
      this.worker = undefined;
      this.workerReady = false;
    }
    if (worker.stopping) return;
    const entry = this.current;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = worker.stderrTail();
    const message = entry
      ? `The worker ${how} while running "${entry.job}"; it will restart for the next job.${tail ? `\nLast output:\n${tail}` : ''}`
      : `The worker ${how} while idle.${tail ? `\nLast output:\n${tail}` : ''}`;
    this.log(`[jobs] ${message}`);
    this.emitCrash({
      reason: 'crashed',
      pid: worker.pid,
      exitCode: code,
      signal,
      job: entry?.job,
      message,
      stderrTail: tail,
    });
    if (entry) {
      this.settle(entry, new JobError('crashed', message));
      this.finishCurrent();
    }
  }

  private onHung(): void {
    const worker = this.worker;
    const entry = this.current;
    if (!worker || !entry) return;
    const seconds = this.hangTimeoutMs / 1000;
    const message = `The worker did not answer for ${seconds} s while running "${entry.job}"; it was stopped and will restart for the next job.`;
    this.log(`[jobs] ${message}`);
    this.stopWorker('hung');
    this.emitCrash({
      reason: 'hung',
      pid: worker.pid,
      exitCode: null,
      signal: 'SIGKILL',
      job: entry.job,
      message,
      stderrTail: worker.stderrTail(),
    });
    this.settle(entry, new JobError('hung', message));
    this.finishCurrent();
  }

  private cancel(entry: Entry, reason: string): void {
    const queued = this.queue.indexOf(entry);
    if (queued !== -1) {
      this.queue.splice(queued, 1);
      this.settle(entry, new JobError('cancelled', reason));
      return;
    }
    if (entry !== this.current || entry.settled) return;
    this.settle(entry, new JobError('cancelled', reason));
    if (!entry.sent) {
      // The worker was still starting: the job never reached it.
      this.finishCurrent();
      return;
    }
    this.worker?.send({ type: 'cancel', id: entry.id });
    // The queue waits until the worker confirms the job stopped, or kills a worker that does not.
    this.cancelGrace = this.timers.timeout(() => {
      if (this.current !== entry) return;
      this.log(`[jobs] "${entry.job}" did not stop within ${this.cancelGraceMs} ms of cancel; restarting the worker`);
      this.stopWorker('cancel timed out');
      this.finishCurrent();
    }, this.cancelGraceMs);
  }

  private settle(entry: Entry, error: JobError | undefined, result?: unknown): void {
    if (entry.settled) return;
    entry.settled = true;
    entry.detachAbort?.();
    if (error) entry.reject(error);
    else entry.resolve(result);
  }

  /** The current job is over (one way or another): free the worker for the next one. */
  private finishCurrent(): void {
    this.current = undefined;
    this.cancelGrace?.cancel();
    this.cancelGrace = undefined;
    this.stopWatchdog();
    if (this.queue.length === 0) this.worker?.setReferenced(false);
    this.pump();
  }

  private startWatchdog(): void {
    this.stopWatchdog();
    this.deadline = this.timers.timeout(() => this.onHung(), this.hangTimeoutMs);
    this.heartbeat = this.timers.interval(() => {
      if (this.workerReady) this.worker?.send({ type: 'ping', id: this.nextId++ });
    }, this.heartbeatMs);
  }

  private stopWatchdog(): void {
    this.deadline?.cancel();
    this.heartbeat?.cancel();
    this.deadline = undefined;
    this.heartbeat = undefined;
  }

  private stopWorker(why: string): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    this.workerReady = false;
    this.log(`[jobs] stopping worker pid ${worker.pid} (${why})`);
    worker.kill('SIGKILL');
  }

  private emitCrash(crash: WorkerCrash): void {
    for (const listener of this.crashListeners) {
      try {
        listener(crash);
      } catch (error) {
        this.log(`[jobs] crash listener failed: ${(error as Error).message}`);
      }
    }
  }
}
