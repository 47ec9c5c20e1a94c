// Decides each column's semantic type (numeric, categorical, boolean, datetime, text, id,
// unsupported) from its storage type and value counts, with the evidence in a sentence, and how
// its values are read for the statistics of that type. The rules follow ydata-profiling's
// typeset where it has one: numbers with at most 5 distinct values are categorical; strings are
// categorical when they have at most 50 distinct values or fewer distinct values than half the
// rows, text otherwise. Strings that all read as numbers (with thousands separators), dates or
// yes/no words are profiled as such.
import type { ColumnType, TypeEvidence } from './profileTypes';
import type { ColumnPlan } from './columnPlan';
import type { ColumnSummary } from './valueCounts';
import { BOOLEAN_WORDS } from './valueCounts';

export const LOW_CATEGORICAL_THRESHOLD = 5;
export const CATEGORICAL_CARDINALITY = 50;
export const CATEGORICAL_DISTINCT_SHARE = 0.5;
/** Fewer values than this never make an id: a handful of unique numbers is just data. */
export const MIN_ID_ROWS = 20;

/** What the statistics of a type are computed from. */
export type StatsKind = 'numeric' | 'text' | 'datetime' | 'none';

export interface InferredColumn extends ColumnPlan {
  type: ColumnType;
  evidence: TypeEvidence;
  stats: StatsKind;
  /** SQL over the value-count table's `v`: the value as the type's statistics read it. */
  typedValue: string;
  /** Whether `typedValue` can merge distinct values (text parsed into numbers/dates): the counts are then regrouped. */
  regroup: boolean;
  /** SQL over the profiled table: the typed value of each row (DOUBLE, VARCHAR or TIMESTAMP). */
  rowValue: string;
}

export interface TypeOverride {
  /** The project's target: forced to categorical for classification, numeric for regression. */
  forceType?: 'numeric' | 'categorical';
  reason?: string;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

const SEPARATOR_NUMBER = (v: string) => `CAST(replace(trim(${v}), ',', '') AS DOUBLE)`;

function numericReading(
  column: ColumnPlan,
  fromText: boolean,
): Pick<InferredColumn, 'stats' | 'typedValue' | 'regroup' | 'rowValue'> {
  if (fromText)
    return {
      stats: 'numeric',
      typedValue: SEPARATOR_NUMBER('v'),
      regroup: true,
      rowValue: SEPARATOR_NUMBER(column.base),
    };
  return {
    stats: 'numeric',
    typedValue: 'CAST(v AS DOUBLE)',
    regroup: false,
    rowValue: `CAST(${column.base} AS DOUBLE)`,
  };
}

function textReading(column: ColumnPlan): Pick<InferredColumn, 'stats' | 'typedValue' | 'regroup' | 'rowValue'> {
  return {
    stats: 'text',
    typedValue: 'CAST(v AS VARCHAR)',
    regroup: false,
    rowValue: `CAST(${column.base} AS VARCHAR)`,
  };
}

function datetimeReading(
  column: ColumnPlan,
  fromText: boolean,
): Pick<InferredColumn, 'stats' | 'typedValue' | 'regroup' | 'rowValue'> {
  if (fromText)
    return {
      stats: 'datetime',
      typedValue: 'CAST(trim(v) AS TIMESTAMP)',
      regroup: true,
      rowValue: `CAST(trim(${column.base}) AS TIMESTAMP)`,
    };
  return {
    stats: 'datetime',
    typedValue: 'CAST(v AS TIMESTAMP)',
    regroup: false,
    rowValue: `CAST(${column.base} AS TIMESTAMP)`,
  };
}

function decide(
  column: ColumnPlan,
  s: ColumnSummary,
  override: TypeOverride,
): { type: ColumnType; reason: string; reading: ReturnType<typeof textReading> } {
  const storage = column.storageType;
  const distinct = plural(s.distinct, 'distinct value');
  const isTextNumbers = column.family === 'string' && s.distinct > 0 && s.numberLike === s.distinct;
  if (override.forceType === 'numeric' && (column.family === 'number' || isTextNumbers)) {
    return {
      type: 'numeric',
      reason: override.reason ?? 'the project says so',
      reading: numericReading(column, column.family === 'string'),
    };
  }
  if (override.forceType === 'categorical' && s.count > 0 && column.family !== 'nested') {
    return {
      type: 'categorical',
      reason: `${override.reason ?? 'the project says so'} (${distinct})`,
      reading: textReading(column),
    };
  }
  if (s.count === 0)
    return {
      type: 'unsupported',
      reason: 'every value is missing',
      reading: { stats: 'none', typedValue: 'v', regroup: false, rowValue: column.base },
    };
  switch (column.family) {
    case 'nested':
      return {
        type: 'unsupported',
        reason: `${storage} values (nested or binary data) are counted but not profiled`,
        reading: textReading(column),
      };
    case 'boolean':
      return { type: 'boolean', reason: `stored as BOOLEAN (${distinct})`, reading: textReading(column) };
    case 'datetime':
      return { type: 'datetime', reason: `stored as ${storage}`, reading: datetimeReading(column, false) };
    case 'number': {
      if (s.distinct <= LOW_CATEGORICAL_THRESHOLD) {
        return {
          type: 'categorical',
          reason: `${storage} with only ${distinct} (at most ${LOW_CATEGORICAL_THRESHOLD} make a number categorical)`,
          reading: textReading(column),
        };
      }
      if (s.integral && s.missing === 0 && s.distinct === s.count && s.count >= MIN_ID_ROWS) {
        return {
          type: 'id',
          reason: `every one of the ${plural(s.count, 'value')} is a different whole number`,
          reading: numericReading(column, false),
        };
      }
      return { type: 'numeric', reason: `${storage} with ${distinct}`, reading: numericReading(column, false) };
    }
    default:
      break;
  }
  // Strings.
  if (isTextNumbers && (s.separatorNumbers ?? 0) > 0) {
    const reading = numericReading(column, true);
    if (s.distinct <= LOW_CATEGORICAL_THRESHOLD)
      return { type: 'categorical', reason: `numbers written as text, only ${distinct}`, reading: textReading(column) };
    return {
      type: 'numeric',
      reason: `text that reads as numbers with thousands separators ("1,000"), ${distinct}`,
      reading,
    };
  }
  if (s.distinct <= 2 && s.booleanLike === s.distinct) {
    return {
      type: 'boolean',
      reason: `text holding only yes/no words (${BOOLEAN_WORDS.join('/')}), ${distinct}`,
      reading: textReading(column),
    };
  }
  if (s.distinct > 0 && s.dateLike === s.distinct && !isTextNumbers) {
    return {
      type: 'datetime',
      reason: `text in which every value reads as a date/time (${distinct})`,
      reading: datetimeReading(column, true),
    };
  }
  if (s.missing === 0 && s.distinct === s.count && s.count >= MIN_ID_ROWS && (s.spacedRows ?? 0) === 0) {
    return {
      type: 'id',
      reason: `every one of the ${plural(s.count, 'value')} is a different word without spaces`,
      reading: textReading(column),
    };
  }
  if (s.distinct <= CATEGORICAL_CARDINALITY || s.distinct / s.count < CATEGORICAL_DISTINCT_SHARE) {
    return {
      type: 'categorical',
      reason: `text with ${distinct} in ${plural(s.count, 'value')}`,
      reading: textReading(column),
    };
  }
  return {
    type: 'text',
    reason: `text with ${distinct} in ${plural(s.count, 'value')} (more than ${CATEGORICAL_CARDINALITY} and over half the values)`,
    reading: textReading(column),
  };
}

export function inferColumnType(
  column: ColumnPlan,
  summary: ColumnSummary,
  override: TypeOverride = {},
): InferredColumn {
  const { type, reason, reading } = decide(column, summary, override);
  return { ...column, type, evidence: { storageType: column.storageType, reason }, ...reading };
}
