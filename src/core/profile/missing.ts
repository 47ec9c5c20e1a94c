// Missing values across columns, from one GROUP BY over the rows' null patterns (which columns
// are missing together). Everything else — per-column counts, rows with a gap, the
// nullity correlation (Pearson of the is-missing indicators, as missingno) — follows exactly
// from the pattern counts. The nullity matrix keeps at most 100 columns (see pairwiseLimits).
import type { CorrelationMatrix, MissingSummary } from './profileTypes';
import type { ProfileQuery } from './profileQuery';
import { clampCorrelation } from './statsMath';
import { capColumns, MAX_PAIRWISE_COLUMNS } from './pairwiseLimits';

export const MAX_PATTERNS = 10;
/** Columns per 64-bit pattern key (bit 63 left alone so keys stay positive). */
const BITS_PER_KEY = 62;

export interface NullPattern {
  /** Indexes of the columns missing in these rows. */
  missing: number[];
  rows: number;
}

export async function nullPatterns(
  query: ProfileQuery,
  table: string,
  columns: Array<{ index: number; base: string }>,
): Promise<NullPattern[]> {
  if (columns.length === 0) return [];
  const keys: string[] = [];
  for (let start = 0; start < columns.length; start += BITS_PER_KEY) {
    const part = columns.slice(start, start + BITS_PER_KEY);
    keys.push(
      part
        .map((c, i) => `((${c.base}) IS NULL)::BIGINT << ${i}`)
        .map((bit) => `(${bit})`)
        .join(' | '),
    );
  }
  const keyNames = keys.map((_, k) => `k${k}`);
  const rows = await query(
    `SELECT ${keys.map((key, k) => `${key} AS k${k}`).join(', ')}, count(*) AS n FROM ${table} GROUP BY ${keyNames.join(', ')}`,
  );
  return rows.map((row) => {
    const missing: number[] = [];
    keyNames.forEach((name, k) => {
      const key = BigInt(row[name] as number);
      for (let bit = 0; bit < BITS_PER_KEY && k * BITS_PER_KEY + bit < columns.length; bit++) {
        if ((key >> BigInt(bit)) & 1n) missing.push(columns[k * BITS_PER_KEY + bit].index);
      }
    });
    return { missing, rows: Number(row.n) };
  });
}

/** Pearson correlation of two 0/1 indicators given their sums and the count of rows where both are 1. */
function indicatorCorrelation(n: number, a: number, b: number, both: number): number | null {
  const va = a * (n - a);
  const vb = b * (n - b);
  if (va === 0 || vb === 0) return null;
  return clampCorrelation((n * both - a * b) / Math.sqrt(va * vb));
}

/**
 * The columns the nullity matrix holds: all with missing values when they fit, otherwise those
 * whose missing share is closest to one half (the indicator's variance p(1 - p) is largest).
 */
function nullityColumns(
  withMissing: Array<{ index: number; count: number }>,
  rows: number,
  max: number,
): Array<{ index: number; count: number }> {
  const spread = (c: { count: number }) => c.count * (rows - c.count);
  return capColumns(
    withMissing.map((c) => ({ ...c, name: String(c.index) })),
    (a, b) => spread(b) - spread(a),
    undefined,
    max,
  );
}

export function missingSummary(
  patterns: NullPattern[],
  names: string[],
  rows: number,
  max = MAX_PAIRWISE_COLUMNS,
): MissingSummary {
  const perColumn = new Array<number>(names.length).fill(0);
  let rowsWithMissing = 0;
  for (const p of patterns) {
    if (p.missing.length > 0) rowsWithMissing += p.rows;
    for (const index of p.missing) perColumn[index] += p.rows;
  }
  const withMissing = perColumn.map((count, index) => ({ index, count })).filter((c) => c.count > 0);
  let nullity: CorrelationMatrix | null = null;
  if (withMissing.length >= 2) {
    const kept = nullityColumns(withMissing, rows, max);
    const position = new Map(kept.map((c, k) => [c.index, k]));
    // both[a][b]: rows where kept columns a and b are both missing, from the patterns.
    const both = kept.map(() => new Float64Array(kept.length));
    for (const p of patterns) {
      const present = p.missing.map((i) => position.get(i)).filter((k): k is number => k !== undefined);
      for (const a of present) for (const b of present) both[a][b] += p.rows;
    }
    const values = kept.map((a, i) => kept.map((b, j) => indicatorCorrelation(rows, a.count, b.count, both[i][j])));
    nullity = { method: 'pearson', columns: kept.map((c) => names[c.index]), values };
  }
  const patternList = patterns
    .filter((p) => p.missing.length > 0)
    .sort((a, b) => b.rows - a.rows)
    .slice(0, MAX_PATTERNS)
    .map((p) => ({ columns: p.missing.map((i) => names[i]), rows: p.rows }));
  return {
    byColumn: withMissing.map((c) => ({ column: names[c.index], missing: c.count })),
    rowsWithMissing,
    nullity,
    patterns: patternList,
  };
}
