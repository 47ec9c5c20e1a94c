// SHARED ENTRY POINT for every job that reads a dataset with DuckDB (`profile`, `validate`, and
// later ones): opens an in-memory DuckDB, loads a CSV/TSV, Parquet, JSON-array or NDJSON file
// into one table, and hands back the connection, the table's quoted name and its columns.
// Everything that can go wrong with the file becomes a `bad-input` JobError naming the file
// and, where it applies, the line — never a raw DuckDB message with its SQL echo.
//
//   const data = await openDataset({ path, root, signal });
//   try { const rows = await data.query(`SELECT count(*) AS n FROM ${data.table}`); }
//   finally { data.close(); }
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { JobError } from '../../protocol/jobError';
import { inspectFile } from '../data/inspect';
import { PANDAS_DEFAULT_MARKERS } from '../data/missingMarkers';
import { sniffCsvDialect, type CsvDialect } from './csvDialect';
import {
  displayPath,
  detectFormat,
  fileError,
  hashFile,
  readDatasetFile,
  resolveDatasetPath,
  type DatasetFormat,
} from './datasetFile';
import { checkHeader, type HeaderCheck } from './headerCheck';
import { conversionFailureColumn, duckdbLine, isMissingFileError, readError } from './duckdbErrors';
import { execute, queryRows, quoteIdent, quoteLiteral, type PlainRow } from './sql';

export { quoteIdent, quoteLiteral } from './sql';
export type { DatasetFormat } from './datasetFile';

/** The name of the loaded table (quoted, ready for SQL). */
export const DATASET_TABLE = quoteIdent('dataset');

export interface OpenDatasetOptions {
  /** The dataset file, absolute or relative to `root`. */
  path: string;
  /** The workspace folder: a path resolving outside it is refused. */
  root?: string;
  /** Interrupts the running query (and the hashing) when it fires. */
  signal?: AbortSignal;
  /** Also compute the file's SHA-256 (read alongside the load). */
  hash?: boolean;
  /** Load progress, 0..1, polled from DuckDB while the file is read. */
  onProgress?(fraction: number): void;
  /** DuckDB threads (default: all cores). */
  threads?: number;
  /**
   * DuckDB memory limit, e.g. "1GB"; beyond it DuckDB spills to a temp folder. Default: the
   * environment's MLCYCLE_DUCKDB_MEMORY_LIMIT (set by the editor from its setting, or by the
   * user for the CLI), else DuckDB's own (80% of RAM).
   */
  memoryLimit?: string;
  /**
   * CSV/TSV: the cell texts read as missing besides the empty cell (default: pandas 2's
   * defaults, PANDAS_DEFAULT_MARKERS). Resolve them with src/core/project/missingValues.
   */
  missingMarkers?: readonly string[];
}

/** The environment variable that carries the data engine's memory limit to every data job. */
export const MEMORY_LIMIT_ENV = 'MLCYCLE_DUCKDB_MEMORY_LIMIT';

export interface DatasetColumn {
  name: string;
  /** DuckDB's type name: BIGINT, DOUBLE, VARCHAR, DATE, TIMESTAMP, BOOLEAN, STRUCT(...) ... */
  storageType: string;
}

export interface OpenedDataset {
  connection: DuckDBConnection;
  /** The quoted relation name holding every row of the file, in file order. */
  table: string;
  columns: DatasetColumn[];
  rows: number;
  format: DatasetFormat;
  /** CSV/TSV only. */
  delimiter?: string;
  header?: boolean;
  /** CSV/TSV: the decimal separator numbers were read with. */
  decimalSeparator?: '.' | ',';
  /** CSV/TSV: the markers read as missing (besides the empty cell), sorted. */
  missingMarkers?: string[];
  /** CSV/TSV: the file read again with every cell as its text and only empty cells missing (marker counts). */
  textSource?: string;
  /** CSV/TSV with a header: its names as written, and the repeated or empty ones DuckDB renamed. */
  headerCheck?: HeaderCheck;
  /** Whether the file starts with a UTF-8 byte-order mark. */
  bom: boolean;
  /** Absolute path, and how messages name it. */
  file: string;
  shown: string;
  sizeBytes: number;
  mtimeMs: number;
  /** Present when `hash` was asked for. */
  sha256?: string;
  /** Runs SQL on this connection, cancellable through the options' signal; rows as plain values. */
  query(sql: string): Promise<PlainRow[]>;
  /** Releases the connection and the database (and its memory). Safe to call twice. */
  close(): void;
}

function csvSource(file: string, dialect: CsvDialect, varcharColumns: string[], markers: readonly string[]): string {
  const options = [
    `delim=${quoteLiteral(dialect.delimiter)}`,
    `quote='"'`,
    `escape='"'`,
    `header=${dialect.header}`,
    `nullstr=[${['', ...markers.filter((m) => m !== '')].map(quoteLiteral).join(', ')}]`,
  ];
  if (!dialect.header && dialect.width > 0) {
    options.push(
      `names=[${Array.from({ length: dialect.width }, (_, i) => quoteLiteral(`column_${i + 1}`)).join(', ')}]`,
    );
  }
  if (dialect.decimalSeparator === ',') options.push(`decimal_separator=','`);
  if (varcharColumns.length > 0) {
    options.push(`types={${varcharColumns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`);
  }
  return `read_csv(${quoteLiteral(file)}, ${options.join(', ')})`;
}

/** The same file with every cell as text and only empty cells missing: what the markers matched. */
function csvTextSource(file: string, dialect: CsvDialect): string {
  return csvSource(file, dialect, [], []).replace(/\)$/, ', all_varchar=true)');
}

function sourceFor(
  format: DatasetFormat,
  file: string,
  dialect: CsvDialect | undefined,
  varcharColumns: string[],
  markers: readonly string[],
): string {
  switch (format) {
    case 'parquet':
      return `read_parquet(${quoteLiteral(file)})`;
    case 'json':
      return `read_json(${quoteLiteral(file)}, format='array')`;
    case 'ndjson':
      return `read_json(${quoteLiteral(file)}, format='newline_delimited')`;
    default:
      return csvSource(file, dialect as CsvDialect, varcharColumns, markers);
  }
}

/**
 * Finds the line of a parse error with the `inspect` job's streaming reader, which counts
 * physical lines (DuckDB counts records, off by one per quoted line break before the error).
 */
async function locateProblem(
  file: string,
  shown: string,
  root: string | undefined,
  signal: AbortSignal,
): Promise<JobError | undefined> {
  try {
    // Given the same root, inspect names the file in its messages exactly as we do.
    const result = await inspectFile(
      { path: file, ...(root !== undefined ? { root } : {}) },
      { signal, report: () => undefined },
    );
    const first = result.raggedRows.examples[0];
    if (first) {
      const unit = result.format.includes('json') ? 'key' : 'field';
      const count = (n: number) => `${n} ${unit}${n === 1 ? '' : 's'}`;
      return new JobError(
        'bad-input',
        `${shown}:${first.line}: this row has ${count(first.fields)}, expected ${first.expected} (${result.raggedRows.count} row${result.raggedRows.count === 1 ? '' : 's'} with the wrong number of ${unit}s).`,
        { file, line: first.line },
      );
    }
    return undefined;
  } catch (error) {
    if (error instanceof JobError && error.code === 'bad-input') {
      return error;
    }
    if (error instanceof JobError && error.code === 'cancelled') throw error;
    return undefined;
  }
}

/** Polls DuckDB's query progress while `work` runs (a first report of 0 as it starts, however fast it is). */
async function withProgress<T>(
  connection: DuckDBConnection,
  work: Promise<T>,
  onProgress?: (fraction: number) => void,
): Promise<T> {
  if (!onProgress) return work;
  onProgress(0);
  const timer = setInterval(() => {
    const { percentage } = connection.progress;
    if (percentage >= 0) onProgress(Math.min(1, percentage / 100));
  }, 200);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

interface LoadContext {
  connection: DuckDBConnection;
  format: DatasetFormat;
  file: string;
  shown: string;
  root?: string;
  dialect?: CsvDialect;
  markers: readonly string[];
  signal: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Creates the table. A column whose type DuckDB guessed from its first 20,480 rows and that
 * later holds a value of another type ("12", ..., "n/a.") is read again as text: profiling
 * reports it as such rather than refusing the file.
 */
async function loadTable(ctx: LoadContext): Promise<void> {
  const varcharColumns: string[] = [];
  for (;;) {
    const sql = `CREATE OR REPLACE TABLE ${DATASET_TABLE} AS SELECT * FROM ${sourceFor(ctx.format, ctx.file, ctx.dialect, varcharColumns, ctx.markers)}`;
    try {
      await withProgress(ctx.connection, execute(ctx.connection, sql, ctx.signal), ctx.onProgress);
      return;
    } catch (error) {
      if (error instanceof JobError) throw error;
      if (isMissingFileError(error))
        throw fileError(Object.assign(new Error('gone'), { code: 'ENOENT' }), ctx.file, ctx.shown);
      const column = conversionFailureColumn(error);
      if (column !== undefined && ctx.dialect && !varcharColumns.includes(column)) {
        varcharColumns.push(column);
        continue;
      }
      if (ctx.format !== 'parquet') {
        const located = await locateProblem(ctx.file, ctx.shown, ctx.root, ctx.signal);
        if (located) throw located;
      }
      throw readError(error, ctx.file, ctx.shown, duckdbLine(error));
    }
  }
}

/** JSON values of mixed types arrive as DuckDB's JSON type; profile them as their text. */
async function unwrapJsonColumns(
  connection: DuckDBConnection,
  columns: DatasetColumn[],
  signal: AbortSignal,
): Promise<void> {
  for (const column of columns) {
    if (column.storageType !== 'JSON') continue;
    const name = quoteIdent(column.name);
    await execute(
      connection,
      `ALTER TABLE ${DATASET_TABLE} ALTER ${name} TYPE VARCHAR USING json_extract_string(${name}, '$')`,
      signal,
    );
    column.storageType = 'VARCHAR';
  }
}

export async function openDataset(options: OpenDatasetOptions): Promise<OpenedDataset> {
  const signal = options.signal ?? new AbortController().signal;
  if (signal.aborted) throw new JobError('cancelled', 'The job was cancelled.');
  const file = resolveDatasetPath(options.path, options.root);
  const shown = displayPath(file, options.root);
  const info = await readDatasetFile(file, shown);
  const format = detectFormat(info);
  const dialect =
    format === 'csv' || format === 'tsv' ? sniffCsvDialect(info.head, format === 'tsv', info.complete) : undefined;

  const markers = [...new Set((options.missingMarkers ?? PANDAS_DEFAULT_MARKERS).filter((m) => m !== ''))].sort();

  const config: Record<string, string> = { temp_directory: join(tmpdir(), 'mlcycle-duckdb') };
  if (options.threads !== undefined) config.threads = String(options.threads);
  const memoryLimit = options.memoryLimit ?? process.env[MEMORY_LIMIT_ENV];
  if (memoryLimit) config.memory_limit = memoryLimit;
  const instance = await DuckDBInstance.create(':memory:', config);
  const connection = await instance.connect();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    connection.closeSync();
    instance.closeSync();
  };

  try {
    await execute(connection, 'SET enable_progress_bar = true; SET enable_progress_bar_print = false');
    const hashing = options.hash ? hashFile(file, shown, signal) : undefined;
    // A rejected hash must not go unhandled while the load is still running.
    hashing?.catch(() => undefined);
    await loadTable({
      connection,
      format,
      file,
      shown,
      ...(options.root !== undefined ? { root: options.root } : {}),
      ...(dialect ? { dialect } : {}),
      markers,
      signal,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const sha256 = hashing ? await hashing : undefined;
    const after = await stat(file).catch((error: unknown) => {
      throw fileError(error, file, shown);
    });
    if (after.size !== info.sizeBytes || after.mtimeMs !== info.mtimeMs) {
      throw new JobError('bad-input', `${shown} changed while it was being read; run again once it is complete.`, {
        file,
      });
    }
    const described = await queryRows(connection, `DESCRIBE ${DATASET_TABLE}`, signal);
    const columns = described.map((row) => ({ name: String(row.column_name), storageType: String(row.column_type) }));
    await unwrapJsonColumns(connection, columns, signal);
    const [{ n }] = await queryRows(connection, `SELECT count(*) AS n FROM ${DATASET_TABLE}`, signal);
    const opened: OpenedDataset = {
      connection,
      table: DATASET_TABLE,
      columns,
      rows: Number(n),
      format,
      bom: info.head[0] === 0xef && info.head[1] === 0xbb && info.head[2] === 0xbf,
      file,
      shown,
      sizeBytes: info.sizeBytes,
      mtimeMs: info.mtimeMs,
      query: (sql) => queryRows(connection, sql, signal),
      close,
    };
    if (dialect) {
      opened.delimiter = dialect.delimiter;
      opened.header = dialect.header;
      opened.decimalSeparator = dialect.decimalSeparator;
      opened.missingMarkers = markers;
      opened.textSource = csvTextSource(file, dialect);
      const check = dialect.header
        ? checkHeader(
            info.head,
            dialect.delimiter,
            columns.map((c) => c.name),
          )
        : undefined;
      if (check) opened.headerCheck = check;
    }
    if (sha256 !== undefined) opened.sha256 = sha256;
    return opened;
  } catch (error) {
    close();
    throw error;
  }
}
