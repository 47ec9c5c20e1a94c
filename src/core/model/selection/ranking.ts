// Turning per-source scores into a keep/drop decision and a human reason per source: rank the
// sources (best first, a missing score last, ties in column order), keep the k best or those
// above a threshold, and word each decision with the number behind it.
import type { FeatureRationale } from '../runTypes';

/** Keep the k best, or those strictly above a threshold (`name` words it: "the mean importance"). */
export type KeepRule = { k: number } | { threshold: number; name?: string };

/** A number as people read it in a report: 3 significant digits, scientific when tiny or huge. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const a = Math.abs(value);
  if (a < 1e-3 || a >= 1e6) return value.toExponential(2);
  return Number(value.toPrecision(3)).toString();
}

/** Ranks 1..m of the scores, higher first; NaN ranks last; ties keep the column order. */
export function rankScores(scores: ArrayLike<number>): Int32Array {
  const m = scores.length;
  const order = Array.from({ length: m }, (_, g) => g).sort((a, b) => {
    const sa = scores[a];
    const sb = scores[b];
    if (Number.isNaN(sa) !== Number.isNaN(sb)) return Number.isNaN(sa) ? 1 : -1;
    if (sa !== sb && !Number.isNaN(sa)) return sb - sa;
    return a - b;
  });
  const rank = new Int32Array(m);
  order.forEach((g, r) => (rank[g] = r + 1));
  return rank;
}

/** Which sources a rule keeps: the k best ranks, or scores strictly above the threshold. */
export function keptByRule(scores: ArrayLike<number>, rank: Int32Array, rule: KeepRule): boolean[] {
  return Array.from(rank, (r, g) => ('k' in rule ? r <= rule.k : scores[g] > rule.threshold));
}

export function ruleText(rule: KeepRule, kept: boolean): string {
  if ('k' in rule) return `${kept ? 'kept' : 'dropped'} (k=${rule.k})`;
  return `${kept ? 'above' : 'not above'} ${rule.name ?? 'threshold'} ${formatNumber(rule.threshold)}`;
}

export interface ScoredSources {
  names: string[];
  scores: Float64Array;
  /** Per-source detail appended to the score, e.g. "(p = 1.2e-10; best of 3 one-hot columns)". */
  details?: string[];
  /** What the score is, as a phrase: "mutual information", "ANOVA F". */
  label: string;
  /** Reason for a source whose score is NaN (constant feature ...). */
  undefinedReason?: string;
}

/** Keeps the sources a rule selects, with a reason per source (ranked, number first). */
export function selectByScore(
  scored: ScoredSources,
  rule: KeepRule,
): { selected: boolean[]; rationale: FeatureRationale[] } {
  const rank = rankScores(scored.scores);
  const selected = keptByRule(scored.scores, rank, rule);
  const m = scored.names.length;
  const rationale = scored.names.map((feature, g): FeatureRationale => {
    const score = scored.scores[g];
    const detail = scored.details?.[g] ? ` ${scored.details[g]}` : '';
    if (Number.isNaN(score)) {
      return {
        feature,
        included: selected[g],
        reason: `${scored.undefinedReason ?? `${scored.label} undefined`}, rank ${rank[g]} of ${m}, ${ruleText(rule, selected[g])}`,
      };
    }
    return {
      feature,
      included: selected[g],
      reason: `${scored.label} ${formatNumber(score)}${detail}, rank ${rank[g]} of ${m}, ${ruleText(rule, selected[g])}`,
      score,
    };
  });
  return { selected, rationale };
}
