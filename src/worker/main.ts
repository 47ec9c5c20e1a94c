// The background worker process, started by WorkerClient with child_process.fork. It only
// adapts the IPC channel to the job registry; the jobs themselves live in src/core.
import { JobError } from '../protocol/jobError';
import type { WorkerMessage } from '../protocol/jobs';
import { JobServer } from './jobServer';
import { createJobRegistry } from './jobs';

const send = process.send?.bind(process);
if (!send) {
  process.stderr.write('mlcycle worker: start me with child_process.fork (I need an IPC channel).\n');
  process.exit(2);
}

const registry = createJobRegistry({ diagnostics: process.env.MLCYCLE_DIAGNOSTICS === '1' });

/** Messages handed to IPC but not yet written: a fatal error waits for them before exiting. */
let unsent = 0;
let exitWhenSent = false;
const server = new JobServer(registry, (message: WorkerMessage) => {
  unsent++;
  send(message, undefined, undefined, () => {
    unsent--;
    if (exitWhenSent && unsent === 0) process.exit(70);
  });
});

process.on('message', (message) => server.handle(message));
// The host went away (closed window, killed extension host): nothing left to work for.
process.on('disconnect', () => process.exit(0));

/**
 * An error escaped a job (say, an 'error' event nobody listened to): the process is in an
 * unknown state. Fail the running jobs with it, say this worker is retiring, and exit once the
 * messages are out, so the next job gets a clean process.
 */
function fatal(error: unknown): void {
  process.stderr.write(`[worker] fatal: ${error instanceof Error ? error.stack : String(error)}\n`);
  server.failAllAndRetire(
    new JobError('failed', `The worker failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  exitWhenSent = true;
  if (unsent === 0) process.exit(70);
  setTimeout(() => process.exit(70), 1000);
}
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

send({ type: 'ready', pid: process.pid } satisfies WorkerMessage);
