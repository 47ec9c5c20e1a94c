// The header row as the file writes it, before DuckDB renames repeated or empty names: read
// from the first bytes with the inspect job's tokenizer, compared with the names DuckDB gave the
// columns (src/core/data/headerNames). Every job that reads data through openDataset gets the
// problems; profile and inspect warn, the model jobs refuse (see refuseHeaderProblems).
import { JobError } from '../../protocol/jobError';
import { CsvTokenizer } from '../data/csvTokenizer';
import { describeHeaderProblems, headerNameProblems, type HeaderNameProblem } from '../data/headerNames';

export interface HeaderCheck {
  /** The header's fields, as written. */
  header: string[];
  /** 1-based line of the header row. */
  line: number;
  problems: HeaderNameProblem[];
}

/** The first non-blank row of `head` (a CSV/TSV file's first bytes). */
export function firstCsvRow(head: Buffer, delimiter: string): { fields: string[]; line: number } | undefined {
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
  let first: { fields: string[]; line: number } | undefined;
  const tokenizer = new CsvTokenizer(delimiter, (fields, line) => {
    if (!first && fields.length > 0) first = { fields, line };
  });
  try {
    tokenizer.push(text);
    if (!first) tokenizer.finish();
  } catch {
    // A broken quote is the reader's to report, with its line.
  }
  return first;
}

/** The header's name problems, with the names the columns were read as. */
export function checkHeader(head: Buffer, delimiter: string, loaded: readonly string[]): HeaderCheck | undefined {
  const row = firstCsvRow(head, delimiter);
  if (!row) return undefined;
  return { header: row.fields, line: row.line, problems: headerNameProblems(row.fields, loaded) };
}

/**
 * For jobs where names matter (train, evaluate, predict): the pipeline, the model's inputs and
 * the predictions name columns, and a silent rename ("x1_1", "column4") would make a model that
 * expects names the file does not have, or match a serving file's columns by a generated name.
 */
export function refuseHeaderProblems(check: HeaderCheck | undefined, file: string, shown: string): void {
  if (!check || check.problems.length === 0) return;
  throw new JobError(
    'bad-input',
    `${shown}:${check.line}: ${describeHeaderProblems(check.problems, check.header)}. Give every column its own name in the header row: a model names its inputs by column name.`,
    { file, line: check.line },
  );
}
