// The EDA report's payload: the dataset profile, made small enough to post to a webview (and to
// embed in an exported file) whatever the size of the data. A profile is summaries already, so
// its size grows with the number of columns, never rows; what can still grow is trimmed here in
// a fixed order, and each trim is named in `omitted` so the report can say what the record has
// that the page does not. Pure (no vscode): unit-tested in Node.
import type {
  ColumnProfile,
  CorrelationMatrix,
  Correlations,
  DatasetProfile,
  HistogramBin,
  MissingSummary,
} from '../../core/profile/profileTypes';
import type { ProfileReport, ProjectSummary } from '../../protocol/webview';

/** The limit the issue sets for a report payload, as UTF-8 JSON. */
export const PROFILE_PAYLOAD_BUDGET_BYTES = 2 * 1024 * 1024;
/** A heatmap with more rows than this is unreadable: the matrices keep the most correlated columns. */
export const MAX_MATRIX_COLUMNS = 100;
/** Longer text (a cell of the sample, a frequent value) is cut: the page shows a line of it. */
export const MAX_TEXT_CHARS = 200;

export interface ProfileReportInput {
  profile: DatasetProfile;
  project: ProjectSummary;
  role?: string;
  cached?: boolean;
  /** Defaults to when the profile was computed. */
  generatedAt?: string;
}

export function payloadBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

function cut(text: string): string {
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS - 1)}…` : text;
}

/** Matrices are drawn as colors and read to 3 decimals: more digits are only bytes. */
function round3(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? value : Math.round(value * 1000) / 1000;
}

/** Copies of `numeric` / `text` figures kept on each column for scripts; the page reads the originals. */
const SCRIPT_COPIES = ['mean', 'std', 'min', 'max', 'quantiles', 'skewness', 'kurtosis', 'histogram', 'top'] as const;

/** The column without the convenience copies, its frequent values cut to a readable length. */
function reportColumn(column: ColumnProfile): ColumnProfile {
  const out: ColumnProfile = { ...column };
  for (const key of SCRIPT_COPIES) delete out[key];
  if (out.text) out.text = { ...out.text, top: out.text.top.map((v) => ({ value: cut(v.value), count: v.count })) };
  return out;
}

/** The `keep` columns of a square matrix with the strongest off-diagonal values, in their original order. */
function strongestColumns(matrix: CorrelationMatrix, keep: number): number[] {
  const strength = matrix.columns.map((_, i) =>
    matrix.values[i].reduce<number>((max, v, j) => (i === j || v === null ? max : Math.max(max, Math.abs(v))), 0),
  );
  return matrix.columns
    .map((_, i) => i)
    .sort((a, b) => strength[b] - strength[a] || a - b)
    .slice(0, keep)
    .sort((a, b) => a - b);
}

function compactSquare(
  matrix: CorrelationMatrix | undefined,
  keep: number,
  omitted: string[],
  label: string,
): CorrelationMatrix | undefined {
  if (!matrix) return undefined;
  const picked = matrix.columns.length > keep ? strongestColumns(matrix, keep) : matrix.columns.map((_, i) => i);
  if (picked.length < matrix.columns.length) {
    omitted.push(`${label}: the ${picked.length} most correlated of ${matrix.columns.length} columns are shown.`);
  }
  return {
    method: matrix.method,
    columns: picked.map((i) => matrix.columns[i]),
    values: picked.map((i) => picked.map((j) => round3(matrix.values[i][j]))),
  };
}

function compactCorrelations(correlations: Correlations, keep: number, omitted: string[]): Correlations {
  const out: Correlations = {};
  const pearson = compactSquare(correlations.pearson, keep, omitted, 'Pearson correlations');
  const spearman = compactSquare(correlations.spearman, keep, omitted, 'Spearman correlations');
  const cramersV = compactSquare(correlations.cramersV, keep, omitted, "Cramér's V");
  if (pearson) out.pearson = pearson;
  if (spearman) out.spearman = spearman;
  if (cramersV) out.cramersV = cramersV;
  const ratio = correlations.correlationRatio;
  if (ratio) {
    const rows = ratio.rows.slice(0, keep);
    const columns = ratio.columns.slice(0, keep);
    if (rows.length < ratio.rows.length || columns.length < ratio.columns.length) {
      omitted.push(
        `Correlation ratios: the first ${rows.length} categorical and ${columns.length} numeric columns are shown.`,
      );
    }
    out.correlationRatio = {
      rows,
      columns,
      values: rows.map((_, i) => columns.map((_, j) => round3(ratio.values[i][j]))),
    };
  }
  return out;
}

function compactMissing(missing: MissingSummary, keep: number, omitted: string[]): MissingSummary {
  return {
    ...missing,
    nullity: missing.nullity ? (compactSquare(missing.nullity, keep, omitted, 'Nullity correlations') ?? null) : null,
  };
}

/** Halves a histogram's bins by merging neighbours (edges stay exact, counts add up). */
function mergeBins(bins: HistogramBin[], most: number): HistogramBin[] {
  let out = bins;
  while (out.length > most) {
    const merged: HistogramBin[] = [];
    for (let i = 0; i < out.length; i += 2) {
      const next = out[i + 1];
      merged.push(next ? { start: out[i].start, end: next.end, count: out[i].count + next.count } : out[i]);
    }
    out = merged;
  }
  return out;
}

/** Later steps, tried in order only while the payload is still over budget. */
const SHRINK_STEPS: Array<(report: ProfileReport, omitted: string[]) => void> = [
  (report, omitted) => {
    const { profile } = report;
    if (profile.sample.length > 5) omitted.push(`Sample: 5 of ${profile.sample.length} rows are shown.`);
    profile.sample = profile.sample.slice(0, 5);
    let trimmed = false;
    for (const column of profile.columns) {
      if (column.text && column.text.top.length > 10) {
        column.text = { ...column.text, top: column.text.top.slice(0, 10) };
        trimmed = true;
      }
    }
    if (trimmed) omitted.push('Frequent values: the 10 most frequent of each column are shown.');
  },
  (report, omitted) => {
    let merged = false;
    for (const column of report.profile.columns) {
      if (column.numeric && column.numeric.histogram.length > 10) {
        column.numeric = { ...column.numeric, histogram: mergeBins(column.numeric.histogram, 10) };
        merged = true;
      }
      if (column.datetime && column.datetime.histogram.length > 10) {
        column.datetime = { ...column.datetime, histogram: mergeBins(column.datetime.histogram, 10) };
        merged = true;
      }
    }
    if (merged) omitted.push('Histograms: neighbouring bins merged, at most 10 per column.');
  },
  (report, omitted) => {
    const { profile } = report;
    const matrices = Math.min(20, MAX_MATRIX_COLUMNS);
    profile.correlations = compactCorrelations(profile.correlations, matrices, omitted);
    profile.missing = compactMissing(profile.missing, matrices, omitted);
    if (profile.missing.patterns.length > 10) {
      omitted.push(`Missing-value patterns: the 10 most common of ${profile.missing.patterns.length} are shown.`);
      profile.missing = { ...profile.missing, patterns: profile.missing.patterns.slice(0, 10) };
    }
  },
];

/**
 * Drops column sections from the end (the alerts, figures and record keep them) until the
 * payload fits: the last resort, for profiles of many thousands of columns.
 */
function dropColumnsToFit(report: ProfileReport, omitted: string[], budget: number): void {
  const { profile } = report;
  const total = profile.columns.length;
  let low = 0;
  let high = total;
  const sizeWith = (n: number) =>
    payloadBytes({ ...report, omitted, profile: { ...profile, columns: profile.columns.slice(0, n) } });
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (sizeWith(mid) <= budget) low = mid;
    else high = mid - 1;
  }
  profile.columns = profile.columns.slice(0, low);
  omitted.push(`Columns: the first ${low} of ${total} column sections are shown.`);
}

/** The report of `input.profile`, under `budget` bytes of JSON. Does not change `input`. */
export function buildProfileReport(input: ProfileReportInput, budget = PROFILE_PAYLOAD_BUDGET_BYTES): ProfileReport {
  const { profile } = input;
  const omitted: string[] = [];
  const report: ProfileReport = {
    kind: 'profile',
    generatedAt: input.generatedAt ?? profile.createdAt,
    project: input.project,
    ...(input.role !== undefined ? { role: input.role } : {}),
    ...(input.cached ? { cached: true } : {}),
    profile: {
      ...profile,
      columns: profile.columns.map(reportColumn),
      correlations: compactCorrelations(profile.correlations, MAX_MATRIX_COLUMNS, omitted),
      missing: compactMissing(profile.missing, MAX_MATRIX_COLUMNS, omitted),
      sample: profile.sample.map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null ? null : cut(value)])),
      ),
    },
  };
  const fits = () => payloadBytes({ ...report, omitted }) <= budget;
  for (const step of SHRINK_STEPS) {
    if (fits()) break;
    step(report, omitted);
  }
  if (!fits()) dropColumnsToFit(report, omitted, budget);
  if (omitted.length > 0) report.omitted = omitted;
  return report;
}
