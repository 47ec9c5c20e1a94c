// "Draft expectations from profile" (the feature Great Expectations dropped in 1.0): proposes an
// expectations document from the training data's profile. Each proposal says in a comment what
// it was drafted from, so the user can judge it; margins keep new data from the same source
// passing. Hard rules (columns, types, missing values, ranges, sets, ids) are errors; the
// statistical ones (means) are warnings, since a batch can drift without being wrong.
import type { ColumnProfile, DatasetProfile } from '../profile/profileTypes';
import { formatNumber } from './describeCheck';
import { aroundCenter, missingAllowance, widenRange } from './draftBounds';
import type { ExpectedType } from './expectationTypes';
import { isNumericClass, storageClass } from './storageTypes';

/** Categorical columns with at most this many distinct values get an allowed set. */
export const MAX_ALLOWED_SET = 20;
/** The mean may move this many standard errors (std/√n) before a warning. */
export const MEAN_STANDARD_ERRORS = 4;
/** The row count may grow to this many times the training rows. */
const ROW_COUNT_GROWTH = 10;

const str = (value: string) => JSON.stringify(value);
/** A comment's text on one line. */
const note = (text: string) => ` # ${text.replace(/[\r\n]+/g, ' ')}`;
const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
const percent = (p: number) => `${formatNumber(Number(p.toFixed(2)))}%`;

function expectedType(column: ColumnProfile): ExpectedType | undefined {
  const kind = storageClass(column.evidence.storageType);
  if (column.type === 'datetime') return 'datetime';
  if (column.type === 'boolean' && kind !== 'other' && kind !== 'temporal') return 'boolean';
  if (isNumericClass(kind)) return 'numeric';
  if (kind === 'text') return 'string';
  if (kind === 'boolean') return 'boolean';
  if (kind === 'temporal') return 'datetime';
  return undefined;
}

function missingLine(column: ColumnProfile, rows: number): string {
  if (column.missing === 0) return `    notNull: true${note('no missing values in training')}`;
  const allowed = missingAllowance(column.missingPercent);
  return `    maxMissingPercent: ${formatNumber(allowed)}${note(`${percent(column.missingPercent)} missing in training (${column.missing} of ${rows} rows); allowed 1.5× + 1 point`)}`;
}

function rangeLine(column: ColumnProfile): string | undefined {
  const stats = column.numeric;
  if (!stats || !Number.isFinite(stats.min) || !Number.isFinite(stats.max)) return undefined;
  const integer = storageClass(column.evidence.storageType) === 'integer';
  const { min, max, clampedAtZero } = widenRange(stats.min, stats.max, { integer });
  return `    range: { min: ${min}, max: ${max} }${note(`observed ${formatNumber(stats.min)} … ${formatNumber(stats.max)}, widened by 10% of the range${clampedAtZero ? ', kept ≥ 0' : ''}`)}`;
}

function allowedLines(column: ColumnProfile, rows: number): string[] {
  const top = column.text?.top ?? column.top;
  if (!top || column.type === 'boolean' || column.distinct > MAX_ALLOWED_SET || top.length < column.distinct) return [];
  const numeric =
    isNumericClass(storageClass(column.evidence.storageType)) && top.every((v) => Number.isFinite(Number(v.value)));
  const values = top.map((v) => (numeric ? String(Number(v.value)) : str(v.value)));
  const rareLimit = Math.max(5, rows * 0.01);
  const rare = top.filter((v) => v.count < rareLimit);
  const comment = rare.length
    ? `every value seen in training; rare: ${rare.map((v) => `${str(v.value)} (${v.count}×)`).join(', ')}: check they are valid`
    : `every value seen in training (${count(column.distinct, 'distinct value')})`;
  return [`    allowed: [${values.join(', ')}]${note(comment)}`];
}

function idLines(column: ColumnProfile): string[] {
  const lines: string[] = [];
  if (column.type === 'id') lines.push(`    unique: true${note('every value distinct in training (id-like)')}`);
  const length = column.text?.length;
  if (
    (column.type === 'id' || column.type === 'text') &&
    length &&
    storageClass(column.evidence.storageType) === 'text'
  ) {
    const max = Math.ceil(length.max * 1.5);
    lines.push(
      `    length: { min: ${length.min}, max: ${max} }${note(`lengths ${length.min} … ${length.max} in training; longest allowed 1.5×`)}`,
    );
  }
  return lines;
}

function columnEntry(column: ColumnProfile, profile: DatasetProfile): string[] {
  const target = profile.target?.column === column.name ? '; serving data may lack the target column' : '';
  const lines = [
    `  - column: ${str(column.name)}${note(`${column.type} (${column.evidence.storageType}): ${column.evidence.reason}${target}`)}`,
  ];
  if (column.count === 0) {
    lines.push(`    # every value was missing in training: nothing more to expect of it yet`);
    return lines;
  }
  const type = expectedType(column);
  if (type) lines.push(`    type: ${type}`);
  lines.push(missingLine(column, profile.rows));
  if (column.type === 'numeric') {
    const range = rangeLine(column);
    if (range) lines.push(range);
  }
  if (column.type === 'datetime' && column.datetime) {
    lines.push(
      `    # dates ${column.datetime.min} … ${column.datetime.max} in training (no range drafted: new data is newer)`,
    );
  }
  if (column.type === 'categorical' || column.type === 'boolean') lines.push(...allowedLines(column, profile.rows));
  lines.push(...idLines(column));
  return lines;
}

/**
 * Columns always missing together in training: for each column, the others missing in every
 * row where it is (from the complete missingness patterns); groups are written once.
 */
function missingTogether(profile: DatasetProfile): DraftedEntry[] {
  const entries: DraftedEntry[] = [];
  const covered = new Set<string>();
  for (const column of profile.columns) {
    if (column.missing === 0 || column.count === 0 || covered.has(column.name)) continue;
    const patterns = profile.missing.patterns.filter((p) => p.columns.includes(column.name));
    if (patterns.reduce((sum, p) => sum + p.rows, 0) !== column.missing) continue; // patterns incomplete
    const together = profile.columns
      .map((c) => c.name)
      .filter((name) => name !== column.name && patterns.every((p) => p.columns.includes(name)));
    if (together.length === 0) continue;
    // A column missing exactly where this one is needs no rule of its own.
    for (const name of together)
      if (profile.columns.find((c) => c.name === name)?.missing === column.missing) covered.add(name);
    entries.push({
      column: column.name,
      lines: [
        `  - ifNull: ${str(column.name)}${note(`in all ${column.missing} training rows where it is missing, these are missing too`)}`,
        `    thenNull: [${together.map(str).join(', ')}]`,
      ],
    });
  }
  return entries;
}

function meanWarnings(profile: DatasetProfile): DraftedEntry[] {
  const entries: DraftedEntry[] = [];
  for (const column of profile.columns) {
    const stats = column.numeric;
    const std = stats?.std;
    if (
      column.type !== 'numeric' ||
      !stats ||
      column.count < 2 ||
      typeof std !== 'number' ||
      !(std > 0) ||
      !Number.isFinite(stats.mean)
    )
      continue;
    const half = (MEAN_STANDARD_ERRORS * std) / Math.sqrt(column.count);
    const { min, max } = aroundCenter(stats.mean, half);
    entries.push({
      column: column.name,
      lines: [
        `  - column: ${str(column.name)}`,
        `    severity: warning`,
        `    mean: { min: ${min}, max: ${max} }${note(`training mean ${formatNumber(stats.mean)} ± ${MEAN_STANDARD_ERRORS}·std/√n (std ${formatNumber(std)}, n ${column.count})`)}`,
      ],
    });
  }
  return entries;
}

/** One drafted entry of the `expectations` list, as lines indented for it, and the column it is about. */
export interface DraftedEntry {
  column: string;
  lines: string[];
}

/** The drafted per-column entries, by section, in document order (what a re-draft can add to the user's document). */
export interface DraftedSections {
  columns: DraftedEntry[];
  together: DraftedEntry[];
  means: DraftedEntry[];
}

export const SECTION_TITLES = {
  columns: '  # One entry per column',
  together: '  # Columns missing together',
  means: "  # Distribution (warnings): the mean of a batch far from training's",
} as const;

export function draftedSections(profile: DatasetProfile): DraftedSections {
  return {
    columns: profile.columns.map((column) => ({ column: column.name, lines: columnEntry(column, profile) })),
    together: missingTogether(profile),
    means: meanWarnings(profile),
  };
}

/** The sections' lines: each non-empty section after a blank line and its title. */
export function sectionLines(sections: DraftedSections): string[] {
  const lines: string[] = [];
  for (const key of ['columns', 'together', 'means'] as const) {
    if (sections[key].length === 0 && key !== 'columns') continue;
    lines.push('', SECTION_TITLES[key], ...sections[key].flatMap((e) => e.lines));
  }
  return lines;
}

/** The text of an expectations document drafted from `profile` (pure: same profile, same text). */
export function draftExpectations(profile: DatasetProfile): string {
  const { source } = profile;
  const columns = profile.columns.map((c) => c.name);
  const lines = [
    `# Data expectations drafted by ML Lifecycle from the profile of ${source.path}`,
    `# (${count(profile.rows, 'row')} × ${count(columns.length, 'column')}, SHA-256 ${source.sha256.slice(0, 12)}…, profiled ${profile.createdAt}).`,
    '# Review every line: ranges and sets are what the training data showed (with a margin), not',
    '# necessarily what valid data is. Check with "ML Lifecycle: Validate Data" or `mlcycle validate`.',
    '# Entries of severity error fail validation (exit code 1); warnings are reported only.',
    'version: 1',
    `description: ${str(`What valid data looks like, drafted from ${source.path}.`)}`,
    'expectations:',
    '  # The dataset',
    `  - rowCount: { min: 1, max: ${profile.rows * ROW_COUNT_GROWTH} }${note(`${count(profile.rows, 'row')} in training; any file checked must have rows (at most ${ROW_COUNT_GROWTH}× training)`)}`,
    `  - columnSet: { atLeast: [${columns.map(str).join(', ')}] }${note('the training columns; use `exactly` to refuse extra columns')}`,
    ...sectionLines(draftedSections(profile)),
  ];
  return lines.join('\n') + '\n';
}
