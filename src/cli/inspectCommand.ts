// `mlcycle inspect <file>`: the inspect job from the command line. Exit 1 when the file is
// readable but not a clean table (ragged rows, no columns, repeated or empty column names), so
// CI can gate on it.
import { formatBytes } from '../core/data/byteSize';
import { inspect } from '../core/data/inspect';
import { describeHeaderProblem } from '../core/data/headerNames';
import type { InspectResult } from '../core/data/inspectTypes';
import type { CliCommand } from './command';
import { EXIT } from './io';
import { oneDataFile, rootOption, runWithProgressLine, writeResult } from './jobOutput';

const FORMAT_NAMES: Record<InspectResult['format'], string> = {
  csv: 'CSV',
  tsv: 'TSV',
  json: 'JSON array',
  ndjson: 'NDJSON',
};

function describeDelimiter(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : JSON.stringify(delimiter);
}

/** The human-readable report, one fact per line. */
export function formatInspectReport(result: InspectResult, shownPath: string): string {
  const lines = [shownPath];
  const add = (label: string, value: string) => lines.push(`  ${label.padEnd(9)} ${value}`);
  let format = FORMAT_NAMES[result.format];
  if (result.delimiter !== undefined) format += `, delimiter ${describeDelimiter(result.delimiter)}`;
  if (result.decimalSeparator === ',') format += ', decimal comma';
  format += result.bom ? ', UTF-8 with BOM' : ', UTF-8';
  add('format', format);
  add(
    'size',
    `${formatBytes(result.sizeBytes)} (${result.sizeBytes} bytes), modified ${new Date(result.mtimeMs).toISOString()}`,
  );
  add('sha256', result.sha256);
  add('rows', result.rows.toLocaleString('en-US'));
  const header =
    result.format === 'csv' || result.format === 'tsv'
      ? result.header
        ? ' (from the header row)'
        : ' (no header row: names generated)'
      : '';
  add('columns', `${result.columns.length}${header}: ${result.columns.join(', ')}`);
  for (const problem of result.columnNameProblems ?? []) add('names', describeHeaderProblem(problem, result.columns));
  add('blank', `${result.emptyRows} blank line${result.emptyRows === 1 ? '' : 's'}`);
  const { count, examples } = result.raggedRows;
  if (count === 0) {
    add('ragged', 'none');
  } else {
    add(
      'ragged',
      `${count} row${count === 1 ? '' : 's'} with the wrong number of ${result.format.includes('json') ? 'keys' : 'fields'}`,
    );
    for (const e of examples) lines.push(`            line ${e.line}: ${e.fields} instead of ${e.expected}`);
  }
  add('read in', `${result.elapsedMs} ms`);
  return lines.join('\n') + '\n';
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: "Detect a data file's format, count its rows and columns, find ragged rows, fingerprint it.",
  usage: 'mlcycle inspect <file> [--json <out.json|->] [--root <dir>]',
  options: {
    json: { type: 'string', description: 'also write the result as JSON to this file ("-" for stdout only)' },
    root: { type: 'string', description: 'refuse a file outside this folder (the workspace root)' },
  },
  async run({ positionals, values, io, signal }) {
    const path = oneDataFile(positionals, io, 'inspect');
    const root = rootOption(values, io);
    const result: InspectResult = await runWithProgressLine(io, 'inspect', signal, (ctx) =>
      inspect({ path, ...(root !== undefined ? { root } : {}) }, ctx),
    );
    await writeResult(io, values.json, result, () => formatInspectReport(result, positionals[0]), [path]);
    const json = typeof values.json === 'string' ? values.json : undefined;
    const badNames = (result.columnNameProblems?.length ?? 0) > 0;
    const clean = result.raggedRows.count === 0 && result.columns.length > 0 && !badNames;
    if (!clean && json !== '-') {
      io.stderr.write(
        result.columns.length === 0
          ? 'check failed: the file has no columns\n'
          : result.raggedRows.count > 0
            ? 'check failed: ragged rows\n'
            : 'check failed: repeated or empty column names\n',
      );
    }
    return clean ? EXIT.ok : EXIT.checkFailed;
  },
};
