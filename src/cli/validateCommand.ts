// `mlcycle validate <file>`: the validate job from the command line, so the same expectations
// gate training data and serving data in CI. Exit 0 when every error-severity expectation
// holds, 1 when one fails, 2 when the data or the expectations cannot be read.
import { dirname, join, resolve } from 'node:path';
import { resolveInside } from '../core/paths';
import { markersForFile } from '../core/project/missingValues';
import { findProjectRoot, PROJECT_FILE, readProjectFile } from '../core/project/projectFile';
import type { ValidationResult } from '../core/validation/expectationTypes';
import { validate } from '../core/validation/validate';
import { formatValidationText } from '../core/validation/validationReport';
import type { CliCommand } from './command';
import { EXIT, UsageError } from './io';
import { oneDataFile, rootOption, runWithProgressLine, writeResult } from './jobOutput';
import { MISSING_VALUES_OPTION, missingValuesOption } from './missingValuesOption';

/** The nearest folder at or above `start` holding mlcycle.yaml. */
/** The project's expectations document, when the data file (or the working directory) is in a project. */
async function projectExpectations(dataFile: string, cwd: string): Promise<string> {
  const root = (await findProjectRoot(dirname(dataFile))) ?? (await findProjectRoot(cwd));
  if (!root)
    throw new UsageError(
      `Which expectations? Give --expectations <file.yaml> (no ${PROJECT_FILE} found above ${dataFile} to take documents.expectations from).`,
    );
  const loaded = await readProjectFile(root);
  const project = loaded?.project;
  if (!project) {
    const first = loaded?.problems.find((p) => p.severity === 'error');
    const detail = first
      ? ` (${join(root, PROJECT_FILE)}:${first.start.line}:${first.start.column}: ${first.message})`
      : '';
    throw new UsageError(`The project file is not valid${detail}; fix it or give --expectations <file.yaml>.`);
  }
  return resolveInside(root, project.documents.expectations);
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check a data file against the expectations (YAML); exit 1 when an expectation of severity error fails.',
  usage:
    'mlcycle validate <file> [--expectations <file.yaml>] [--json <out.json|->] [--missing-values <a,b,...>] [--root <dir>]',
  options: {
    expectations: {
      type: 'string',
      short: 'e',
      description:
        "the expectations document (default: the project's documents.expectations, from the mlcycle.yaml above the file)",
    },
    json: { type: 'string', description: 'also write the result as JSON to this file ("-" for stdout only)' },
    root: { type: 'string', description: 'refuse files outside this folder (the workspace root)' },
    'missing-values': MISSING_VALUES_OPTION,
  },
  async run({ positionals, values, io, signal }) {
    const path = oneDataFile(positionals, io, 'validate');
    const missingValues = await markersForFile(path, missingValuesOption(values));
    const root = rootOption(values, io);
    const expectationsFile =
      typeof values.expectations === 'string'
        ? resolve(io.cwd, values.expectations)
        : await projectExpectations(path, io.cwd);

    const result: ValidationResult = await runWithProgressLine(io, 'validate', signal, (ctx) =>
      validate({ path, expectationsFile, missingValues, ...(root !== undefined ? { root } : {}) }, ctx),
    );
    await writeResult(io, values.json, result, () => formatValidationText(result), [path, expectationsFile]);
    return result.outcome === 'pass' ? EXIT.ok : EXIT.checkFailed;
  },
};
