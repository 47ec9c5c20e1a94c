// Shows a running job the VS Code way: a notification with progress and a Cancel button that
// really stops the job (through its AbortSignal). A failure is shown once, naming the file and
// line when the job knows them, with buttons to open that place and the log; a cancellation is
// not an error and shows nothing.
import * as vscode from 'vscode';
import { JobError } from '../../protocol/jobError';
import type { JobRunner } from '../../jobs/workerClient';
import type { JobName, JobParams, JobResult } from '../../protocol/jobs';

export interface JobProgressRequest<K extends JobName> {
  /** Shown in the notification, e.g. "Inspecting penguins.json". */
  title: string;
  job: K;
  params: JobParams<K>;
  /** Cancels the job from outside (e.g. a "Cancel all jobs" command). */
  signal?: AbortSignal;
  /** Where failures are logged in full; a "Show Log" button opens it. */
  log?: vscode.OutputChannel;
}

const OPEN_FILE = 'Open File';
const SHOW_LOG = 'Show Log';

/** Runs the job; resolves its result, or undefined when it failed or was cancelled. */
export async function runJobWithProgress<K extends JobName>(
  client: JobRunner,
  request: JobProgressRequest<K>,
): Promise<JobResult<K> | undefined> {
  const { title, job, params, log } = request;
  const started = Date.now();
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const abort = () => controller.abort();
        if (request.signal?.aborted) controller.abort();
        request.signal?.addEventListener('abort', abort, { once: true });
        const cancellation = token.onCancellationRequested(abort);
        // VS Code adds increments up; the job reports the fraction done so far.
        let reportedPercent = 0;
        try {
          return await client.run(job, params, {
            signal: controller.signal,
            onProgress: (p) => {
              const update: { message?: string; increment?: number } = {};
              if (p.message !== undefined) update.message = p.message;
              if (typeof p.fraction === 'number' && Number.isFinite(p.fraction)) {
                const percent = Math.min(100, Math.max(0, p.fraction * 100));
                if (percent > reportedPercent) {
                  update.increment = percent - reportedPercent;
                  reportedPercent = percent;
                }
              }
              progress.report(update);
            },
          });
        } finally {
          cancellation.dispose();
          request.signal?.removeEventListener('abort', abort);
        }
      },
    );
    log?.appendLine(`[jobs] ${title}: done in ${Date.now() - started} ms`);
    return result;
  } catch (error) {
    const failure = JobError.from(error);
    if (failure.code === 'cancelled') {
      log?.appendLine(`[jobs] ${title}: cancelled`);
      return undefined;
    }
    log?.appendLine(`[jobs] ${title}: ${failure.code}: ${failure.message}`);
    if (failure.stack && failure.code === 'failed') log?.appendLine(failure.stack);
    void showFailure(title, failure, log);
    return undefined;
  }
}

/** The error notification; not awaited by the caller, so the job's promise settles at once. */
async function showFailure(title: string, failure: JobError, log: vscode.OutputChannel | undefined): Promise<void> {
  // Crash reports carry the worker's stderr after the first line: that belongs in the log.
  const headline = failure.message.split('\n')[0];
  const buttons = [...(failure.file ? [OPEN_FILE] : []), ...(log ? [SHOW_LOG] : [])];
  const choice = await vscode.window.showErrorMessage(`${title} failed: ${headline}`, ...buttons);
  if (choice === SHOW_LOG) log?.show(true);
  if (choice === OPEN_FILE && failure.file) {
    const line = Math.max(0, (failure.line ?? 1) - 1);
    const column = Math.max(0, (failure.column ?? 1) - 1);
    const position = new vscode.Position(line, column);
    await vscode.window.showTextDocument(vscode.Uri.file(failure.file), {
      selection: new vscode.Range(position, position),
    });
  }
}
