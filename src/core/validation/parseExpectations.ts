// Reads an expectations document (YAML) into a flat list of checks, each with the line and
// column of the key that asked for it. Structure is checked against the JSON Schema; the rules
// a schema says poorly (one subject per entry, min ≤ max, dates) are checked here, with the
// same positions, so the user always learns which line to fix.
import schema from '../../../schemas/expectations.schema.json';
import { checkAgainstSchema } from '../yaml/schemaCheck';
import { parseYaml, type ParsedYaml, type Problem } from '../yaml/yamlDocument';
import { describeCheck } from './describeCheck';
import type {
  Bounds,
  Check,
  CheckSpec,
  CompareOp,
  ExpectationSuite,
  ExpectedType,
  RangeBounds,
  Severity,
} from './expectationTypes';

export interface ParsedExpectations {
  /** The checks, when the document has no errors. */
  suite?: ExpectationSuite;
  problems: Problem[];
}

type Entry = Record<string, unknown>;

/** Keys that only make sense on a `column` entry, in the order checks are reported when written so. */
const COLUMN_KEYS = [
  'exists',
  'type',
  'notNull',
  'maxMissingPercent',
  'range',
  'allowed',
  'regex',
  'unique',
  'length',
  'mean',
  'median',
  'stddev',
  'quantile',
];
const DATASET_KEYS = ['rowCount', 'columnSet'];
const CONDITION_KEYS = ['ifNull', 'ifNotNull'];
const CONSEQUENCE_KEYS = ['thenNull', 'thenNotNull'];
/** Dates and local date-times; DuckDB's TIMESTAMP ignores UTC offsets, so none are accepted. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

class EntryReader {
  readonly checks: Check[] = [];
  readonly problems: Problem[] = [];

  constructor(private readonly parsed: ParsedYaml) {}

  problem(path: Array<string | number>, message: string, preferKey = true): void {
    this.problems.push({
      message,
      ...this.parsed.rangeOf(['expectations', ...path], preferKey),
      severity: 'error',
      path: ['expectations', ...path],
    });
  }

  add(index: number, entry: Entry, key: string, spec: CheckSpec, suffix: Array<string | number> = []): void {
    const path = ['expectations', index, key, ...suffix];
    const id = [index, key, ...suffix].join('.');
    const check: Check = {
      id,
      entry: index,
      severity: (entry.severity as Severity | undefined) ?? 'error',
      spec,
      description: describeCheck(spec),
      range: this.parsed.rangeOf(path, suffix.length === 0),
    };
    if (typeof entry.name === 'string') check.name = entry.name;
    this.checks.push(check);
  }

  /** min ≤ max, or a problem at the key. */
  orderedBounds(path: Array<string | number>, bounds: { min?: unknown; max?: unknown }): boolean {
    if (typeof bounds.min === 'number' && typeof bounds.max === 'number' && bounds.min > bounds.max) {
      this.problem(path, `min (${bounds.min}) is greater than max (${bounds.max}).`);
      return false;
    }
    return true;
  }

  read(index: number, entry: Entry): void {
    const has = (key: string) => Object.prototype.hasOwnProperty.call(entry, key);
    const subjects = [
      has('column') && 'column',
      DATASET_KEYS.some(has) && 'rowCount/columnSet',
      has('compare') && 'compare',
      CONDITION_KEYS.some(has) && 'ifNull/ifNotNull',
    ].filter(Boolean);
    if (subjects.length === 0) {
      this.problem(
        [index],
        'This entry says what to check but not on what: give a "column", "rowCount", "columnSet", "compare", "ifNull" or "ifNotNull".',
        false,
      );
      return;
    }
    if (subjects.length > 1) {
      this.problem(
        [index],
        `An entry is about one thing; this one mixes ${subjects.join(' and ')}: split it into separate entries.`,
      );
      return;
    }
    const misplaced = (keys: string[], where: string) => {
      const found = keys.find(has);
      if (found) this.problem([index, found], `"${found}" belongs to ${where}.`);
      return found !== undefined;
    };
    if (subjects[0] !== 'column' && misplaced(COLUMN_KEYS, 'an entry with a "column"')) return;
    if (subjects[0] !== 'ifNull/ifNotNull' && misplaced(CONSEQUENCE_KEYS, 'an entry with "ifNull" or "ifNotNull"'))
      return;
    if (subjects[0] === 'column') this.readColumn(index, entry, String(entry.column));
    else if (subjects[0] === 'compare') this.readCompare(index, entry);
    else if (subjects[0] === 'ifNull/ifNotNull') this.readConditional(index, entry);
    else this.readDataset(index, entry);
  }

  private readDataset(index: number, entry: Entry): void {
    for (const key of Object.keys(entry)) {
      if (key === 'rowCount') {
        const bounds = entry.rowCount as Bounds;
        if (this.orderedBounds([index, key], bounds)) this.add(index, entry, key, { kind: 'rowCount', bounds });
      } else if (key === 'columnSet') {
        const set = entry.columnSet as { exactly?: string[]; atLeast?: string[] };
        const mode = set.exactly ? 'exactly' : 'atLeast';
        this.add(index, entry, key, { kind: 'columnSet', mode, columns: (set.exactly ?? set.atLeast) as string[] });
      }
    }
  }

  private readColumn(index: number, entry: Entry, column: string): void {
    if (entry.exists === false) {
      const other = COLUMN_KEYS.find((k) => k !== 'exists' && Object.prototype.hasOwnProperty.call(entry, k));
      if (other)
        return this.problem(
          [index, other],
          `"${other}" cannot be checked on a column that must be absent (exists: false).`,
        );
      return this.add(index, entry, 'exists', { kind: 'exists', column, present: false });
    }
    // Every column entry first checks the column is there: its other checks depend on it.
    this.add(index, entry, has(entry, 'exists') ? 'exists' : 'column', { kind: 'exists', column, present: true });
    for (const key of Object.keys(entry)) {
      const value = entry[key];
      switch (key) {
        case 'type':
          this.add(index, entry, key, { kind: 'type', column, type: value as ExpectedType });
          break;
        case 'notNull':
          if (value === true) this.add(index, entry, key, { kind: 'notNull', column });
          else if (value && typeof value === 'object') {
            this.add(index, entry, key, {
              kind: 'maxMissingPercent',
              column,
              percent: (value as { maxMissingPercent: number }).maxMissingPercent,
            });
          }
          break;
        case 'maxMissingPercent':
          this.add(index, entry, key, { kind: 'maxMissingPercent', column, percent: value as number });
          break;
        case 'range':
          this.readRange(index, entry, column, value as RangeBounds);
          break;
        case 'allowed':
          this.add(index, entry, key, { kind: 'allowed', column, values: value as Array<string | number | boolean> });
          break;
        case 'regex':
          this.add(index, entry, key, { kind: 'regex', column, pattern: value as string });
          break;
        case 'unique':
          if (value === true) this.add(index, entry, key, { kind: 'unique', column });
          break;
        case 'length':
          if (this.orderedBounds([index, key], value as Bounds))
            this.add(index, entry, key, { kind: 'length', column, bounds: value as Bounds });
          break;
        case 'mean':
        case 'median':
        case 'stddev':
          if (this.orderedBounds([index, key], value as Bounds)) {
            this.add(index, entry, key, { kind: 'statistic', column, statistic: key, bounds: value as Bounds });
          }
          break;
        case 'quantile': {
          const list = Array.isArray(value) ? value : [value];
          list.forEach((item: { q: number } & Bounds, i) => {
            const suffix = Array.isArray(value) ? [i] : [];
            if (!this.orderedBounds([index, key, ...suffix], item)) return;
            const bounds: Bounds = {};
            if (item.min !== undefined) bounds.min = item.min;
            if (item.max !== undefined) bounds.max = item.max;
            this.add(
              index,
              entry,
              key,
              { kind: 'statistic', column, statistic: 'quantile', q: item.q, bounds },
              suffix,
            );
          });
          break;
        }
      }
    }
  }

  private readRange(index: number, entry: Entry, column: string, range: RangeBounds): void {
    const ends = [range.min, range.max].filter((v) => v !== undefined);
    if (ends.length === 0) return this.problem([index, 'range'], 'range needs a min, a max or both.');
    const kinds = new Set(ends.map((v) => typeof v));
    if (kinds.size > 1) return this.problem([index, 'range'], 'range min and max must both be numbers, or both dates.');
    for (const end of ['min', 'max'] as const) {
      const value = range[end];
      if (typeof value === 'string' && (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))) {
        return this.problem(
          [index, 'range', end],
          `"${value}" is not a number or an ISO date (like 2012-01-31 or 2012-01-31T08:00:00).`,
          false,
        );
      }
    }
    if (
      typeof range.min === 'string' &&
      typeof range.max === 'string' &&
      Date.parse(range.min) > Date.parse(range.max)
    ) {
      return this.problem([index, 'range'], `min (${range.min}) is after max (${range.max}).`);
    }
    if (!this.orderedBounds([index, 'range'], range)) return;
    this.add(index, entry, 'range', { kind: 'range', column, range });
  }

  private readCompare(index: number, entry: Entry): void {
    const { left, op, right } = entry.compare as { left: string; op: CompareOp; right: string };
    this.add(index, entry, 'compare', { kind: 'compare', left, op, right });
  }

  private readConditional(index: number, entry: Entry): void {
    if (has(entry, 'ifNull') && has(entry, 'ifNotNull'))
      return this.problem(
        [index, 'ifNotNull'],
        'Give either "ifNull" or "ifNotNull", not both: split them into two entries.',
      );
    const consequences = CONSEQUENCE_KEYS.filter((k) => has(entry, k));
    if (consequences.length !== 1) {
      const key = has(entry, 'ifNull') ? 'ifNull' : 'ifNotNull';
      return this.problem(
        [index, consequences[1] ?? key],
        consequences.length === 0
          ? `"${key}" needs "thenNull" or "thenNotNull": the columns that must then be missing (or present).`
          : 'Give either "thenNull" or "thenNotNull", not both: split them into two entries.',
      );
    }
    const whenNull = has(entry, 'ifNull');
    const thenKey = consequences[0];
    const then = entry[thenKey];
    this.add(index, entry, whenNull ? 'ifNull' : 'ifNotNull', {
      kind: 'conditionalNull',
      when: String(whenNull ? entry.ifNull : entry.ifNotNull),
      whenNull,
      then: Array.isArray(then) ? then.map(String) : [String(then)],
      thenNull: thenKey === 'thenNull',
    });
  }
}

function has(entry: Entry, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(entry, key);
}

/** Parses the text of an expectations document; problems carry the line and column to fix. */
export function parseExpectations(text: string): ParsedExpectations {
  const parsed = parseYaml(text);
  const problems = [...parsed.problems];
  if (problems.some((p) => p.severity === 'error')) return { problems };
  const value = parsed.value;
  if (value === null || value === undefined) {
    const at = { line: 1, column: 1 };
    return {
      problems: [
        {
          message: 'The expectations document is empty: it needs an "expectations" list.',
          start: at,
          end: at,
          severity: 'error',
          path: [],
        },
      ],
    };
  }
  problems.push(...checkAgainstSchema(parsed, schema));
  if (problems.some((p) => p.severity === 'error')) return { problems };

  const document = value as { description?: string; expectations: Entry[] };
  const reader = new EntryReader(parsed);
  document.expectations.forEach((entry, index) => reader.read(index, entry));
  problems.push(...reader.problems);
  if (problems.some((p) => p.severity === 'error')) return { problems };
  const suite: ExpectationSuite = { checks: reader.checks };
  if (document.description !== undefined) suite.description = document.description;
  return { suite, problems };
}
