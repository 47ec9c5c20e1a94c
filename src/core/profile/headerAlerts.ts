// The profile's alerts about the header row: a repeated or empty column name that the loader
// renamed (DuckDB's "x1_1", "column4"), naming the 1-based positions and the names as read.
import type { HeaderCheck } from '../duckdb/headerCheck';
import { describeHeaderProblem } from '../data/headerNames';
import type { Alert } from './profileTypes';

export function headerAlerts(check: HeaderCheck | undefined): Alert[] {
  if (!check) return [];
  return check.problems.map((problem) => {
    const renamed = problem.readAs?.[problem.readAs.length - 1] ?? null;
    const what = describeHeaderProblem(problem, check.header);
    return {
      type: 'column_name',
      column: renamed,
      value: problem.positions.length,
      threshold: problem.kind === 'empty' ? 0 : 1,
      message: `Header (line ${check.line}): ${what}. ${problem.kind === 'empty' ? 'The column was given a generated name' : 'The columns were renamed to tell them apart'}; give each column its own name in the header row.`,
    };
  });
}
