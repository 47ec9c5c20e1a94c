// What every data command of the CLI does around its job: take one data file argument, show
// progress on a terminal while the job runs, and print the human report or the JSON result.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PROJECT_FILE } from '../core/project/projectFile';
import { assertReallyInside, sameFile } from '../core/paths';
import { JobError } from '../protocol/jobError';
import type { JobContext } from '../protocol/jobs';
import { checkOutputFolder } from '../core/atomicWrite';
import { type CliIO, ProgressLine, UsageError, writeFileAtomic } from './io';

/** The one data file a command works on, resolved against the working directory. */
export function oneDataFile(positionals: string[], io: CliIO, verb: string): string {
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? `Which file? Give one data file to ${verb}.` : 'Give exactly one data file.',
    );
  const file = resolve(io.cwd, positionals[0]);
  refuseLinkOutOfProject(file, positionals[0]);
  return file;
}

/**
 * A file named inside a project (a folder with mlcycle.yaml above it) must really be there: a
 * data file or folder that is a symbolic link out of the project is refused, as jobs refuse
 * paths from documents. A file outside every project is the user's explicit choice.
 */
export function refuseLinkOutOfProject(file: string, shown: string): void {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, PROJECT_FILE))) {
      assertReallyInside(dir, file, shown);
      return;
    }
    if (dirname(dir) === dir) return;
  }
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
export async function writeResult(
  io: CliIO,
  jsonOption: unknown,
  result: unknown,
  human: () => string,
  inputs: readonly string[] = [],
): Promise<void> {
  const json = typeof jsonOption === 'string' ? jsonOption : undefined;
  const text = JSON.stringify(result, null, 2) + '\n';
  if (json === '-') {
    io.stdout.write(text);
    return;
  }
  if (json !== undefined) {
    refuseInputAsOutput(io, json, inputs, '--json');
    await checkOutputFolder(resolve(io.cwd, json), json);
  }
  io.stdout.write(human());
  if (json !== undefined) await writeFileAtomic(resolve(io.cwd, json), text, json);
}

/** A usage error when the output `path` is one of the command's input files (links resolved). */
export function refuseInputAsOutput(io: CliIO, path: string, inputs: readonly string[], option: string): void {
  const target = resolve(io.cwd, path);
  const input = inputs.find((file) => sameFile(resolve(io.cwd, file), target));
  if (input !== undefined)
    throw new JobError(
      'bad-input',
      `${option} ${path} is an input of this command (${input}): writing there would destroy it. Name another file.`,
      { file: target },
    );
}
