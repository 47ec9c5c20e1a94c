// How each column of the table is read for profiling: its storage family (from DuckDB's type),
// the SQL expression that normalises its raw values (NaN is missing, as in pandas), and the
// temporary table holding its value counts — the one GROUP BY per column every statistic of
// that column is computed from.
import { quoteIdent } from '../duckdb/sql';

export type StorageFamily = 'number' | 'string' | 'boolean' | 'datetime' | 'nested';

export interface ColumnPlan {
  index: number;
  name: string;
  /** Quoted identifier in the profiled table. */
  ident: string;
  storageType: string;
  family: StorageFamily;
  /** SQL over the profiled table: the column's value with NaN turned into NULL. */
  base: string;
  /** Temporary table (v, c): each distinct value of `base` (NULL included) and how many rows hold it. */
  valueCounts: string;
  /** A narrow copy of the profiled table holding this column (wide files, see columnSlices.ts). */
  table?: string;
}

const NUMBER_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(.*\))?)$/;
const DATETIME_TYPES = /^(DATE|TIMESTAMP.*|DATETIME)$/;
const STRING_TYPES = /^(VARCHAR|TIME.*|INTERVAL|UUID|ENUM.*)$/;

export function storageFamily(storageType: string): StorageFamily {
  const type = storageType.toUpperCase();
  if (NUMBER_TYPES.test(type)) return 'number';
  if (type === 'BOOLEAN') return 'boolean';
  if (DATETIME_TYPES.test(type) && !type.startsWith('TIME ') && type !== 'TIME') return 'datetime';
  if (STRING_TYPES.test(type)) return 'string';
  return 'nested';
}

/** Whether the storage type is a floating-point one (which can hold NaN and ±Infinity). */
export function isFloatType(storageType: string): boolean {
  return /^(FLOAT|DOUBLE|REAL)$/i.test(storageType);
}

/**
 * The table to profile. DuckDB's row number pseudo-column `rowid` (file order, which sorting,
 * sampling and monotonicity rely on) is hidden by a column of that name: such a column is then
 * renamed in a working copy, and keeps its name in the profile.
 */
export async function profileSource(
  query: (sql: string) => Promise<unknown>,
  table: string,
  columns: Array<{ name: string; storageType: string }>,
): Promise<{ table: string; columns: Array<{ name: string; storageType: string; column?: string }> }> {
  const shadowing = columns.filter((c) => c.name.toLowerCase() === 'rowid');
  if (shadowing.length === 0) return { table, columns };
  const renamed = (name: string) => `${name} (column)`;
  const source = quoteIdent('profile_source');
  await query(
    `CREATE OR REPLACE TEMP TABLE ${source} AS SELECT * RENAME (${shadowing.map((c) => `${quoteIdent(c.name)} AS ${quoteIdent(renamed(c.name))}`).join(', ')}) FROM ${table}`,
  );
  return {
    table: source,
    columns: columns.map((c) => (c.name.toLowerCase() === 'rowid' ? { ...c, column: renamed(c.name) } : c)),
  };
}

export function baseExpression(ident: string, storageType: string, family: StorageFamily): string {
  if (family === 'number' && isFloatType(storageType)) return `CASE WHEN isnan(${ident}) THEN NULL ELSE ${ident} END`;
  if (family === 'string' && storageType.toUpperCase() !== 'VARCHAR') return `CAST(${ident} AS VARCHAR)`;
  if (family === 'nested') return `CAST(${ident} AS VARCHAR)`;
  return ident;
}

/** `column` is the name in the profiled table when it differs from the user's (see profileSource). */
export function planColumns(columns: Array<{ name: string; storageType: string; column?: string }>): ColumnPlan[] {
  return columns.map((column, index) => {
    const ident = quoteIdent(column.column ?? column.name);
    const family = storageFamily(column.storageType);
    return {
      index,
      name: column.name,
      ident,
      storageType: column.storageType,
      family,
      base: baseExpression(ident, column.storageType, family),
      valueCounts: `profile_vc_${index}`,
    };
  });
}
