// Duplicate rows (rows equal to an earlier row, as pandas' df.duplicated().sum()), exact. When a
// column holds a different value in every row, no two rows can be equal and nothing is read;
// otherwise one DISTINCT over whole rows counts them (NULLs compare equal, as in pandas).
import type { ProfileQuery } from './profileQuery';

export async function countDuplicateRows(
  query: ProfileQuery,
  table: string,
  rows: number,
  hasUniqueColumn: boolean,
): Promise<number> {
  if (rows < 2 || hasUniqueColumn) return 0;
  const [{ n }] = await query(`SELECT count(*) AS n FROM (SELECT DISTINCT * FROM ${table})`);
  return rows - Number(n);
}
