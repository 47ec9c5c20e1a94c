// A job that misbehaves on purpose, so tests can prove the client survives a worker that hangs
// or crashes. The worker registers it only when MLCYCLE_DIAGNOSTICS=1.
import { JobError, throwIfCancelled } from '../protocol/jobError';
import type { DiagnosticsParams, DiagnosticsResult, JobContext } from '../protocol/jobs';

/** Resolves after `ms`, or rejects as cancelled as soon as the signal fires. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new JobError('cancelled', 'The job was cancelled.'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new JobError('cancelled', 'The job was cancelled.'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function diagnostics(params: DiagnosticsParams, ctx: JobContext): Promise<DiagnosticsResult> {
  const started = Date.now();
  const done = (value?: unknown): DiagnosticsResult => ({
    mode: params.mode,
    pid: process.pid,
    elapsedMs: Date.now() - started,
    ...(value !== undefined ? { value } : {}),
  });
  switch (params?.mode) {
    case 'echo':
      return done(params.value);
    case 'sleep': {
      const steps = Math.max(1, Math.floor(params.steps ?? 10));
      for (let step = 1; step <= steps; step++) {
        await delay(params.ms / steps, ctx.signal);
        ctx.report({ message: `step ${step} of ${steps}`, fraction: step / steps });
      }
      return done();
    }
    case 'block': {
      // Deliberately synchronous: the event loop cannot answer pings until it ends. It says so
      // first (the report is written to the pipe at once), so a test can act once it has begun.
      ctx.report({ message: 'blocking', fraction: 0 });
      const until = Date.now() + params.ms;
      while (Date.now() < until) {
        /* busy */
      }
      throwIfCancelled(ctx.signal);
      return done();
    }
    case 'crash':
      // Pipes are synchronous on POSIX, so this line reaches the host's crash report.
      process.stderr.write(`diagnostics: crashing on purpose with exit code ${params.exitCode ?? 3}\n`);
      return process.exit(params.exitCode ?? 3);
    case 'uncaught':
      setTimeout(() => {
        throw new Error('diagnostics: uncaught on purpose');
      }, 0);
      // Never settles by itself: the worker's uncaughtException handler fails the job.
      await delay(60_000, ctx.signal);
      return done();
    default:
      throw new JobError(
        'bad-input',
        `Unknown diagnostics mode ${JSON.stringify((params as { mode?: unknown })?.mode)}`,
      );
  }
}
