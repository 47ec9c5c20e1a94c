// The `inspect` job: one streaming pass over a dataset file that says what it is (format,
// delimiter, header), how big (rows, columns, bytes), whether its rows are well formed, and
// fingerprints it (SHA-256). Bad input becomes a `bad-input` JobError naming file and line.
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { JobError } from '../../protocol/jobError';
import type { JobContext } from '../../protocol/jobs';
import { isInside, OutsideWorkspaceError, resolveInside } from '../paths';
import { formatBytes } from './byteSize';
import { CsvSyntaxError } from './csvTokenizer';
import { chooseScanner } from './formatChoice';
import { sniffDecimalSeparator } from './decimalSeparator';
import { headerNameProblems } from './headerNames';
import type { InspectParams, InspectResult } from './inspectTypes';
import { JsonSyntaxError } from './jsonRecords';
import type { TableScanner, TableSummary } from './tableScan';
import { InvalidUtf8Error, TextFileStream } from './textFileStream';

/** Characters of text to collect before choosing the format and delimiter. */
const SNIFF_CHARS = 64 * 1024;

export interface InspectOptions {
  /** Read size; tests make it tiny to cross chunk boundaries everywhere. */
  chunkBytes?: number;
}

/** Resolves the job's path, refusing one that leaves the workspace folder. */
export function resolveDataPath(params: InspectParams): string {
  if (typeof params?.path !== 'string' || params.path === '') {
    throw new JobError('bad-input', 'No data file given (expected a "path").');
  }
  if (params.root === undefined) return resolve(params.path);
  try {
    return resolveInside(params.root, params.path);
  } catch (error) {
    if (error instanceof OutsideWorkspaceError) throw new JobError('bad-input', error.message, { file: params.path });
    throw error;
  }
}

/** How messages name the file: relative to the workspace (or the working directory) when inside it. */
function displayPath(file: string, root: string | undefined): string {
  const base = root ?? process.cwd();
  return isInside(base, file) ? relative(base, file) || file : file;
}

async function statFile(file: string, shown: string): Promise<{ size: number; mtimeMs: number }> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'cannot be read (permission denied)'
          : `cannot be read (${code})`;
    throw new JobError('bad-input', `${shown} ${reason}.`, { file });
  }
  if (!info.isFile()) throw new JobError('bad-input', `${shown} is not a file.`, { file });
  return { size: info.size, mtimeMs: info.mtimeMs };
}

/** Turns a parser's error into a JobError that names file, line and column. */
function locate(error: unknown, file: string, shown: string, line: number): unknown {
  if (error instanceof CsvSyntaxError || error instanceof JsonSyntaxError) {
    return new JobError('bad-input', `${shown}:${error.line}:${error.column}: ${error.message}`, {
      file,
      line: error.line,
      column: error.column,
    });
  }
  if (error instanceof InvalidUtf8Error) {
    return new JobError('bad-input', `${shown}:${line}: ${error.message}`, { file, line });
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return new JobError('bad-input', `${shown} cannot be read: ${(error as Error).message}`, { file });
  }
  return error;
}

export async function inspectFile(
  params: InspectParams,
  ctx: JobContext,
  options: InspectOptions = {},
): Promise<InspectResult> {
  const started = performance.now();
  const file = resolveDataPath(params);
  const shown = displayPath(file, params.root);
  const { size, mtimeMs } = await statFile(file, shown);
  ctx.report({ message: `Reading ${shown}`, fraction: 0 });

  const stream = new TextFileStream(file, {
    signal: ctx.signal,
    displayName: shown,
    ...(options.chunkBytes !== undefined ? { chunkBytes: options.chunkBytes } : {}),
    onBytes: (bytes) =>
      ctx.report({
        message: `${formatBytes(bytes)} of ${formatBytes(size)}`,
        fraction: size > 0 ? Math.min(1, bytes / size) : 1,
      }),
  });

  let scanner: TableScanner | undefined;
  let summary: TableSummary;
  let sample = '';
  /** The text the format and delimiter were chosen from (the decimal separator is too). */
  let head = '';
  try {
    for await (const text of stream) {
      if (scanner) {
        scanner.push(text);
        continue;
      }
      sample += text;
      if (sample.length < SNIFF_CHARS) continue;
      head = sample;
      scanner = chooseScanner(file, sample, false);
      scanner.push(sample);
      sample = '';
    }
    if (!scanner) {
      head = sample;
      scanner = chooseScanner(file, sample, true);
      scanner.push(sample);
      sample = '';
    }
    summary = scanner.finish();
  } catch (error) {
    // Before a scanner exists the text read so far is still in `sample`: count its lines.
    const line = scanner ? scanner.line : sample.split('\n').length;
    throw locate(error, file, shown, line);
  }

  const decimalSeparator =
    summary.delimiter !== undefined ? sniffDecimalSeparator(head, summary.delimiter, summary.header) : undefined;
  const nameProblems =
    summary.header && (summary.format === 'csv' || summary.format === 'tsv') ? headerNameProblems(summary.columns) : [];
  return {
    path: file,
    format: summary.format,
    ...(summary.delimiter !== undefined ? { delimiter: summary.delimiter } : {}),
    ...(decimalSeparator !== undefined ? { decimalSeparator } : {}),
    bom: stream.bom,
    sizeBytes: size,
    mtimeMs,
    sha256: stream.sha256,
    rows: summary.rows,
    columns: summary.columns,
    header: summary.header,
    ...(nameProblems.length > 0 ? { columnNameProblems: nameProblems } : {}),
    raggedRows: summary.raggedRows,
    emptyRows: summary.emptyRows,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** The job as registered with the worker and the CLI. */
export function inspect(params: InspectParams, ctx: JobContext): Promise<InspectResult> {
  return inspectFile(params, ctx);
}
