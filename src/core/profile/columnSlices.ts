// On a wide table every statement pays for the table's width: binding a query against 5,000
// columns costs milliseconds even when it reads one, and the profile runs a few statements per
// column. So the per-column reads of a wide table go to narrow copies of it, 64 columns each,
// written in file order (their rowid is the profiled table's). The copies hold the data once
// more, which only wide tables pay.
import { quoteIdent } from '../duckdb/sql';
import type { ColumnPlan } from './columnPlan';
import { inBatches, COLUMNS_PER_QUERY } from './columnBatches';
import type { ProfileQuery } from './profileQuery';

/** Above this many columns a table is sliced. */
export const SLICE_ABOVE_COLUMNS = 256;

export function sliceName(slice: number): string {
  return quoteIdent(`profile_slice_${slice}`);
}

/** Copies the columns of a wide table into slices and points each plan at its slice. */
export async function sliceWideTable(query: ProfileQuery, table: string, plans: ColumnPlan[]): Promise<void> {
  if (plans.length <= SLICE_ABOVE_COLUMNS) return;
  const slices = inBatches(plans, COLUMNS_PER_QUERY);
  for (let k = 0; k < slices.length; k++) {
    await query(
      `CREATE OR REPLACE TEMP TABLE ${sliceName(k)} AS SELECT ${slices[k].map((p) => p.ident).join(', ')} FROM ${table} ORDER BY rowid`,
    );
    for (const plan of slices[k]) plan.table = sliceName(k);
  }
}

/** Items grouped by the table holding their column (`fallback` for those without a slice), in first-seen order. */
export function byTable<T extends { table?: string }>(items: readonly T[], fallback: string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.table ?? fallback;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return [...groups];
}
