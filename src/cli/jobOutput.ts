// What every data command of the CLI does around its job: take one data file argument, show
// progress on a terminal while the job runs, and print the human report or the JSON result.
import { resolve } from 'node:path';
import type { JobContext } from '../protocol/jobs';
import { type CliIO, ProgressLine, UsageError, writeFileAtomic } from './io';

/** The one data file a command works on, resolved against the working directory. */
export function oneDataFile(positionals: string[], io: CliIO, verb: string): string {
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? `Which file? Give one data file to ${verb}.` : 'Give exactly one data file.',
    );
  return resolve(io.cwd, positionals[0]);
}

/** The optional --root folder, resolved. */
export function rootOption(values: Record<string, unknown>, io: CliIO): string | undefined {
  return typeof values.root === 'string' ? resolve(io.cwd, values.root) : undefined;
}

/** Runs a job function with a progress line on stderr (terminals only), cleared afterwards. */
export async function runWithProgressLine<R>(
  io: CliIO,
  label: string,
  signal: AbortSignal,
  job: (ctx: JobContext) => Promise<R>,
): Promise<R> {
  const progress = new ProgressLine(io.stderr, label);
  try {
    return await job({ signal, report: (p) => progress.update(p.fraction, p.message) });
  } finally {
    progress.clear();
  }
}

/**
 * `--json -` prints only the JSON; otherwise the human report goes to stdout and, with
 * `--json <file>`, the JSON is written to the file atomically.
 */
export async function writeResult(io: CliIO, jsonOption: unknown, result: unknown, human: () => string): Promise<void> {
  const json = typeof jsonOption === 'string' ? jsonOption : undefined;
  const text = JSON.stringify(result, null, 2) + '\n';
  if (json === '-') {
    io.stdout.write(text);
    return;
  }
  io.stdout.write(human());
  if (json !== undefined) await writeFileAtomic(resolve(io.cwd, json), text);
}
