// SQL text helpers and the one way we run a query: quoting identifiers and literals (column
// names come from users' files and may hold anything), cancellation through connection.interrupt,
// and result rows as plain JSON-friendly values (numbers, strings, booleans, null).
import type { DuckDBConnection } from '@duckdb/node-api';
import { JobError } from '../../protocol/jobError';

/** A double-quoted SQL identifier: `my "col"` → `"my ""col"""`. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted SQL string literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export type PlainValue = number | string | boolean | null | PlainValue[] | { [key: string]: PlainValue };
export type PlainRow = Record<string, PlainValue>;

/**
 * Converts a value from DuckDB's JS conversion into plain JSON data: bigints (counts, BIGINT
 * columns) become numbers, dates ISO strings; nested lists and structs keep their shape.
 */
export function toPlain(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (typeof value === 'object') {
    const out: Record<string, PlainValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
    return out;
  }
  return String(value);
}

/** DuckDB's message when connection.interrupt() stopped a query. */
export function isInterruptError(error: unknown): boolean {
  return error instanceof Error && /interrupt/i.test(error.message);
}

/**
 * Runs `sql` and returns its rows as plain objects. When `signal` fires, the running query is
 * interrupted and a `cancelled` JobError is thrown instead of DuckDB's "Interrupted" error.
 */
export async function queryRows(connection: DuckDBConnection, sql: string, signal?: AbortSignal): Promise<PlainRow[]> {
  if (signal?.aborted) throw new JobError('cancelled', 'The job was cancelled.');
  const onAbort = () => connection.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => {
      const out: PlainRow = {};
      for (const [k, v] of Object.entries(row)) out[k] = toPlain(v);
      return out;
    });
  } catch (error) {
    if (signal?.aborted) throw new JobError('cancelled', 'The job was cancelled.', {}, { cause: error });
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Runs a statement whose result is not needed (CREATE, SET ...), cancellable like queryRows. */
export async function execute(connection: DuckDBConnection, sql: string, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new JobError('cancelled', 'The job was cancelled.');
  const onAbort = () => connection.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await connection.run(sql);
  } catch (error) {
    if (signal?.aborted) throw new JobError('cancelled', 'The job was cancelled.', {}, { cause: error });
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
