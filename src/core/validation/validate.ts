// The `validate` job: checks a data file against an expectations document and reports every
// expectation with its verdict, the offending rows with their lines, and where in the YAML the
// expectation is written. A document that cannot be read or parsed is bad input (named at its
// line); a file that breaks expectations is a result, not an error.
import { readFile } from 'node:fs/promises';
import { JobError } from '../../protocol/jobError';
import type { JobContext } from '../../protocol/jobs';
import { openDataset } from '../duckdb/openDataset';
import { displayPath, resolveDatasetPath } from '../duckdb/datasetFile';
import { formatPosition } from '../yaml/yamlDocument';
import { evaluateChecks } from './evaluateChecks';
import type { ExpectationSuite, ValidateParams, ValidationResult } from './expectationTypes';
import { parseExpectations } from './parseExpectations';

/** The expectations text, how messages name its file, and its absolute path when there is one. */
async function loadExpectations(params: ValidateParams): Promise<{ text: string; shown: string; file?: string }> {
  if (typeof params.expectations === 'string') {
    if (!params.expectationsFile) return { text: params.expectations, shown: 'expectations' };
    const file = resolveDatasetPath(params.expectationsFile, params.root);
    return { text: params.expectations, shown: displayPath(file, params.root), file };
  }
  if (typeof params.expectationsFile !== 'string' || params.expectationsFile === '') {
    throw new JobError(
      'bad-input',
      'No expectations given: pass the YAML text ("expectations") or its file ("expectationsFile").',
    );
  }
  const file = resolveDatasetPath(params.expectationsFile, params.root);
  const shown = displayPath(file, params.root);
  try {
    return { text: await readFile(file, 'utf8'), shown, file };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot be read (${code ?? (error as Error).message})`;
    throw new JobError('bad-input', `The expectations file ${shown} ${reason}.`, { file });
  }
}

/** Parses the document, or throws its first error with file (absolute when known), line and column. */
export function requireSuite(text: string, shown: string, file = shown): ExpectationSuite {
  const { suite, problems } = parseExpectations(text);
  const errors = problems.filter((p) => p.severity === 'error');
  if (suite && errors.length === 0) return suite;
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  throw new JobError('bad-input', `${formatPosition(shown, first.start)}: ${first.message}${more}`, {
    file,
    line: first.start.line,
    column: first.start.column,
  });
}

export async function validate(params: ValidateParams, ctx: JobContext): Promise<ValidationResult> {
  const started = performance.now();
  const expectations = await loadExpectations(params);
  const expectationsShown = expectations.shown;
  const suite = requireSuite(expectations.text, expectationsShown, expectations.file);

  ctx.report({ message: 'Loading the data', fraction: 0 });
  const data = await openDataset({
    path: params.path,
    ...(params.root !== undefined ? { root: params.root } : {}),
    signal: ctx.signal,
    hash: true,
    ...(params.missingValues ? { missingMarkers: params.missingValues } : {}),
    onProgress: (fraction) => ctx.report({ message: 'Loading the data', fraction: fraction * 0.6 }),
  });
  try {
    const results = await evaluateChecks({
      data,
      checks: suite.checks,
      expectationsFile: expectationsShown,
      ...(expectations.file ? { expectationsPath: expectations.file } : {}),
      signal: ctx.signal,
      report: ctx.report,
    });
    const failed = results.filter((r) => r.status === 'fail');
    const failedErrors = failed.filter((r) => r.severity === 'error').length;
    ctx.report({ message: 'Done', fraction: 1 });
    return {
      path: data.shown,
      ...(params.expectationsFile !== undefined || typeof params.expectations !== 'string'
        ? { expectationsFile: expectationsShown }
        : {}),
      format: data.format,
      rows: data.rows,
      columns: data.columns.map((c) => c.name),
      source: { sizeBytes: data.sizeBytes, mtimeMs: data.mtimeMs, sha256: data.sha256 ?? '' },
      ...(data.missingMarkers ? { missingValues: data.missingMarkers } : {}),
      outcome: failedErrors > 0 ? 'fail' : 'pass',
      counts: {
        checks: results.length,
        passed: results.filter((r) => r.status === 'pass').length,
        failed: failed.length,
        failedErrors,
        failedWarnings: failed.length - failedErrors,
        skipped: results.filter((r) => r.status === 'skipped').length,
      },
      results,
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    data.close();
  }
}
