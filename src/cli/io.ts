// What a CLI command may touch: its output streams (injectable, so tests need no subprocess),
// exit codes with one meaning each, and a safe way to write result files.
import { writeFileAtomic as writeAtomic } from '../core/atomicWrite';

export const EXIT = {
  ok: 0,
  /** The command ran, and what it checked is not right (ragged rows, a failed validation ...). */
  checkFailed: 1,
  /** Bad arguments, or input that cannot be read. */
  usage: 2,
  /** Stopped with Ctrl-C (128 + SIGINT, the shell convention). */
  interrupted: 130,
} as const;

/** The signals the CLI stops cleanly on, and its exit code for each (128 + the signal's number). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Directory that relative paths are resolved against. */
  cwd: string;
}

/** Wrong arguments: the message is printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Writes `text` to `path` through a temporary file and a rename, so a reader never sees half a
 * file; the folder must exist (a missing one is an error naming it).
 */
export function writeFileAtomic(path: string, text: string, shown = path): Promise<void> {
  return writeAtomic(path, text, { shown });
}

/** A one-line progress display on a terminal's stderr, redrawn at most 10 times a second. */
export class ProgressLine {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly label: string,
  ) {}

  update(fraction: number | undefined, message: string | undefined): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && fraction !== 1) return;
    this.lastDraw = now;
    const percent =
      fraction === undefined
        ? ''
        : ` ${Math.floor(fraction * 100)
            .toString()
            .padStart(3)}%`;
    const text = `${this.label}${percent}${message ? `  ${message}` : ''}`;
    const width = (this.stream.columns ?? 80) - 1;
    this.stream.write(`\r\x1b[K${text.slice(0, width)}`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** A whole-number option (`--name N`): undefined when absent, a usage error when not a whole number above 0 (or ≥ 0). */
export function wholeNumberOption(
  values: Record<string, unknown>,
  name: string,
  allowZero = false,
): number | undefined {
  const raw = values[name];
  if (typeof raw !== 'string') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1))
    throw new UsageError(`--${name} takes a whole number${allowZero ? '' : ' above 0'}, not "${raw}".`);
  return n;
}
