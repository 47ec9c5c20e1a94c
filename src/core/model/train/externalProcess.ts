// Running a user's command (an external trainer or predictor) without a shell: it leads its own
// process group, so a cancel, a timeout, its own exit or this process's exit stops everything it
// started (SIGTERM to the group, SIGKILL after KILL_GRACE_MS). The last output of stdout and
// stderr is kept for error messages and logs.
import { spawn } from 'node:child_process';
import { isAbsolute, relative, resolve } from 'node:path';
import { insideProject } from './loadSpec';

export const TAIL_BYTES = 2000;

/**
 * A program named by a relative path is a file of the project: it must not lead out of it (by
 * ".." or a link). Programs on PATH and absolute paths are the user's explicit choice.
 */
export function checkProgram(root: string, cwd: string, program: string, what: string): void {
  if (!isAbsolute(program) && /[\\/]/.test(program)) insideProject(root, relative(root, resolve(cwd, program)), what);
}

/** The last part of a stream's output (the first of a long log is rarely the useful part). */
export class Tail {
  private text = '';
  add(chunk: Buffer): void {
    this.text = (this.text + chunk.toString('utf8')).slice(-16 * TAIL_BYTES);
  }
  last(bytes = TAIL_BYTES): string {
    return this.text.slice(-bytes).trim();
  }
}

/** Process groups of commands still running: killed when this process exits, however it exits. */
const liveGroups = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** How long a stopped command (cancel, timeout) gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2000;

function trackGroup(pid: number): void {
  if (liveGroups.size === 0) process.on('exit', killLiveGroups);
  liveGroups.add(pid);
}

function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
  if (liveGroups.size === 0) process.off('exit', killLiveGroups);
}

/** Kills every running command's whole process group (the command and what it started). */
export function killLiveGroups(): void {
  for (const pid of liveGroups) killGroup(pid);
}

export function abortError(message: string): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

export interface CommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  stdout: Tail;
  stderr: Tail;
  /** What the command is, for messages: "external trainer", "external predictor". */
  what: string;
  /** The message of the AbortError a cancel rejects with. */
  cancelled: string;
  /** Called once the process is started (a cancel from here stops it like any other). */
  onSpawn?(): void;
}

/** Runs argv; resolves with the exit code, rejects on timeout, cancel or a spawn failure. */
export function runCommand(argv: string[], options: CommandOptions): Promise<number> {
  const { cwd, env, timeoutMs, signal, stdout, stderr } = options;
  return new Promise((resolvePromise, reject) => {
    if (signal?.aborted) return reject(abortError(options.cancelled));
    const child = spawn(argv[0], argv.slice(1), {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      shell: false,
    });
    let settled = false;
    // detached: the command leads its own process group, so one kill reaches everything it started.
    const group = child.pid;
    if (group !== undefined) trackGroup(group);
    let exited = false;
    let stopping: Error | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    /**
     * Stops the command: SIGTERM to its group, SIGKILL after KILL_GRACE_MS if it is still there;
     * the promise rejects with `why` once the command has exited, so nothing it started outlives it.
     */
    const stop = (why: Error) => {
      if (stopping || settled) return;
      stopping = why;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (exited) return finish(() => reject(why));
      if (group !== undefined) killGroup(group, 'SIGTERM');
      else child.kill('SIGTERM');
      killTimer = setTimeout(() => {
        if (group !== undefined) killGroup(group);
        else child.kill('SIGKILL');
      }, KILL_GRACE_MS);
    };
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (killTimer !== undefined) clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    const onAbort = () => stop(abortError(options.cancelled));
    const timer = setTimeout(
      () =>
        stop(
          new Error(
            `"${argv.join(' ')}" did not finish within ${timeoutMs / 1000} s (timeoutSeconds) and was stopped.${stderr.last() ? ` Last output:\n${stderr.last()}` : ''}`,
          ),
        ),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (c: Buffer) => stdout.add(c));
    child.stderr.on('data', (c: Buffer) => stderr.add(c));
    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT' ? `"${argv[0]}" was not found (is it installed and on PATH?)` : error.message;
      finish(() => reject(new Error(`Cannot run the ${options.what}: ${reason}.`)));
    });
    // When the command exits, what it left running in its group is stopped with it.
    child.on('exit', () => {
      exited = true;
      if (group !== undefined) {
        killGroup(group);
        untrackGroup(group);
      }
      if (stopping) finish(() => reject(stopping));
    });
    child.on('close', (code, sig) => finish(() => resolvePromise(code ?? (sig ? 128 : 1))));
    if (group !== undefined) options.onSpawn?.();
  });
}
