// What a profile says about each part of the dictionary, as plain data: the drafted field of
// a column, the source, the provenance of the observed figures, and the quality issues worth
// writing down. No YAML here; rendering and merging are elsewhere.
import { basename } from 'node:path';
import type { Alert, AlertType, ColumnProfile, DatasetProfile } from '../profile/profileTypes';
import {
  OBSERVED_FIELD_KEYS,
  type DictionaryField,
  type DictionarySource,
  type FieldType,
  type ObservedFieldKey,
  type ObservedIn,
  type QualityIssue,
  type Scalar,
} from './dictionaryTypes';

/** A categorical field gets allowedValues when it has at most this many distinct values. */
export const MAX_ALLOWED_VALUES = 20;

/** Longer examples are cut (with an ellipsis): the dictionary shows a value, not a document. */
export const MAX_EXAMPLE_LENGTH = 120;

/** Profile alerts that describe a defect of the data (not a property of it, like skew). */
const QUALITY_ALERTS: ReadonlySet<AlertType> = new Set<AlertType>([
  'missing',
  'duplicates',
  'constant',
  'empty',
  'infinite',
  'unsupported',
  'leakage',
]);

/** The profiler's types map one to one, except `unsupported`, which the user has to decide. */
function fieldType(column: ColumnProfile): FieldType {
  return column.type === 'unsupported' ? 'text' : column.type;
}

const roundPercent = (value: number) => Math.round(value * 100) / 100;

function exampleOf(column: ColumnProfile, profile: DatasetProfile): Scalar | undefined {
  const seen = profile.sample
    .map((row) => row[column.name])
    .find((v): v is string => v !== null && v !== undefined && v !== '');
  const raw = seen ?? (column.text?.top ?? column.top)?.[0]?.value;
  if (raw === undefined) return column.numeric ? column.numeric.min : undefined;
  if (column.type === 'numeric') {
    const number = Number(raw.replace(/,/g, ''));
    if (Number.isFinite(number)) return number;
  }
  return raw.length > MAX_EXAMPLE_LENGTH ? `${raw.slice(0, MAX_EXAMPLE_LENGTH - 1)}…` : raw;
}

function allowedValuesOf(column: ColumnProfile): string[] | undefined {
  if (column.type !== 'categorical' && column.type !== 'boolean') return undefined;
  const top = column.text?.top ?? column.top ?? [];
  // Only when every distinct value is known: a partial list would declare valid values invalid.
  if (column.distinct === 0 || column.distinct > MAX_ALLOWED_VALUES || top.length < column.distinct) return undefined;
  return top.map((t) => t.value).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function rangeOf(column: ColumnProfile): DictionaryField['range'] {
  if (column.numeric && Number.isFinite(column.numeric.min) && Number.isFinite(column.numeric.max)) {
    return { min: column.numeric.min, max: column.numeric.max };
  }
  if (column.datetime) return { min: column.datetime.min, max: column.datetime.max };
  return undefined;
}

/** The observed figures of a column: what a re-draft refreshes. */
export function observedValues(
  column: ColumnProfile,
  profile: DatasetProfile,
): { missingPercent: number; example?: Scalar } {
  const example = exampleOf(column, profile);
  return {
    missingPercent: roundPercent(column.missingPercent),
    ...(example === undefined ? {} : { example }),
  };
}

/** The observed values a drafted field carries: what the baseline remembers of it. */
export function observedOfField(field: DictionaryField): Partial<Record<ObservedFieldKey, Scalar>> {
  const observed: Partial<Record<ObservedFieldKey, Scalar>> = {};
  for (const key of OBSERVED_FIELD_KEYS) {
    const value = field[key];
    if (value !== undefined && value !== null) observed[key] = value;
  }
  return observed;
}

/** The drafted entry of a column, keys in the order the dictionary shows them. */
export function draftField(column: ColumnProfile, profile: DatasetProfile): DictionaryField {
  const type = fieldType(column);
  const allowedValues = allowedValuesOf(column);
  const range = rangeOf(column);
  const observed = observedValues(column, profile);
  return {
    name: column.name,
    type,
    definition: '',
    // A unit only means something for a measured number.
    ...(type === 'numeric' ? { unit: '' } : {}),
    ...(allowedValues ? { allowedValues } : {}),
    ...(range ? { range } : {}),
    nullable: column.missing > 0,
    ...observed,
    ...(column.type === 'unsupported'
      ? {
          notes: `The profiler could not interpret this column (stored as ${column.evidence.storageType}); choose its type.`,
        }
      : {}),
  };
}

export function draftSource(profile: DatasetProfile, name?: string): DictionarySource {
  return { name: name ?? basename(profile.source.path), description: '', owner: '', location: profile.source.path };
}

export function observedIn(profile: DatasetProfile): ObservedIn {
  return {
    path: profile.source.path,
    rows: profile.rows,
    sha256: profile.source.sha256,
    profiledAt: profile.createdAt,
  };
}

function issueOf(alert: Alert): QualityIssue {
  return {
    description: alert.message,
    ...(alert.column ? { fields: [alert.column, ...(alert.otherColumn ? [alert.otherColumn] : [])] } : {}),
    alert: alert.type,
    handling: '',
  };
}

/** The profile's alerts that are data defects, as quality issues for a first draft. */
export function draftQualityIssues(profile: DatasetProfile): QualityIssue[] {
  return profile.alerts.filter((a) => QUALITY_ALERTS.has(a.type)).map(issueOf);
}
