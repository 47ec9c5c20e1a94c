// The data dictionary document (docs/data-dictionary.yaml by default), as plain data.
// schemas/data-dictionary.schema.json describes the same shape for editors and CI; keep them in step.
//
// Who owns which key matters, because re-drafting must never overwrite the user's words:
// - OBSERVED keys are figures measured on the data (missingPercent, example, and the whole
//   observedIn block). A re-draft refreshes them, unless the user changed the value we last
//   wrote (told apart with the draft baseline, see draftBaseline.ts).
// - `status: removed` + `removedAt` are set by a re-draft when a column disappears, and
//   cleared when it comes back.
// - Every other key (type, definition, unit, allowedValues, range, nullable, notes, x-*, the
//   source, update frequency and quality issues) is drafted once as a suggestion and belongs to
//   the user from then on.

export const DICTIONARY_VERSION = 1;

export const FIELD_TYPES = ['numeric', 'categorical', 'boolean', 'datetime', 'text', 'id'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type FieldStatus = 'active' | 'deprecated' | 'removed';

/** Per-field keys a re-draft refreshes (when the user did not edit them). */
export const OBSERVED_FIELD_KEYS = ['missingPercent', 'example'] as const;
export type ObservedFieldKey = (typeof OBSERVED_FIELD_KEYS)[number];

export type Scalar = string | number | boolean;

export interface DictionarySource {
  name?: string;
  description?: string;
  owner?: string;
  location?: string;
}

export interface QualityIssue {
  description: string;
  fields?: string[];
  alert?: string;
  handling?: string;
}

export interface ObservedIn {
  path: string;
  rows: number;
  sha256: string;
  profiledAt: string;
}

export interface DictionaryField {
  name: string;
  type: FieldType;
  definition?: string;
  unit?: string;
  allowedValues?: Scalar[];
  range?: { min?: number | string; max?: number | string };
  nullable?: boolean;
  missingPercent?: number;
  example?: Scalar | null;
  notes?: string;
  status?: FieldStatus;
  removedAt?: string;
}

export interface DataDictionary {
  version: typeof DICTIONARY_VERSION;
  source?: DictionarySource;
  updateFrequency?: string;
  knownQualityIssues?: Array<string | QualityIssue>;
  observedIn?: ObservedIn;
  fields: DictionaryField[];
}

/**
 * The observed values the last draft wrote (or found equal to its own), per field. A value in
 * the document that differs from its baseline entry was edited by the user and is kept.
 */
export interface DraftBaseline {
  fields: Record<string, Partial<Record<ObservedFieldKey, Scalar | null>>>;
}

export interface DraftOptions {
  /** The day written as removedAt, and the clock of the draft. */
  now?: Date;
  /** source.name of a new dictionary; default: the file name of the profiled data. */
  sourceName?: string;
  /** The dictionary's path as the user knows it, for error messages. */
  file?: string;
  /** What the previous draft wrote (see DraftBaseline); absent: every differing value is treated as the user's. */
  baseline?: DraftBaseline;
}

export interface DraftResult {
  /** The dictionary's new text: equal to `existing` when nothing changed. */
  text: string;
  /** Fields added for columns new to the dictionary (all of them for a new dictionary). */
  added: string[];
  /** Fields newly flagged `status: removed` because their column is gone. */
  removed: string[];
  /** Existing fields whose column is still in the data (restored ones included). */
  kept: string[];
  /** Fields that had been flagged removed and whose column is back. */
  restored: string[];
  /** Observed values refreshed or filled in, as "field.key". */
  refreshed: string[];
  /** Observed values left alone because the user changed them, as "field.key". */
  preserved: string[];
  /** The baseline to store for the next draft. */
  baseline: DraftBaseline;
}
