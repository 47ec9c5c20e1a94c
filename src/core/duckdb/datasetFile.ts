// What a dataset file is before DuckDB reads it: where it is (inside the workspace), that it
// exists and is a file, its first bytes (a binary file renamed .csv is refused here, with what
// it really is), its format from the extension and those bytes, and its SHA-256 fingerprint.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname, relative, resolve } from 'node:path';
import { JobError } from '../../protocol/jobError';
import { describeBinary } from '../data/binarySniff';
import { isInside, OutsideWorkspaceError, resolveInside } from '../paths';

export type DatasetFormat = 'csv' | 'tsv' | 'parquet' | 'json' | 'ndjson';

/** Bytes read from the start of the file to sniff format, delimiter and header. */
export const HEAD_BYTES = 64 * 1024;

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31];
const PARQUET_EXTENSIONS = new Set(['.parquet', '.pq', '.parq']);
const NDJSON_EXTENSIONS = new Set(['.ndjson', '.jsonl']);
const TSV_EXTENSIONS = new Set(['.tsv', '.tab']);

export interface DatasetFileInfo {
  /** Absolute path. */
  file: string;
  /** How messages name the file: relative to the root (or the working directory) when inside it. */
  shown: string;
  sizeBytes: number;
  mtimeMs: number;
  head: Buffer;
  /** Whether `head` is the whole file. */
  complete: boolean;
}

/** Resolves `path` (inside `root` when given), refusing a path that leaves the workspace. */
export function resolveDatasetPath(path: string, root?: string): string {
  if (typeof path !== 'string' || path === '')
    throw new JobError('bad-input', 'No data file given (expected a "path").');
  if (root === undefined) return resolve(path);
  try {
    return resolveInside(root, path);
  } catch (error) {
    if (error instanceof OutsideWorkspaceError) throw new JobError('bad-input', error.message, { file: path });
    throw error;
  }
}

export function displayPath(file: string, root?: string): string {
  const base = root ?? process.cwd();
  return isInside(base, file) ? relative(base, file) || file : file;
}

/** The JobError for a file system error on the data file (gone, unreadable ...). */
export function fileError(error: unknown, file: string, shown: string): JobError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'does not exist (or was removed while it was being read)'
      : code === 'EACCES'
        ? 'cannot be read (permission denied)'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot be read (${code ?? (error as Error).message})`;
  return new JobError('bad-input', `${shown} ${reason}.`, { file }, { cause: error });
}

export async function readDatasetFile(file: string, shown: string): Promise<DatasetFileInfo> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw fileError(error, file, shown);
  }
  if (!info.isFile()) throw new JobError('bad-input', `${shown} is not a file.`, { file });
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileError(error, file, shown);
  }
  return { file, shown, sizeBytes: info.size, mtimeMs: info.mtimeMs, head, complete: info.size <= HEAD_BYTES };
}

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

function firstNonSpace(text: string): string {
  return /\S/.exec(text)?.[0] ?? '';
}

/** NDJSON's mark: a whole JSON object on the first line and another record on the next. */
function looksLikeNdjson(text: string): boolean {
  const newline = text.indexOf('\n');
  if (newline === -1) return false;
  try {
    const first: unknown = JSON.parse(text.slice(0, newline));
    if (typeof first !== 'object' || first === null || Array.isArray(first)) return false;
  } catch {
    return false;
  }
  return firstNonSpace(text.slice(newline + 1)) === '{';
}

/**
 * The format from the extension, confirmed by the first bytes: content decides where the
 * extension is silent (.txt, .dat, none), and a binary file is refused whatever its name says.
 */
export function detectFormat(info: DatasetFileInfo): DatasetFormat {
  const { head, file, shown } = info;
  const extension = extname(file).toLowerCase();
  const parquet = startsWith(head, PARQUET_MAGIC);
  if (PARQUET_EXTENSIONS.has(extension) || parquet) {
    if (!parquet)
      throw new JobError(
        'bad-input',
        `${shown} does not start with the Parquet signature "PAR1": it is not a Parquet file.`,
        { file },
      );
    return 'parquet';
  }
  const binary = describeBinary(head);
  if (binary)
    throw new JobError(
      'bad-input',
      `${shown} is ${binary}, not a text data file${extension ? ` (despite its ${extension} extension)` : ''}.`,
      { file },
    );
  if (
    info.sizeBytes === 0 ||
    head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim() === ''
  ) {
    throw new JobError('bad-input', `${shown} is empty: there is no header and no data.`, { file });
  }
  if (NDJSON_EXTENSIONS.has(extension)) return 'ndjson';
  if (TSV_EXTENSIONS.has(extension)) return 'tsv';
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const first = firstNonSpace(text);
  if (extension === '.json' || (extension !== '.csv' && (first === '[' || first === '{'))) {
    if (first === '{') {
      if (looksLikeNdjson(text) || !info.complete) return 'ndjson';
      throw new JobError(
        'bad-input',
        `${shown} holds one JSON object, not a table: expected an array of records ([{...}, {...}]) or one record per line (NDJSON).`,
        { file, line: 1, column: 1 },
      );
    }
    return 'json';
  }
  return 'csv';
}

/** Streams the file through SHA-256; stops (and rejects with `cancelled`) when the signal fires. */
export function hashFile(file: string, shown: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    const onAbort = () => {
      stream.destroy();
      reject(new JobError('cancelled', 'The job was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    stream
      .on('data', (chunk) => hash.update(chunk))
      .on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(fileError(error, file, shown));
      })
      .on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        resolvePromise(hash.digest('hex'));
      });
  });
}
