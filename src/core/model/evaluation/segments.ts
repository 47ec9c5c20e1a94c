// Cutting one column of the evaluated rows into segments, for the error analysis (where does the
// model do worst?) and the fairness groups: numeric columns by quantile ranges (or by value when
// they take few values), categorical columns by category (the most frequent ones, the rest as
// "other"), and missing values as a segment of their own.
import type { FrameColumn } from '../frame';

export interface Segment {
  feature: string;
  /** Short label: "[172, 185)", "Dream", "(missing)", "(other)". */
  label: string;
  /** Human description: "flipper_length_mm in [172, 185)", "island = Dream", "sex missing". */
  description: string;
  kind: 'range' | 'category' | 'missing';
  /** Row indices within the evaluated rows. */
  rows: Int32Array;
}

export interface SegmentOptions {
  /** Quantile bins of a numeric column. */
  bins: number;
  /** A numeric column with at most this many distinct values is cut by value. */
  maxDistinctValues: number;
  /** Categories kept by name (most frequent first); the rest form one "(other)" segment. */
  topCategories: number;
}

export const MISSING_LABEL = '(missing)';
export const OTHER_LABEL = '(other)';

export function segmentColumn(column: FrameColumn, options: SegmentOptions): Segment[] {
  return column.type === 'numeric'
    ? numericSegments(column.name, column.values, options)
    : categoricalSegments(column.name, column.values, options);
}

/** Short, readable number: at most 4 significant digits for a range edge. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

function numericSegments(name: string, values: Float64Array, options: SegmentOptions): Segment[] {
  const n = values.length;
  const present: number[] = [];
  const missing: number[] = [];
  for (let i = 0; i < n; i++) (Number.isNaN(values[i]) ? missing : present).push(i);
  const segments: Segment[] = [];
  const sorted = Float64Array.from(present, (i) => values[i]).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length && distinct.length <= options.maxDistinctValues; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  }
  if (distinct.length <= options.maxDistinctValues) {
    const byValue = new Map<number, number[]>(distinct.map((v) => [v, []]));
    for (const i of present) byValue.get(values[i])!.push(i);
    for (const [v, rows] of byValue) {
      const label = formatNumber(v);
      segments.push({
        feature: name,
        label,
        description: `${name} = ${label}`,
        kind: 'category',
        rows: Int32Array.from(rows),
      });
    }
  } else {
    const edges = quantileEdges(sorted, options.bins);
    const inner = edges.slice(1, -1);
    const groups: number[][] = edges.slice(1).map(() => []);
    for (const i of present) {
      let b = 0;
      while (b < inner.length && values[i] >= inner[b]) b++;
      groups[b].push(i);
    }
    groups.forEach((rows, b) => {
      const last = b === groups.length - 1;
      const label = `[${formatNumber(edges[b])}, ${formatNumber(edges[b + 1])}${last ? ']' : ')'}`;
      segments.push({
        feature: name,
        label,
        description: `${name} in ${label}`,
        kind: 'range',
        rows: Int32Array.from(rows),
      });
    });
  }
  if (missing.length > 0)
    segments.push({
      feature: name,
      label: MISSING_LABEL,
      description: `${name} missing`,
      kind: 'missing',
      rows: Int32Array.from(missing),
    });
  return segments.filter((s) => s.rows.length > 0);
}

/** Distinct quantile edges (numpy's linear interpolation) of sorted values: min, q(1/bins) ... max. */
export function quantileEdges(sorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  const n = sorted.length;
  for (let b = 0; b <= bins; b++) {
    const pos = (b / bins) * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(n - 1, lo + 1);
    const v = sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
  }
  if (edges.length === 1) edges.push(edges[0]);
  return edges;
}

function categoricalSegments(name: string, values: Array<string | null>, options: SegmentOptions): Segment[] {
  const byCategory = new Map<string, number[]>();
  const missing: number[] = [];
  values.forEach((v, i) => {
    if (v === null) missing.push(i);
    else {
      let rows = byCategory.get(v);
      if (!rows) byCategory.set(v, (rows = []));
      rows.push(i);
    }
  });
  const ranked = [...byCategory].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const segments: Segment[] = ranked.slice(0, options.topCategories).map(([category, rows]) => ({
    feature: name,
    label: category,
    description: `${name} = ${category}`,
    kind: 'category',
    rows: Int32Array.from(rows),
  }));
  const rest = ranked.slice(options.topCategories);
  if (rest.length > 0) {
    const rows = Int32Array.from(rest.flatMap(([, r]) => r)).sort();
    segments.push({
      feature: name,
      label: OTHER_LABEL,
      description: `${name} = other (${rest.length} categories)`,
      kind: 'category',
      rows,
    });
  }
  if (missing.length > 0)
    segments.push({
      feature: name,
      label: MISSING_LABEL,
      description: `${name} missing`,
      kind: 'missing',
      rows: Int32Array.from(missing),
    });
  return segments;
}
