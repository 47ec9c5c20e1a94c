// The text of a new data dictionary drafted from a profile, with comments that tell the user
// what to fill in and what a re-draft will and will not touch.
import { Document, isMap, isScalar, type Pair } from 'yaml';
import type { DatasetProfile } from '../profile/profileTypes';
import { DICTIONARY_VERSION, type DataDictionary, type DraftBaseline, type DraftResult } from './dictionaryTypes';
import { draftField, draftQualityIssues, draftSource, observedIn, observedOfField } from './draftFields';
import { indentLines, styleDocument, TO_STRING } from './yamlRender';

export function headerComment(profile: DatasetProfile): string {
  return [
    ' Data dictionary: where the data comes from, how often it changes, its known quality issues,',
    ` and what every field means. ML Lifecycle drafted it from a profile of ${profile.source.path}:`,
    ' complete the empty definitions and units, and correct what the draft guessed.',
    ' Re-drafting ("ML Lifecycle: Draft Data Dictionary") keeps everything you write: it adds new',
    ' columns at the end, marks columns that left the data `status: removed`, and refreshes only the',
    ' observed figures (missingPercent, example, observedIn) you have not changed.',
    ' Keys of your own start with x- (x-pii: true).',
  ].join('\n');
}

/** Comments above the top-level keys, for the person completing the draft. */
const KEY_COMMENTS: Record<string, string> = {
  source: ' Where the data comes from and who answers for it.',
  updateFrequency: ' How often the data is refreshed: daily, weekly, on demand, one-off snapshot ...',
  knownQualityIssues:
    " Known problems of the data and how the project handles them (first listed from the profile's alerts).",
  observedIn: ' Written by ML Lifecycle: the data the observed figures were taken from.',
  fields: ' One entry per column: type, definition, unit, allowed values, range, nullable.',
};

/** The dictionary drafted from a profile, as plain data. */
export function draftDocument(profile: DatasetProfile, sourceName?: string): DataDictionary {
  return {
    version: DICTIONARY_VERSION,
    source: draftSource(profile, sourceName),
    updateFrequency: '',
    knownQualityIssues: draftQualityIssues(profile),
    observedIn: observedIn(profile),
    fields: profile.columns.map((column) => draftField(column, profile)),
  };
}

/** Puts the guidance comment above each top-level key that has one. */
function commentKeys(doc: Document): void {
  if (!isMap(doc.contents)) return;
  for (const pair of doc.contents.items as Pair[]) {
    const key = pair.key;
    if (!isScalar(key) || typeof key.value !== 'string') continue;
    const comment = KEY_COMMENTS[key.value];
    if (comment) {
      key.commentBefore = comment;
      key.spaceBefore = true;
    }
  }
}

/** A complete new dictionary; without `header` the leading comment is left out (the file has its own). */
export function renderDictionary(
  profile: DatasetProfile,
  options: { sourceName?: string; header?: boolean } = {},
): string {
  const doc = new Document(draftDocument(profile, options.sourceName));
  styleDocument(doc);
  commentKeys(doc);
  if (options.header !== false) doc.commentBefore = headerComment(profile);
  return doc.toString(TO_STRING);
}

/**
 * A new dictionary as a draft result. `leadingText` (a file holding only comments) is kept
 * above it, in place of our header.
 */
export function newDictionary(
  profile: DatasetProfile,
  options: { sourceName?: string; leadingText?: string } = {},
): DraftResult {
  const lead = options.leadingText?.trim() ? options.leadingText.replace(/\s*$/, '\n\n') : '';
  const text = lead + renderDictionary(profile, { sourceName: options.sourceName, header: lead === '' });
  const fields = draftDocument(profile, options.sourceName).fields;
  const baseline: DraftBaseline = {
    fields: Object.fromEntries(fields.map((f) => [f.name, observedOfField(f)])),
  };
  return {
    text,
    added: fields.map((f) => f.name),
    removed: [],
    kept: [],
    restored: [],
    refreshed: [],
    preserved: [],
    baseline,
  };
}

/** Top-level entries added to an existing dictionary, with their guidance comments, as lines at `indent`. */
export function renderTopLevelEntries(entries: Record<string, unknown>, indent: number, eol: string): string {
  const doc = new Document(entries);
  styleDocument(doc);
  commentKeys(doc);
  return indentLines(doc.toString(TO_STRING), indent, eol);
}
