// Runs every check against a loaded dataset with as few passes as possible: one SELECT computes
// every check's offending-row count, its first five offending row ids and its statistics
// together; only failing `unique` checks need a GROUP BY of their own; one more query fetches
// the example rows' values, and one streaming pass over the file finds their line numbers.
import { JobError } from '../../protocol/jobError';
import type { JobProgress } from '../../protocol/jobs';
import type { OpenedDataset } from '../duckdb/openDataset';
import { quoteIdent, type PlainRow } from '../duckdb/sql';
import { aggregateAlias, checkSql, duplicateRowsSql, regexProbe, type CheckSql } from './checkSql';
import { missingColumnMessage, verdict, type Verdict } from './checkVerdicts';
import { columnsOf } from './describeCheck';
import type { Check, CheckResult, FailureExample } from './expectationTypes';
import { findRowLines } from './rowLines';

export const MAX_EXAMPLES = 5;
/** Example values longer than this are cut (with …): results cross to the editor and into records. */
export const MAX_EXAMPLE_CHARS = 200;

export interface EvaluateOptions {
  data: OpenedDataset;
  checks: Check[];
  /** How messages name the expectations file (a bad regular expression is reported at its line). */
  expectationsFile: string;
  /** Its absolute path, for the error's location (an editor opens it there). */
  expectationsPath?: string;
  signal: AbortSignal;
  report(progress: JobProgress): void;
}

interface Planned {
  check: Check;
  /** Columns the check reads that the data does not have. */
  missing: string[];
  sql?: CheckSql;
  verdict?: Verdict;
  exampleRows: number[];
}

const COLUMN_ENTRY_KINDS = new Set([
  'type',
  'notNull',
  'maxMissingPercent',
  'range',
  'allowed',
  'regex',
  'unique',
  'statistic',
  'length',
]);
const ROW_ID_LIST = (rows: number[]) => rows.map((r) => String(Math.trunc(r))).join(', ');

function plan(checks: Check[], types: ReadonlyMap<string, string>): Planned[] {
  return checks.map((check) => {
    const needs = check.spec.kind === 'exists' ? [] : columnsOf(check.spec);
    const missing = needs.filter((c) => !types.has(c));
    const planned: Planned = { check, missing, exampleRows: [] };
    if (missing.length === 0) planned.sql = checkSql(check.spec, types);
    return planned;
  });
}

/** A regular expression DuckDB (RE2) refuses is a mistake in the expectations file: say where. */
async function checkRegexes(planned: Planned[], data: OpenedDataset, shown: string, file: string): Promise<void> {
  for (const { check } of planned) {
    if (check.spec.kind !== 'regex') continue;
    try {
      await data.query(regexProbe(check.spec.pattern));
    } catch (error) {
      if (error instanceof JobError) throw error;
      const reason = (error as Error).message.split('\n')[0].replace(/^[A-Za-z ]*Error: /, '');
      const { line, column } = check.range.start;
      throw new JobError(
        'bad-input',
        `${shown}:${line}:${column}: the regular expression /${check.spec.pattern}/ is not valid (${reason}).`,
        { file, line, column },
      );
    }
  }
}

async function runAggregates(planned: Planned[], data: OpenedDataset): Promise<PlainRow> {
  const selects: string[] = [];
  planned.forEach(({ sql }, i) => {
    if (!sql) return;
    if (sql.offending) {
      selects.push(`count_if(${sql.offending}) AS ${aggregateAlias(i, 'off')}`);
      selects.push(`min(rowid, ${MAX_EXAMPLES}) FILTER (WHERE ${sql.offending}) AS ${aggregateAlias(i, 'ex')}`);
    }
    for (const [name, expression] of Object.entries(sql.aggregates))
      selects.push(`${expression} AS ${aggregateAlias(i, name)}`);
  });
  if (selects.length === 0) return {};
  const [row] = await data.query(`SELECT ${selects.join(',\n  ')} FROM ${data.table}`);
  return row ?? {};
}

function figuresOf(
  row: PlainRow,
  index: number,
): { offending?: number; aggregates: Record<string, number | string | null>; examples: number[] } {
  const prefix = `c${index}_`;
  const aggregates: Record<string, number | string | null> = {};
  let offending: number | undefined;
  let examples: number[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (name === 'off') offending = Number(value);
    else if (name === 'ex') examples = Array.isArray(value) ? value.map(Number).sort((a, b) => a - b) : [];
    else aggregates[name] = typeof value === 'number' || typeof value === 'string' ? value : null;
  }
  return { ...(offending !== undefined ? { offending } : {}), aggregates, examples };
}

/** Values of the example rows, as text, by row id and column. */
async function exampleValues(
  planned: Planned[],
  data: OpenedDataset,
): Promise<Map<number, Record<string, string | null>>> {
  const rows = new Set<number>();
  const columns = new Set<string>();
  for (const p of planned) {
    if (p.exampleRows.length === 0) continue;
    p.exampleRows.forEach((r) => rows.add(r));
    columnsOf(p.check.spec).forEach((c) => columns.add(c));
  }
  const byRow = new Map<number, Record<string, string | null>>();
  if (rows.size === 0) return byRow;
  const names = [...columns];
  const select = names.map(
    (name, i) => `left(CAST(${quoteIdent(name)} AS VARCHAR), ${MAX_EXAMPLE_CHARS + 1}) AS ${quoteIdent(`v${i}`)}`,
  );
  const result = await data.query(
    `SELECT rowid AS r${select.length ? ', ' + select.join(', ') : ''} FROM ${data.table} WHERE rowid IN (${ROW_ID_LIST([...rows])})`,
  );
  for (const row of result) {
    const values: Record<string, string | null> = {};
    names.forEach((name, i) => {
      const value = row[`v${i}`];
      const text = value === null || value === undefined ? null : String(value);
      values[name] = text !== null && text.length > MAX_EXAMPLE_CHARS ? `${text.slice(0, MAX_EXAMPLE_CHARS)}…` : text;
    });
    byRow.set(Number(row.r), values);
  }
  return byRow;
}

function skippedOrFailed(p: Planned, columns: string[]): Verdict {
  // A column entry already reports the missing column (with a hint) through its `exists` check.
  if (COLUMN_ENTRY_KINDS.has(p.check.spec.kind))
    return { status: 'skipped', observed: null, message: `Not checked: column "${p.missing[0]}" is not in the data.` };
  return { status: 'fail', observed: null, message: missingColumnMessage(p.missing[0], columns) };
}

export async function evaluateChecks(options: EvaluateOptions): Promise<CheckResult[]> {
  const { data, checks, signal, report } = options;
  const types = new Map(data.columns.map((c) => [c.name, c.storageType]));
  const columns = data.columns.map((c) => c.name);
  const planned = plan(checks, types);
  await checkRegexes(planned, data, options.expectationsFile, options.expectationsPath ?? options.expectationsFile);

  report({ message: `Checking ${checks.length} expectations`, fraction: 0.65 });
  const row = await runAggregates(planned, data);
  report({ message: 'Collecting examples', fraction: 0.85 });
  for (const [i, p] of planned.entries()) {
    if (p.missing.length > 0) {
      p.verdict = skippedOrFailed(p, columns);
      continue;
    }
    const figures = figuresOf(row, i);
    const spec = p.check.spec;
    if (spec.kind === 'unique' && figures.aggregates.present !== figures.aggregates.distinct) {
      const sql = duplicateRowsSql(data.table, spec.column, types);
      figures.offending = Number((await data.query(sql.count))[0]?.n ?? 0);
      figures.examples = (await data.query(sql.examples)).map((r) => Number(r.r));
    }
    p.verdict = verdict(spec, {
      rows: data.rows,
      columns,
      types,
      aggregates: figures.aggregates,
      ...(figures.offending !== undefined ? { offending: figures.offending } : {}),
    });
    if (p.verdict.status === 'fail') p.exampleRows = figures.examples;
  }

  const values = await exampleValues(planned, data);
  report({ message: 'Finding line numbers', fraction: 0.95 });
  const lines = await findRowLines(
    {
      file: data.file,
      format: data.format,
      ...(data.delimiter !== undefined ? { delimiter: data.delimiter } : {}),
      ...(data.header !== undefined ? { header: data.header } : {}),
    },
    values.keys(),
    signal,
  );

  return planned.map((p) => {
    const { check } = p;
    const v = p.verdict as Verdict;
    const examples: FailureExample[] = p.exampleRows.map((r) => {
      const all = values.get(r) ?? {};
      const shown: Record<string, string | null> = {};
      for (const c of columnsOf(check.spec)) shown[c] = all[c] ?? null;
      const line = lines.get(r);
      return { row: r, ...(line !== undefined ? { line } : {}), values: shown };
    });
    const result: CheckResult = {
      id: check.id,
      entry: check.entry,
      severity: check.severity,
      kind: check.spec.kind,
      columns: columnsOf(check.spec),
      description: check.description,
      status: v.status,
      observed: v.observed,
      message: v.message,
      examples,
      range: check.range,
    };
    if (check.name !== undefined) result.name = check.name;
    if (v.offendingRows !== undefined) result.offendingRows = v.offendingRows;
    if (v.offendingPercent !== undefined) result.offendingPercent = v.offendingPercent;
    return result;
  });
}
