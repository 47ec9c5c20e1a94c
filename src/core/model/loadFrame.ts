// Loads a dataset for modelling through the one DuckDB loader (openDataset): numeric SQL types
// become Float64Array columns (NaN = missing, ±Infinity kept so the pipeline can refuse it with
// the row's line), dates and timestamps become epoch milliseconds, booleans, text and everything
// else become categorical strings (null = missing). Numbers travel as whole typed-array vectors
// (readDoubleColumns); each row's source line (CSV/TSV/NDJSON; the record number for JSON arrays
// and Parquet) comes from the validate job's row-line finder.
import { type DuckDBConnection } from '@duckdb/node-api';
import { JobError } from '../../protocol/jobError';
import { openDataset, quoteIdent, type DatasetColumn, type OpenedDataset } from '../duckdb/openDataset';
import { refuseHeaderProblems } from '../duckdb/headerCheck';
import { readDoubleColumns } from '../duckdb/readColumns';
import { allRowLines } from '../validation/rowLines';
import type { Frame, FrameColumn } from './frame';

export interface LoadFrameOptions {
  /** The project folder; `path` is relative to it (and must stay inside). */
  root: string;
  path: string;
  signal?: AbortSignal;
  /** Load only these columns (in file order); names the file lacks are skipped (the pipeline names them). */
  columns?: string[];
  /** Find each row's source line (default true). */
  lineNumbers?: boolean;
  /** CSV/TSV: the cell texts read as missing besides empty cells (default pandas 2's). */
  missingMarkers?: readonly string[];
}

export interface LoadedFrame {
  frame: Frame;
  /** Absolute path of the file. */
  file: string;
  /** How messages name the file (relative to the root). */
  shown: string;
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(.*\))?)$/;
const TEMPORAL = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ|DATETIME)$/;

export type LoadedColumnKind = 'numeric' | 'temporal' | 'categorical';

/** How a DuckDB storage type is loaded. */
export function columnKind(storageType: string): LoadedColumnKind {
  if (NUMERIC.test(storageType)) return 'numeric';
  if (TEMPORAL.test(storageType)) return 'temporal';
  return 'categorical';
}

function numericSql(column: DatasetColumn): string {
  const name = quoteIdent(column.name);
  const value =
    columnKind(column.storageType) === 'temporal'
      ? column.storageType === 'DATE'
        ? `epoch_ms(CAST(${name} AS TIMESTAMP))`
        : `epoch_ms(${name})`
      : name;
  return `coalesce(CAST(${value} AS DOUBLE), CAST('NaN' AS DOUBLE))`;
}

/** Streams text columns chunk by chunk (one string per value, no object per row). */
async function readTextColumns(
  connection: DuckDBConnection,
  sql: string,
  count: number,
  rows: number,
  signal?: AbortSignal,
): Promise<Array<Array<string | null>>> {
  const out = Array.from({ length: count }, () => new Array<string | null>(rows));
  const onAbort = () => connection.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await connection.stream(sql);
    let offset = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (let c = 0; c < count; c++) {
        const vector = chunk.getColumnVector(c) as unknown as { getItem(i: number): string | null };
        const target = out[c];
        for (let i = 0; i < chunk.rowCount; i++) target[offset + i] = vector.getItem(i);
      }
      offset += chunk.rowCount;
      if (signal?.aborted) throw new JobError('cancelled', 'The job was cancelled.');
    }
    if (offset !== rows) for (const column of out) column.length = offset;
    return out;
  } catch (error) {
    if (signal?.aborted) throw new JobError('cancelled', 'The job was cancelled.', {}, { cause: error });
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function lineNumbersOf(data: OpenedDataset, signal?: AbortSignal): Promise<Int32Array> {
  // A Parquet file has no lines, and a JSON array often sits on one: their rows are numbered by record.
  if (data.format === 'parquet' || data.format === 'json') {
    const lines = new Int32Array(data.rows);
    for (let i = 0; i < data.rows; i++) lines[i] = i + 1;
    return lines;
  }
  const source = {
    file: data.file,
    format: data.format,
    ...(data.delimiter !== undefined ? { delimiter: data.delimiter } : {}),
    ...(data.header !== undefined ? { header: data.header } : {}),
  };
  return allRowLines(source, data.rows, signal ?? new AbortController().signal);
}

export async function loadFrame(options: LoadFrameOptions): Promise<LoadedFrame> {
  const data = await openDataset({
    path: options.path,
    root: options.root,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.missingMarkers ? { missingMarkers: options.missingMarkers } : {}),
  });
  try {
    // Names matter to a model: refuse a header whose repeated or empty names DuckDB renamed.
    refuseHeaderProblems(data.headerCheck, data.file, data.shown);
    const wanted = options.columns ? new Set(options.columns) : undefined;
    const columns = wanted ? data.columns.filter((c) => wanted.has(c.name)) : data.columns;
    const numeric = columns.filter((c) => columnKind(c.storageType) !== 'categorical');
    const text = columns.filter((c) => columnKind(c.storageType) === 'categorical');

    const numbers =
      numeric.length === 0
        ? []
        : await readDoubleColumns(
            data.connection,
            `SELECT ${numeric.map(numericSql).join(', ')} FROM ${data.table}`,
            numeric.length,
            data.rows,
            options.signal,
          );
    const strings =
      text.length === 0
        ? []
        : await readTextColumns(
            data.connection,
            `SELECT ${text.map((c) => `CAST(${quoteIdent(c.name)} AS VARCHAR)`).join(', ')} FROM ${data.table}`,
            text.length,
            data.rows,
            options.signal,
          );
    const byName = new Map<string, FrameColumn>();
    numeric.forEach((c, i) =>
      byName.set(c.name, { name: c.name, type: 'numeric', values: new Float64Array(numbers[i]) }),
    );
    text.forEach((c, i) => byName.set(c.name, { name: c.name, type: 'categorical', values: strings[i] }));
    const frame: Frame = { rows: data.rows, columns: columns.map((c) => byName.get(c.name) as FrameColumn) };
    if (options.lineNumbers !== false) frame.lineNumbers = await lineNumbersOf(data, options.signal);
    return { frame, file: data.file, shown: data.shown };
  } finally {
    data.close();
  }
}
