// The one way jobs and the CLI write a file: into a temporary file in the same folder, renamed
// over the target at the end, so a reader or a crash never sees half a file and a failed write
// leaves the old file as it was. Outputs the user names must have an existing folder (a typo is
// an error, not a new folder); records under .mlcycle/ create theirs. With `root`, the target
// must really (links resolved) lie inside it.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { JobError } from '../protocol/jobError';
import { fileSystemError, fsErrorCode } from './fsErrors';
import { assertReallyInside, OutsideWorkspaceError } from './paths';

export interface AtomicWriteOptions {
  /** Create missing folders (records); default false: a missing folder is an error. */
  createFolder?: boolean;
  /** Refuse a target that is not inside this folder once links are resolved. */
  root?: string;
  /** How messages name the file ("the predictions file out.csv"); default its path. */
  shown?: string;
}

/** The temporary sibling a write goes through; `.<name>.<pid>.<random>.tmp`. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Bad input naming the folder when the folder `path` would be written into does not exist. */
export async function checkOutputFolder(path: string, shown = path): Promise<void> {
  let isFolder = false;
  try {
    isFolder = (await stat(dirname(path))).isDirectory();
  } catch (error) {
    if (fsErrorCode(error) !== 'ENOENT') throw fileSystemError('write', shown, path, error);
  }
  if (!isFolder)
    throw new JobError(
      'bad-input',
      `Cannot write ${shown}: the folder ${dirname(shown)} does not exist (create it first, or name another).`,
      { file: path },
    );
}

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const shown = options.shown ?? path;
  const folder = dirname(path);
  if (options.root !== undefined) {
    try {
      assertReallyInside(options.root, path);
    } catch (error) {
      if (error instanceof OutsideWorkspaceError)
        throw new JobError('bad-input', `Refusing to write ${shown}: ${error.message}`, { file: path });
      throw error;
    }
  }
  if (options.createFolder) {
    try {
      await mkdir(folder, { recursive: true });
    } catch (error) {
      throw fileSystemError('create', `the folder ${dirname(shown)}`, folder, error);
    }
  } else {
    await checkOutputFolder(path, shown);
  }
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, data, typeof data === 'string' ? 'utf8' : undefined);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw fileSystemError('write', shown, path, error);
  }
}
