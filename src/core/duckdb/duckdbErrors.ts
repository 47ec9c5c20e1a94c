// DuckDB's errors are long (a "Possible fixes" list, the SQL text with a caret) and speak of
// records where users think in lines. These helpers pull out what a person needs — the file,
// the line, the reason — and say which errors a reader can recover from by itself.
import { JobError } from '../../protocol/jobError';

/** The first paragraph of a DuckDB error, without the error class prefix or SQL echo. */
export function duckdbReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstBlock = message.split(/\n\s*\n|\nLINE \d+:|\nPossible (fixes|solutions):/)[0] ?? message;
  return firstBlock
    .replace(/^[A-Za-z ]*Error: /, '')
    .replace(/^CSV Error on Line: \d+\s*/, '')
    .replace(/^Original Line:.*\n?/m, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The 1-based record/line number DuckDB reports, when it gives one. */
export function duckdbLine(error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const match = /CSV Error on Line: (\d+)/.exec(message) ?? /\bin (?:line|record\/value) (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** The column DuckDB failed to convert ("Error when converting column "x""), if that is the error. */
export function conversionFailureColumn(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Conversion Error|Could not convert/.test(message)) return undefined;
  return /Error when converting column "((?:[^"]|"")*)"\./.exec(message)?.[1];
}

/** Whether DuckDB could not find or open the file (removed or renamed meanwhile, permissions). */
export function isMissingFileError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /No files found that match the pattern|Cannot open file|No such file or directory/i.test(message);
}

/** A read failure as a bad-input JobError naming file and, when known, line. */
export function readError(error: unknown, file: string, shown: string, line?: number): JobError {
  if (isOutOfMemoryError(error)) return engineError(error, 'reading the file', shown, file);
  const where = line !== undefined ? `${shown}:${line}` : shown;
  return new JobError('bad-input', `${where}: ${duckdbReason(error)}`, line !== undefined ? { file, line } : { file }, {
    cause: error,
  });
}

/** Whether DuckDB stopped for lack of memory (its memory_limit, or the machine's). */
export function isOutOfMemoryError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Out of Memory|failed to allocate|could not allocate/i.test(message);
}

/**
 * An engine failure that escaped a job's own checks, as one sentence: what failed (the stage),
 * on which file, DuckDB's reason in short, and what to try. Never DuckDB's raw text alone.
 */
export function engineError(error: unknown, what: string, shown: string, file: string): JobError {
  const hint = isOutOfMemoryError(error)
    ? `DuckDB ran out of memory (its limit is set by MLCYCLE_DUCKDB_MEMORY_LIMIT). Try a sample (--sample random:100000), fewer columns, or a larger limit (e.g. MLCYCLE_DUCKDB_MEMORY_LIMIT=4GB).`
    : `This is a problem of the profiler, not of the file's contents as far as we can tell; please report it with the file's shape (rows × columns).`;
  return new JobError(
    'failed',
    `Profiling ${shown} failed while ${what}: ${duckdbReason(error)}. ${hint}`,
    { file },
    {
      cause: error,
    },
  );
}
