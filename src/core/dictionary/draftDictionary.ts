// Drafting the data dictionary from a dataset profile: a new document pre-filled from the
// profile, or the profile's news merged into the user's document without overwriting anything
// the user wrote. Pure: text in, text out; the caller reads and writes the files.
import type { DatasetProfile } from '../profile/profileTypes';
import type { DraftOptions, DraftResult } from './dictionaryTypes';
import { mergeDictionary } from './mergeDictionary';
import { newDictionary } from './renderDictionary';

export type { DraftBaseline, DraftOptions, DraftResult } from './dictionaryTypes';
export { DictionaryError } from './dictionaryError';

/**
 * Drafts the dictionary of `profile`. With `existing` (the current YAML text), merges into it:
 * new columns are added at the end, entries whose column is gone get `status: removed` and
 * `removedAt`, observed figures (missingPercent, example, observedIn) are refreshed unless the
 * user changed them (see DraftOptions.baseline), and every other byte stays as it was.
 * Throws DictionaryError (with line and column) when `existing` does not parse or cannot be
 * merged safely; the caller must then leave the file alone.
 */
export function draftDictionary(profile: DatasetProfile, existing?: string, options: DraftOptions = {}): DraftResult {
  if (existing === undefined) return newDictionary(profile, { sourceName: options.sourceName });
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  return mergeDictionary(existing, profile, {
    file: options.file ?? 'the data dictionary',
    today,
    sourceName: options.sourceName,
    baseline: options.baseline,
  });
}
