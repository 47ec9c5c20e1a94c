// File system errors in our words: a raw "ENOENT: no such file or directory, open '/x'" never
// reaches the user; each read or write names the file and its role ("the pipeline spec ...").
import { JobError } from '../protocol/jobError';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
  EXDEV: 'it is on another device',
};

/** The system error code of a file system error, if it is one. */
export function fsErrorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** Why a file operation failed, in words ("no such file or folder"). */
export function fsReason(error: unknown): string {
  const code = fsErrorCode(error);
  if (code && REASONS[code]) return REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages are "CODE: description, syscall 'path'": keep the description only.
  const match = /^[A-Z]+: ([^,]+)/.exec(message);
  return match ? match[1] : message;
}

/**
 * A bad-input JobError for a file that cannot be read or written: "Cannot read the pipeline spec
 * x.yaml: no such file or folder."
 */
export function fileSystemError(
  verb: 'read' | 'write' | 'create' | 'remove',
  what: string,
  file: string,
  error: unknown,
): JobError {
  return new JobError('bad-input', `Cannot ${verb} ${what}: ${fsReason(error)}.`, { file }, { cause: error });
}
