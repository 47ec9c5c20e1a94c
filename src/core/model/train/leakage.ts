// Target leakage at training time: the profile's leakage rule applied to the training rows. A
// feature whose association with the target alone exceeds the leakage threshold (0.95 by default,
// the project's profile.thresholds.leakage when set) predicts the answer almost perfectly: a copy
// of the target, or something known only after the outcome. The association is the profile's
// (src/core/profile/target.ts): Pearson for a numeric feature of a regression, Cramér's V for a
// categorical feature of a classification, the correlation ratio η for a numeric feature and a
// categorical side (either way round). Categorical features with more than 100 categories are left
// out, as the profile leaves them out of its associations. Rows where the feature is missing are
// left out, as pandas' corr and crosstab do.
import { MAX_CATEGORIES_FOR_ASSOCIATION } from '../../profile/associations';
import { DEFAULT_THRESHOLDS } from '../../profile/profileTypes';
import { correlationRatio, cramersV, pearsonFromSums, type GroupMoments } from '../../profile/statsMath';
import type { Frame, FrameColumn } from '../frame';
import type { Target } from '../matrix';

export interface LeakageFinding {
  feature: string;
  method: 'pearson' | 'correlation_ratio' | 'cramers_v';
  value: number;
  threshold: number;
  /** Rows the association was computed on (the feature present). */
  rows: number;
}

const METHOD_WORDS: Record<LeakageFinding['method'], string> = {
  pearson: 'Pearson correlation',
  correlation_ratio: 'correlation ratio η',
  cramers_v: "Cramér's V",
};

/** Moments of `values` grouped by `groups` (-1 = left out). */
function groupMoments(values: ArrayLike<number>, groups: ArrayLike<number>, count: number): GroupMoments[] {
  const n = new Float64Array(count);
  const sum = new Float64Array(count);
  for (let i = 0; i < values.length; i++) {
    const g = groups[i];
    if (g < 0 || !Number.isFinite(values[i])) continue;
    n[g]++;
    sum[g] += values[i];
  }
  const mean = Array.from(sum, (s, g) => (n[g] > 0 ? s / n[g] : 0));
  const m2 = new Float64Array(count);
  for (let i = 0; i < values.length; i++) {
    const g = groups[i];
    if (g < 0 || !Number.isFinite(values[i])) continue;
    m2[g] += (values[i] - mean[g]) ** 2;
  }
  return Array.from(n, (k, g) => ({ n: k, mean: mean[g], variance: k > 0 ? m2[g] / k : 0 }));
}

/** The categories of a text column as codes (-1 for missing), or undefined beyond the profile's limit. */
function categoryCodes(values: Array<string | null>): { codes: Int32Array; count: number } | undefined {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      if (index.size >= MAX_CATEGORIES_FOR_ASSOCIATION) return undefined;
      code = index.size;
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { codes, count: index.size };
}

function pearson(x: Float64Array, y: Float64Array): { value: number | null; rows: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  // Centre on the first pair so the sums of squares do not lose precision on large values.
  let x0 = NaN;
  let y0 = NaN;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    if (n === 0) {
      x0 = x[i];
      y0 = y[i];
    }
    const a = x[i] - x0;
    const b = y[i] - y0;
    n++;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  return { value: pearsonFromSums(n, sx, sy, sxx, syy, sxy), rows: n };
}

function contingency(a: Int32Array, aCount: number, b: Int32Array, bCount: number): number[][] {
  const table = Array.from({ length: aCount }, () => new Array<number>(bCount).fill(0));
  for (let i = 0; i < a.length; i++) if (a[i] >= 0 && b[i] >= 0) table[a[i]][b[i]]++;
  // Categories seen only where the other side is missing would add empty rows or columns.
  const rows = table.filter((r) => r.some((c) => c > 0));
  const used = Array.from({ length: bCount }, (_, j) => rows.some((r) => r[j] > 0));
  return rows.map((r) => r.filter((_, j) => used[j]));
}

function present(groups: ArrayLike<number>, values?: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < groups.length; i++) if (groups[i] >= 0 && (!values || Number.isFinite(values[i]))) n++;
  return n;
}

/** The association of one feature with the target, by the profile's rule (undefined where it has none). */
export function targetAssociation(
  feature: FrameColumn,
  target: Target,
): Omit<LeakageFinding, 'threshold' | 'feature'> | undefined {
  if (target.task === 'regression') {
    if (feature.type === 'numeric') {
      const { value, rows } = pearson(feature.values, target.y);
      return value === null ? undefined : { method: 'pearson', value, rows };
    }
    const categories = categoryCodes(feature.values);
    if (!categories || categories.count < 2) return undefined;
    const value = correlationRatio(groupMoments(target.y, categories.codes, categories.count));
    return value === null
      ? undefined
      : { method: 'correlation_ratio', value, rows: present(categories.codes, target.y) };
  }
  const classes = target.classes.length;
  if (feature.type === 'numeric') {
    const value = correlationRatio(groupMoments(feature.values, target.y, classes));
    return value === null ? undefined : { method: 'correlation_ratio', value, rows: present(target.y, feature.values) };
  }
  const categories = categoryCodes(feature.values);
  if (!categories || categories.count < 2) return undefined;
  const value = cramersV(contingency(categories.codes, categories.count, target.y, classes));
  return value === null ? undefined : { method: 'cramers_v', value, rows: present(categories.codes) };
}

/**
 * Every feature of `frame` (except `skip`, the columns the spec drops) whose association with
 * the target exceeds `threshold`, strongest first.
 */
export function findLeakage(
  frame: Frame,
  target: Target,
  options: { threshold?: number | undefined; skip?: Iterable<string> } = {},
): LeakageFinding[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLDS.leakage;
  const skip = new Set(options.skip ?? []);
  const found: LeakageFinding[] = [];
  for (const column of frame.columns) {
    if (skip.has(column.name)) continue;
    const association = targetAssociation(column, target);
    if (association && Math.abs(association.value) > threshold)
      found.push({ feature: column.name, threshold, ...association });
  }
  return found.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.feature.localeCompare(b.feature));
}

const figure = (v: number) => String(Number(v.toPrecision(4)));

/** The warning a run records for a finding. */
export function leakageWarning(finding: LeakageFinding, targetName: string): string {
  return `Possible target leakage: "${finding.feature}" alone predicts the target "${targetName}" almost perfectly (${METHOD_WORDS[finding.method]} ${figure(finding.value)} on ${finding.rows.toLocaleString('en-US')} training rows, threshold ${finding.threshold}). Check that it is not a copy of the target or known only after the outcome; if so, drop it (preprocess.drop).`;
}
