// Which columns the column list shows and in what order: a search on the name (or an exact
// type name, "numeric"), and a sort by file order, name, missing values, distinct values or
// alerts. Pure, so it is unit-tested in Node; the page only moves and hides sections.
import type { Alert, ColumnProfile } from '../../src/core/profile/profileTypes';

export const COLUMN_SORTS = {
  file: 'File order',
  name: 'Name',
  missing: 'Most missing',
  distinct: 'Most distinct',
  alerts: 'Most alerts',
} as const;
export type ColumnSort = keyof typeof COLUMN_SORTS;

export function isColumnSort(value: string): value is ColumnSort {
  return Object.prototype.hasOwnProperty.call(COLUMN_SORTS, value);
}

/** Case-insensitive: a part of the name, or a type name typed in full. Empty matches all. */
export function columnMatches(column: Pick<ColumnProfile, 'name' | 'type'>, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return column.name.toLowerCase().includes(q) || column.type === q;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Indexes into `columns` in display order. Ties keep file order, so the order is stable.
 * Descending sorts put the largest first (the columns that need attention).
 */
export function orderColumns(
  columns: readonly ColumnProfile[],
  sort: ColumnSort,
  alerts: ReadonlyMap<string, readonly Alert[]> = new Map(),
): number[] {
  const indexes = columns.map((_, i) => i);
  const descending = (key: (c: ColumnProfile) => number) => (a: number, b: number) =>
    key(columns[b]) - key(columns[a]) || a - b;
  switch (sort) {
    case 'file':
      return indexes;
    case 'name':
      return indexes.sort((a, b) => byName.compare(columns[a].name, columns[b].name) || a - b);
    case 'missing':
      return indexes.sort(descending((c) => c.missing));
    case 'distinct':
      return indexes.sort(descending((c) => c.distinct));
    case 'alerts':
      return indexes.sort(descending((c) => alerts.get(c.name)?.length ?? 0));
  }
}
