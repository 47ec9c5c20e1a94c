// The one capability the profile's stages need from the database: run SQL, get plain rows.
// Bound to the job's AbortSignal by the caller, so every stage is cancellable mid-query.
import type { PlainRow } from '../duckdb/sql';

export type ProfileQuery = (sql: string) => Promise<PlainRow[]>;

/** With MLCYCLE_TRACE_SQL=1, prints each statement's time to stderr (for tuning the profile's SQL). */
export function traceQueries(query: ProfileQuery): ProfileQuery {
  if (process.env.MLCYCLE_TRACE_SQL !== '1') return query;
  return async (sql) => {
    const start = performance.now();
    try {
      return await query(sql);
    } finally {
      process.stderr.write(
        `[sql ${Math.round(performance.now() - start)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 140)}\n`,
      );
    }
  };
}

/** The same tracing for typed-array reads (sortedColumn.ts). */
export function traceReads<R extends (sql: string, ...rest: never[]) => Promise<unknown>>(read: R): R {
  if (process.env.MLCYCLE_TRACE_SQL !== '1') return read;
  return (async (sql: string, ...rest: never[]) => {
    const start = performance.now();
    try {
      return await read(sql, ...rest);
    } finally {
      process.stderr.write(
        `[read ${Math.round(performance.now() - start)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 140)}\n`,
      );
    }
  }) as R;
}
