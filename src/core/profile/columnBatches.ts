// Per-column statistics over many columns run as several statements of bounded width, so a
// wide file (thousands of columns) never becomes one statement whose plan, aggregate states and
// result grow with the square or the product of its parts: work and memory grow linearly with
// the number of columns.
import type { PlainRow } from '../duckdb/sql';
import type { ProfileQuery } from './profileQuery';

/** Columns (or per-column subqueries) in one statement. */
export const COLUMNS_PER_QUERY = 64;

export function inBatches<T>(items: readonly T[], size = COLUMNS_PER_QUERY): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** Runs `sqlOf` for each batch of items and concatenates the rows (in batch order). */
export async function queryInBatches<T>(
  query: ProfileQuery,
  items: readonly T[],
  sqlOf: (batch: T[], offset: number) => string,
  size = COLUMNS_PER_QUERY,
): Promise<PlainRow[]> {
  const rows: PlainRow[] = [];
  let offset = 0;
  for (const batch of inBatches(items, size)) {
    for (const row of await query(sqlOf(batch, offset))) rows.push(row);
    offset += batch.length;
  }
  return rows;
}

/** UNION ALL of one subquery per item, a batch of items per statement. */
export function unionInBatches<T>(
  query: ProfileQuery,
  items: readonly T[],
  sqlOf: (item: T) => string,
): Promise<PlainRow[]> {
  return queryInBatches(query, items, (batch) => batch.map(sqlOf).join('\nUNION ALL\n'));
}
