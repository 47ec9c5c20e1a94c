// The extension's door to the background worker: one worker client for the window, jobs run
// only in a trusted workspace, every job visible as a cancellable progress notification, and
// a crashed or hung worker reported in the log and replaced for the next job.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { MEMORY_LIMIT_ENV } from '../core/duckdb/openDataset';
import { WorkerClient } from '../jobs/workerClient';
import type { JobName, JobParams, JobResult } from '../protocol/jobs';
import { runJobWithProgress } from './jobs/runWithProgress';
import { requireTrust } from './trust';

/** The data engine's memory limit for the worker; empty leaves DuckDB's default. */
function dataEngineEnv(limit: string): Record<string, string> {
  return /^\s*\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i.test(limit) ? { [MEMORY_LIMIT_ENV]: limit.trim() } : {};
}

export interface JobRequest<K extends JobName> {
  title: string;
  job: K;
  params: JobParams<K>;
  /** Cancels the job from outside (e.g. a study's Stop button). */
  signal?: AbortSignal;
}

export class JobService implements vscode.Disposable {
  private worker: WorkerClient | undefined;
  private readonly running = new Set<AbortController>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.OutputChannel,
  ) {
    this.settingsWatch = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('mlcycle.jobs') && this.worker && !this.worker.busy) {
        this.worker.dispose();
        this.worker = undefined;
      }
    });
  }

  private readonly settingsWatch: vscode.Disposable;

  /** The worker client, created on first use so activation stays cheap. */
  get client(): WorkerClient {
    if (!this.worker) {
      const settings = vscode.workspace.getConfiguration('mlcycle.jobs');
      this.worker = new WorkerClient({
        workerPath: join(this.context.extensionPath, 'dist', 'worker.js'),
        hangTimeoutMs: settings.get<number>('hangTimeoutSeconds', 60) * 1000,
        execArgv: [`--max-old-space-size=${settings.get<number>('maxMemoryMB', 4096)}`],
        env: { ...process.env, ...dataEngineEnv(settings.get<string>('dataEngineMemoryLimit', '')) },
        log: (line) => this.log.appendLine(line),
      });
      this.worker.onDidCrash((info) => {
        this.log.appendLine(
          `[jobs] worker ${info.reason} (pid ${info.pid}, job ${info.job ?? 'none'}): ${info.message}`,
        );
        if (info.stderrTail) this.log.appendLine(info.stderrTail);
        this.log.appendLine('[jobs] a fresh worker will take the next job');
      });
    }
    return this.worker;
  }

  /** Runs a job with a progress notification; undefined when refused, cancelled or failed (the user was told). */
  async run<K extends JobName>(request: JobRequest<K>): Promise<JobResult<K> | undefined> {
    if (!requireTrust(`${request.title} runs a background job`)) return undefined;
    const controller = new AbortController();
    const abort = () => controller.abort();
    if (request.signal?.aborted) controller.abort();
    request.signal?.addEventListener('abort', abort, { once: true });
    this.running.add(controller);
    try {
      return await runJobWithProgress(this.client, { ...request, signal: controller.signal, log: this.log });
    } finally {
      request.signal?.removeEventListener('abort', abort);
      this.running.delete(controller);
    }
  }

  cancelAll(): number {
    const count = this.running.size;
    for (const controller of this.running) controller.abort();
    return count;
  }

  /** Stops the worker (cancelling its jobs); the next job starts a fresh one. */
  restart(): void {
    this.cancelAll();
    // A new client, so changed settings (hang timeout, memory) take effect.
    this.worker?.dispose();
    this.worker = undefined;
    this.log.appendLine('[jobs] worker stopped; a fresh one will take the next job');
  }

  dispose(): void {
    this.settingsWatch.dispose();
    this.cancelAll();
    this.worker?.dispose();
  }
}
