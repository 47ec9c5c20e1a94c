// One error type for every way a job can fail, on both sides of the process boundary. Jobs throw
// it for bad input (with file/line/column), the worker serialises it, the client rebuilds it.
import { JOB_ERROR_CODES, type JobErrorCode, type JobErrorData } from './jobs';

export interface JobErrorLocation {
  file?: string;
  line?: number;
  column?: number;
}

export class JobError extends Error {
  readonly code: JobErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(code: JobErrorCode, message: string, location: JobErrorLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JobError';
    this.code = code;
    if (location.file !== undefined) this.file = location.file;
    if (location.line !== undefined) this.line = location.line;
    if (location.column !== undefined) this.column = location.column;
  }

  toData(): JobErrorData {
    const data: JobErrorData = { code: this.code, message: this.message };
    if (this.file !== undefined) data.file = this.file;
    if (this.line !== undefined) data.line = this.line;
    if (this.column !== undefined) data.column = this.column;
    if (this.stack !== undefined) data.stack = this.stack;
    return data;
  }

  /** Rebuilds an error that crossed the IPC channel; keeps the worker's stack for the log. */
  static fromData(data: JobErrorData): JobError {
    const code = (JOB_ERROR_CODES as readonly string[]).includes(data.code) ? data.code : 'failed';
    const error = new JobError(code, String(data.message), data);
    if (data.stack) error.stack = data.stack;
    return error;
  }

  /** Normalises anything thrown by a job: aborts become `cancelled`, the rest `failed`. */
  static from(error: unknown): JobError {
    if (error instanceof JobError) return error;
    if (isAbortError(error)) return new JobError('cancelled', 'The job was cancelled.', {}, { cause: error });
    if (error instanceof Error) {
      const wrapped = new JobError('failed', error.message, {}, { cause: error });
      if (error.stack) wrapped.stack = error.stack;
      return wrapped;
    }
    return new JobError('failed', String(error));
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: unknown }).code === 'ABORT_ERR');
}

export function isCancelled(error: unknown): boolean {
  return error instanceof JobError ? error.code === 'cancelled' : isAbortError(error);
}

/** Throws a `cancelled` JobError when the signal has fired; jobs call it between chunks of work. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new JobError('cancelled', 'The job was cancelled.');
}

/** "file:line:column" for messages, omitting the parts that are unknown. */
export function formatLocation(location: JobErrorLocation): string {
  if (!location.file) return '';
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}
