// Pairwise work (correlation matrices, associations, nullity correlation) grows with the square
// of the columns, so on a wide file each matrix keeps at most MAX_PAIRWISE_COLUMNS columns: the
// most informative ones by a stated rule, not merely the first ones. The profile records which
// matrices were capped, how many columns they kept of how many, and the rule, and the report
// shows that note next to the matrices.
import type { PairwiseLimit } from './profileTypes';

/** Columns one pairwise matrix holds at most (100 columns: 4,950 pairs). */
export const MAX_PAIRWISE_COLUMNS = 100;

export const NUMERIC_RULE =
  'the numeric columns with the most distinct values (then the fewest missing, then file order); a numeric target is always kept';
export const CATEGORICAL_RULE =
  'the categorical columns least dominated by their most frequent category (then the fewest missing, then file order); the target is always kept';
export const NULLITY_RULE =
  'the columns whose share of missing values is closest to one half (the most variable missing indicator), then file order';

export interface Candidate {
  index: number;
  name: string;
}

/**
 * The columns a matrix keeps: all when they fit, otherwise the `max` that sort first by
 * `better` (negative when a is more informative; ties by file order), `always` among them.
 * The result keeps file order.
 */
export function capColumns<T extends Candidate>(
  columns: readonly T[],
  better: (a: T, b: T) => number,
  always?: string,
  max = MAX_PAIRWISE_COLUMNS,
): T[] {
  if (columns.length <= max) return [...columns];
  const ranked = [...columns].sort((a, b) => {
    if (always !== undefined && (a.name === always) !== (b.name === always)) return a.name === always ? -1 : 1;
    return better(a, b) || a.index - b.index;
  });
  return ranked.slice(0, max).sort((a, b) => a.index - b.index);
}

/** The note for one matrix, or nothing when it kept every eligible column. */
export function limitNote(
  matrices: PairwiseLimit['matrices'],
  kept: number,
  eligible: number,
  rule: string,
): PairwiseLimit[] {
  if (kept >= eligible) return [];
  return [{ matrices, kept, eligible, rule }];
}

/** One sentence for the report: "Pearson and Spearman: 100 of 3,000 numeric columns (…)". */
export function describeLimit(limit: PairwiseLimit): string {
  const names: Record<PairwiseLimit['matrices'][number], string> = {
    pearson: 'Pearson',
    spearman: 'Spearman',
    cramersV: "Cramér's V",
    correlationRatio: 'correlation ratio',
    nullity: 'nullity correlation',
  };
  const which = limit.matrices.map((m) => names[m]);
  const list = which.length > 1 ? `${which.slice(0, -1).join(', ')} and ${which.at(-1)}` : which[0];
  return `${list}: ${limit.kept.toLocaleString('en-US')} of ${limit.eligible.toLocaleString('en-US')} columns, ${limit.rule}.`;
}
