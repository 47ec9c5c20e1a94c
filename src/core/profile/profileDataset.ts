// The `profile` job: loads a dataset with DuckDB and fills a DatasetProfile — every column's
// type and statistics, missing values, duplicates, correlations, target analysis and alerts.
// Each column is read once: numbers sorted (or grouped when their values repeat) into typed
// arrays, everything else as a value-count table; the rest is a few passes over the rows (null
// patterns, duplicates, Pearson, one categorical GROUPING SETS) and linear passes in JavaScript.
// Progress is reported between stages; cancelling interrupts the running query.
import { JobError, throwIfCancelled } from '../../protocol/jobError';
import type { JobContext } from '../../protocol/jobs';
import { engineError } from '../duckdb/duckdbErrors';
import { openDataset, type OpenedDataset } from '../duckdb/openDataset';
import { categoricalAssociations, MAX_CATEGORIES_FOR_ASSOCIATION } from './associations';
import { textStats } from './categoricalStats';
import { planColumns, profileSource } from './columnPlan';
import { columnProfiles, type IndexedColumnProfile } from './columnProfiles';
import { sliceWideTable } from './columnSlices';
import { datetimeStats } from './datetimeStats';
import { countDuplicateRows } from './duplicates';
import { buildAlerts, type AlertFacts } from './alerts';
import { headerAlerts } from './headerAlerts';
import { dateFormatsEvidence, findDateFormats, mayHaveMixedDates, mixedDatesAlert } from './dateFormats';
import { findStrayValues, mayHaveStrays, strayAlert, strayEvidence } from './strayValues';
import type { Alert } from './profileTypes';
import { missingSummary, nullPatterns } from './missing';
import { countMissingMarkers, missingMarkerAlerts } from './markerCounts';
import { readNumberColumns, readNumberRows, rankNumeric, type NumericReader } from './numericColumns';
import type { NumericCore } from './numericStats';
import { pearsonMatrix } from './pearson';
import { capColumns, CATEGORICAL_RULE, limitNote, NULLITY_RULE, NUMERIC_RULE } from './pairwiseLimits';
import { profileParamsKey, resolveThresholds, validateProfileParams } from './profileParams';
import { traceQueries, traceReads, type ProfileQuery } from './profileQuery';
import {
  PROFILE_SCHEMA_VERSION,
  type ColumnProfile,
  type ColumnType,
  type Correlations,
  type DatasetProfile,
  type PairwiseLimit,
  type ProfileParams,
  type TargetAnalysis,
  type ValueCount,
} from './profileTypes';
import { sampleTable } from './sampling';
import { doublesReader } from './sortedColumn';
import { spearmanMatrix, type RankColumn } from './spearman';
import { targetAnalysis } from './target';
import { inferColumnType, type InferredColumn, type TypeOverride } from './typeInference';
import { createTypedCounts, createValueCounts, summarizeColumns, type ColumnSummary } from './valueCounts';

export const SAMPLE_ROWS = 20;

export const MAX_TARGET_CLASSES = 100;
/** Share of the progress bar the file load takes (the rest is split between the stages). */
const LOAD_SHARE = 0.35;

export interface ProfileRunOptions {
  /** DuckDB threads and memory limit (default: DuckDB's). */
  threads?: number;
  memoryLimit?: string;
}

function targetOverride(
  params: ProfileParams,
  column: string,
  inferred: InferredColumn | undefined,
): { task: TargetAnalysis['task']; override: TypeOverride } | undefined {
  if (!params.target || params.target !== column || !inferred) return undefined;
  const task = params.task ?? (inferred.type === 'numeric' ? 'regression' : 'classification');
  if (task === 'regression' && inferred.family !== 'number' && inferred.stats !== 'numeric') {
    throw new JobError(
      'bad-input',
      `The target "${column}" is ${inferred.type}, not numeric: it cannot be the target of a regression.`,
    );
  }
  return {
    task,
    override:
      task === 'classification'
        ? { forceType: 'categorical', reason: 'the target of a classification' }
        : { forceType: 'numeric', reason: 'the target of a regression' },
  };
}

function withoutIndex(column: IndexedColumnProfile): ColumnProfile {
  const copy: Partial<IndexedColumnProfile> = { ...column };
  delete copy.index;
  return copy as ColumnProfile;
}

/** Every class of a classification target (up to 100), most frequent first. */
async function targetClasses(query: ProfileQuery, counts: string): Promise<ValueCount[]> {
  const rows = await query(
    `SELECT v, c FROM ${counts} WHERE v IS NOT NULL ORDER BY c DESC, v LIMIT ${MAX_TARGET_CLASSES}`,
  );
  return rows.map((row) => ({ value: String(row.v), count: Number(row.c) }));
}

async function sampleRows(
  query: ProfileQuery,
  table: string,
  columns: InferredColumn[],
): Promise<Array<Record<string, string | null>>> {
  if (columns.length === 0) return [];
  const rows = await query(
    `SELECT ${columns.map((c) => `CAST(${c.ident} AS VARCHAR) AS c${c.index}`).join(', ')} FROM ${table} ORDER BY rowid LIMIT ${SAMPLE_ROWS}`,
  );
  return rows.map((row) =>
    Object.fromEntries(columns.map((c) => [c.name, row[`c${c.index}`] === null ? null : String(row[`c${c.index}`])])),
  );
}

function lineSource(data: OpenedDataset) {
  return {
    file: data.file,
    format: data.format,
    ...(data.delimiter !== undefined ? { delimiter: data.delimiter } : {}),
    ...(data.header !== undefined ? { header: data.header } : {}),
  };
}

async function profileOpened(
  data: OpenedDataset,
  params: ProfileParams,
  ctx: JobContext,
  started: number,
  doing: { stage: string },
): Promise<DatasetProfile> {
  const query: ProfileQuery = traceQueries((sql) => data.query(sql));
  const stage = (message: string, fraction: number) => {
    throwIfCancelled(ctx.signal);
    doing.stage = message.charAt(0).toLowerCase() + message.slice(1);
    ctx.report({ message, fraction: LOAD_SHARE + (1 - LOAD_SHARE) * fraction });
  };
  const thresholds = resolveThresholds(params.thresholds);
  if (params.target !== undefined && !data.columns.some((c) => c.name === params.target)) {
    throw new JobError(
      'bad-input',
      `${data.shown} has no column "${params.target}" (the target). Columns: ${data.columns.map((c) => c.name).join(', ')}.`,
      { file: data.file },
    );
  }

  const source = await profileSource(query, data.table, data.columns);
  const stratifyBy =
    params.target === undefined
      ? undefined
      : (source.columns.find((c) => c.name === params.target)?.column ?? params.target);
  const { table, sampling } = await sampleTable(query, source.table, data.rows, params.sampling, stratifyBy);
  const rows = sampling.rows;
  const plans = planColumns(source.columns);
  await sliceWideTable(query, table, plans);
  const reader: NumericReader = { query, read: traceReads(doublesReader(data.connection, ctx.signal)), table, rows };
  /** The reader over the (narrow) table holding a column. */
  const readerOf = (column: { table?: string }): NumericReader => ({ ...reader, table: column.table ?? table });
  const step = 0.5 / Math.max(1, plans.length);

  // Numbers: one grouped or sorted read each gives the summary and every statistic of the column.
  let stepsDone = 0;
  const reads = await readNumberColumns(
    reader,
    plans.filter((p) => p.family === 'number'),
    (plan) => stage(`Reading "${plan.name}"`, step * stepsDone++),
  );
  const summaries = new Map<number, ColumnSummary>();
  for (const [index, read] of reads) summaries.set(index, read.summary);
  // Everything else: value counts (one GROUP BY per column) and their summaries.
  const counted = plans.filter((p) => p.family !== 'number');
  for (const plan of counted) {
    stage(`Counting values of "${plan.name}"`, step * stepsDone++);
    await createValueCounts(query, plan.table ?? table, plan);
  }
  for (const [index, summary] of await summarizeColumns(query, counted)) summaries.set(index, summary);

  stage('Inferring column types', 0.5);
  let task: TargetAnalysis['task'] | undefined;
  const inferred = plans.map((plan) => {
    const summary = summaries.get(plan.index) as ColumnSummary;
    const plain = inferColumnType(plan, summary);
    const forTarget = targetOverride(params, plan.name, plain);
    if (!forTarget) return plain;
    task = forTarget.task;
    return inferColumnType(plan, summary, forTarget.override);
  });
  // Readings that differ from storage: numbers as categories need value counts, text as numbers a sorted read.
  for (const column of inferred) {
    const read = reads.get(column.index);
    if (column.family === 'number' && column.stats === 'text') {
      reads.delete(column.index);
      if (!read?.column?.counts) await createValueCounts(query, column.table ?? table, column);
    } else if (column.type === 'numeric' && !read?.column) {
      // Text holding numbers, or an id-like column that is the target of a regression.
      reads.set(column.index, await readNumberRows(readerOf(column), column.index, column.rowValue));
    }
  }
  // Numeric statistics are for numeric columns (an id's mean or skewness says nothing).
  const numeric = new Map<number, NumericCore>();
  for (const column of inferred) {
    const read = reads.get(column.index);
    if (read?.core && column.type === 'numeric') numeric.set(column.index, read.core);
  }
  // Pairwise matrices keep at most 100 columns each (pairwiseLimits.ts); the others are not ranked.
  const summaryOf = (index: number) => summaries.get(index) as ColumnSummary;
  const numericEligible = inferred.filter((c) => c.type === 'numeric' && numeric.has(c.index));
  const correlated = capColumns(
    numericEligible,
    (a, b) =>
      summaryOf(b.index).distinct - summaryOf(a.index).distinct ||
      summaryOf(a.index).missing - summaryOf(b.index).missing,
    params.target,
  );
  const correlatedSet = new Set(correlated.map((c) => c.index));
  const ranks: RankColumn[] = [];
  for (const column of inferred) {
    const read = reads.get(column.index);
    if (!read || !numeric.has(column.index)) continue;
    const rank = await rankNumeric(
      readerOf(column),
      read,
      column.name,
      column.rowValue,
      correlatedSet.has(column.index),
    );
    if (rank) ranks.push(rank);
  }
  reads.clear();

  stage('Missing values and duplicate rows', 0.55);
  const patterns = await nullPatterns(query, table, plans);
  const unique = [...summaries.values()].some((s) => s.missing === 0 && s.distinct === rows);
  const duplicateRows = await countDuplicateRows(query, table, rows, unique);
  const missing = missingSummary(
    patterns,
    plans.map((p) => p.name),
    rows,
  );

  stage('Column statistics', 0.62);
  const counts = new Map<number, string>();
  for (const column of inferred)
    if (column.stats === 'text' || column.stats === 'datetime')
      counts.set(column.index, await createTypedCounts(query, column));
  const of = (kind: InferredColumn['stats']) =>
    inferred
      .filter((c) => c.stats === kind && counts.has(c.index))
      .map((c) => ({ index: c.index, counts: counts.get(c.index) as string }));
  const text = await textStats(query, of('text'));
  const datetime = await datetimeStats(query, of('datetime'));

  stage('Correlations', 0.7);
  const isConstant = (index: number) => !numeric.get(index)?.std;
  const pearson = await pearsonMatrix(
    query,
    table,
    correlated.map((c) => ({ index: c.index, name: c.name, rowValue: c.rowValue, constant: isConstant(c.index) })),
  );
  const spearman = await spearmanMatrix(ranks, rows, ctx.signal);
  ranks.length = 0;
  stage('Categorical associations', 0.88);
  const distinctOf = (index: number) => summaryOf(index).distinct;
  const categoricalEligible = inferred.filter(
    (c) =>
      (c.type === 'categorical' || c.type === 'boolean') &&
      (c.name === params.target || (distinctOf(c.index) >= 2 && distinctOf(c.index) <= MAX_CATEGORIES_FOR_ASSOCIATION)),
  );
  const topShare = (index: number) => summaryOf(index).topCount / Math.max(1, summaryOf(index).count);
  const categorical = capColumns(
    categoricalEligible,
    (a, b) => topShare(a.index) - topShare(b.index) || summaryOf(a.index).missing - summaryOf(b.index).missing,
    params.target,
  );
  // The correlation ratio's columns are the correlated numeric ones, its rows the categorical ones.
  const withRatio = categorical.length > 0 && correlated.length > 0;
  const pairwiseLimits: PairwiseLimit[] = [
    ...limitNote(
      withRatio ? ['pearson', 'spearman', 'correlationRatio'] : ['pearson', 'spearman'],
      correlated.length,
      numericEligible.length,
      NUMERIC_RULE,
    ),
    ...limitNote(
      withRatio ? ['cramersV', 'correlationRatio'] : ['cramersV'],
      categorical.length,
      categoricalEligible.length,
      CATEGORICAL_RULE,
    ),
    ...limitNote(['nullity'], missing.nullity?.columns.length ?? 0, missing.byColumn.length, NULLITY_RULE),
  ];
  const associations = await categoricalAssociations(
    query,
    table,
    categorical.map((c) => ({ ...c, distinct: distinctOf(c.index) })),
    correlated,
    { read: reader.read, rows },
  );
  const correlations: Correlations = {};
  if (pearson) correlations.pearson = pearson;
  if (spearman) correlations.spearman = spearman;
  if (associations.cramersV) correlations.cramersV = associations.cramersV;
  if (associations.correlationRatio) correlations.correlationRatio = associations.correlationRatio;

  stage('Alerts and sample', 0.95);
  // Text columns that are numbers but for a few values: name those values and their lines.
  const readingAlerts: Alert[] = [];
  for (const column of inferred) {
    const summary = summaries.get(column.index) as ColumnSummary;
    if (!mayHaveStrays(column, summary)) continue;
    const strays = await findStrayValues(query, column, summary, source.table, lineSource(data), ctx.signal);
    if (strays.length === 0) continue;
    column.evidence = { ...column.evidence, reason: `${column.evidence.reason}; ${strayEvidence(strays)}` };
    readingAlerts.push(strayAlert(column.name, strays, column.type));
  }
  // Text columns with dates written in two formats or more.
  for (const column of inferred) {
    const top = text.get(column.index)?.top;
    if (!mayHaveMixedDates(column, summaries.get(column.index) as ColumnSummary, top)) continue;
    const formats = await findDateFormats(query, column, source.table, lineSource(data), ctx.signal);
    if (formats.length < 2) continue;
    column.evidence = { ...column.evidence, reason: `${column.evidence.reason}; ${dateFormatsEvidence(formats)}` };
    readingAlerts.push(mixedDatesAlert(column.name, formats, column.type));
  }
  const columns = columnProfiles(inferred, summaries, rows, { numeric, text, datetime });
  // Which texts were read as missing (over the whole file: a sample may miss a column's markers).
  const markerCounts = await countMissingMarkers(
    query,
    data,
    sampling.mode === 'exact'
      ? inferred.filter((c) => (summaries.get(c.index) as ColumnSummary).missing > 0).map((c) => c.name)
      : inferred.map((c) => c.name),
  );
  for (const column of columns) {
    const counted = markerCounts.get(column.name);
    if (counted) column.missingMarkers = counted;
  }
  readingAlerts.push(...missingMarkerAlerts(markerCounts, data.rows));
  const targetColumn = params.target !== undefined ? columns.find((c) => c.name === params.target) : undefined;
  const classes =
    targetColumn && task === 'classification'
      ? await targetClasses(query, counts.get(targetColumn.index) as string)
      : undefined;
  const target = targetColumn && task ? targetAnalysis(targetColumn, task, columns, correlations, classes) : undefined;
  const facts = new Map<string, AlertFacts>();
  for (const column of inferred) {
    const t = text.get(column.index);
    const entry: AlertFacts = {};
    if (t) {
      entry.imbalance = t.imbalance;
      entry.uniformPValue = t.uniformPValue;
    }
    if (column.type === 'datetime' && column.family === 'string') entry.dateFromText = true;
    facts.set(column.name, entry);
  }
  const duplicatePercent = rows > 0 ? (100 * duplicateRows) / rows : 0;
  const alerts = [
    ...headerAlerts(data.headerCheck),
    ...readingAlerts,
    ...buildAlerts({
      rows,
      duplicatePercent,
      columns,
      facts,
      correlations,
      ...(target ? { target } : {}),
      thresholds,
    }),
  ];
  const typeCounts: Partial<Record<ColumnType, number>> = {};
  for (const c of columns) typeCounts[c.type] = (typeCounts[c.type] ?? 0) + 1;

  const profile: DatasetProfile = {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    source: {
      path: data.shown.split('\\').join('/'),
      format: data.format,
      sizeBytes: data.sizeBytes,
      sha256: data.sha256 ?? '',
      mtimeMs: data.mtimeMs,
      ...(data.delimiter !== undefined ? { delimiter: data.delimiter } : {}),
      ...(data.header !== undefined ? { header: data.header } : {}),
      ...(data.decimalSeparator !== undefined ? { decimalSeparator: data.decimalSeparator } : {}),
      ...(data.format === 'parquet' ? {} : { encoding: data.bom ? 'utf-8-sig' : 'utf-8' }),
    },
    createdAt: new Date().toISOString(),
    elapsedMs: 0,
    sampling,
    rows: data.rows,
    duplicateRows,
    duplicatePercent,
    memoryBytes: columns.reduce((sum, c) => sum + c.memoryBytes, 0),
    typeCounts,
    columns: columns.map(withoutIndex),
    alerts,
    correlations,
    ...(pairwiseLimits.length > 0 ? { pairwiseLimits } : {}),
    missing,
    sample: await sampleRows(query, table, inferred),
    thresholds,
    ...(data.missingMarkers ? { missingValues: data.missingMarkers } : {}),
    paramsKey: profileParamsKey(params),
  };
  if (target) profile.target = target;
  profile.elapsedMs = Math.round(performance.now() - started);
  ctx.report({ message: 'Profile complete', fraction: 1 });
  return profile;
}

export async function profileDataset(
  params: ProfileParams,
  ctx: JobContext,
  options: ProfileRunOptions = {},
): Promise<DatasetProfile> {
  const started = performance.now();
  validateProfileParams(params);
  ctx.report({ message: `Reading ${params.path}`, fraction: 0 });
  const data = await openDataset({
    path: params.path,
    ...(params.root !== undefined ? { root: params.root } : {}),
    signal: ctx.signal,
    hash: true,
    ...(params.missingValues ? { missingMarkers: params.missingValues } : {}),
    onProgress: (fraction) => ctx.report({ message: `Reading ${params.path}`, fraction: LOAD_SHARE * fraction }),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.memoryLimit !== undefined ? { memoryLimit: options.memoryLimit } : {}),
  });
  const doing = { stage: 'reading the columns' };
  try {
    return await profileOpened(data, params, ctx, started, doing);
  } catch (error) {
    // Our own errors say what they mean; anything else is DuckDB's, and is put in our words.
    if (error instanceof JobError) throw error;
    throw engineError(error, doing.stage, data.shown, data.file);
  } finally {
    data.close();
  }
}

/** The job as registered with the worker and the CLI. */
export function profile(params: ProfileParams, ctx: JobContext): Promise<DatasetProfile> {
  return profileDataset(params, ctx);
}
