// Statistics of categorical, boolean, text and id columns, from their value counts (v VARCHAR,
// c): the most frequent values, rare categories, value lengths, and the two figures ydata's
// alerts read — the entropy-based imbalance and the χ² test against a uniform spread — in one
// aggregate statement plus one top-values statement per batch of such columns.
import type { TextStats, ValueCount } from './profileTypes';
import type { ProfileQuery } from './profileQuery';
import { upperGammaQ } from './statsMath';
import { unionInBatches } from './columnBatches';

export const TOP_VALUES = 20;
/** A category is rare below 1% of the non-missing values, and always below 5 occurrences. */
export const RARE_SHARE = 0.01;
export const RARE_MIN_COUNT = 5;

export interface TextInput {
  index: number;
  /** Typed value counts: v VARCHAR, c BIGINT. */
  counts: string;
}

export interface TextCore extends TextStats {
  /** 1 - entropy / log(k): ydata-profiling's imbalance. */
  imbalance: number;
  /** p-value of χ² against uniform counts (null with one category). */
  uniformPValue: number | null;
}

function aggregateSql({ index, counts }: TextInput): string {
  return `SELECT * FROM (
    WITH f AS (SELECT v, c FROM ${counts} WHERE v IS NOT NULL),
    a AS (SELECT sum(c) AS n, count(*) AS k FROM f)
    SELECT ${index} AS col, a.n, a.k,
      count(*) FILTER (WHERE f.c < greatest(${RARE_SHARE} * a.n, ${RARE_MIN_COUNT})) AS rare,
      min(length(f.v)) AS len_min, max(length(f.v)) AS len_max, fsum(f.c * length(f.v)) / a.n AS len_mean,
      fsum(f.c * ln(f.c)) AS c_log_c,
      fsum((f.c - a.n / a.k) ^ 2 / (a.n / a.k)) AS chi2
    FROM f, a GROUP BY a.n, a.k)`;
}

function topSql({ index, counts }: TextInput): string {
  return `(SELECT ${index} AS col, v, c FROM ${counts} WHERE v IS NOT NULL ORDER BY c DESC, v LIMIT ${TOP_VALUES})`;
}

/** ydata's imbalance from Σ c·ln c: entropy = ln n - Σ c ln c / n. */
function imbalanceFrom(n: number, k: number, cLogC: number): number {
  if (k <= 1 || n === 0) return 0;
  const entropy = Math.log(n) - cLogC / n;
  return Math.max(0, Math.min(1, 1 - entropy / Math.log(k)));
}

export async function textStats(query: ProfileQuery, inputs: TextInput[]): Promise<Map<number, TextCore>> {
  const result = new Map<number, TextCore>();
  if (inputs.length === 0) return result;
  const aggregates = await unionInBatches(query, inputs, aggregateSql);
  const tops = await unionInBatches(query, inputs, topSql);
  const topByColumn = new Map<number, ValueCount[]>();
  for (const row of tops) {
    const index = Number(row.col);
    const list = topByColumn.get(index) ?? [];
    list.push({ value: String(row.v), count: Number(row.c) });
    topByColumn.set(index, list);
  }
  for (const row of aggregates) {
    const index = Number(row.col);
    const n = Number(row.n);
    const k = Number(row.k);
    const top = (topByColumn.get(index) ?? []).sort(
      (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );
    result.set(index, {
      top,
      rareCategories: Number(row.rare),
      length: { min: Number(row.len_min), mean: Number(row.len_mean), max: Number(row.len_max) },
      imbalance: imbalanceFrom(n, k, Number(row.c_log_c)),
      uniformPValue: k < 2 ? null : upperGammaQ((k - 1) / 2, Number(row.chi2) / 2),
    });
  }
  return result;
}
