// Re-drafting an existing dictionary: the profile's news are spliced into the user's text,
// which otherwise stays byte for byte (comments, order, quoting, custom keys). A text that does
// not parse, or whose shape the merge cannot follow, is refused with its line and column.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DatasetProfile } from '../profile/profileTypes';
import { errorsAt } from './dictionaryError';
import { DICTIONARY_VERSION, type DraftBaseline, type DraftResult } from './dictionaryTypes';
import { draftQualityIssues, draftSource, observedIn } from './draftFields';
import { fieldEntries, mergeFields, type FieldsContext } from './mergeFields';
import { newDictionary, renderTopLevelEntries } from './renderDictionary';
import { renderEntries, renderInline } from './yamlRender';
import { isEmptyValue, pairOf, TextPatch } from './yamlSplice';

export interface MergeOptions {
  file: string;
  today: string;
  sourceName?: string;
  baseline?: DraftBaseline;
}

const keyStart = (pair: Pair) => (pair.key as Node).range![0];

/** Keeps the machine-written provenance block current; it is ours, so values are simply replaced. */
function refreshObservedIn(patch: TextPatch, pair: Pair, value: Record<string, unknown>): void {
  const node = pair.value;
  if (isMap(node) && node.items.length > 0) {
    const additions: Record<string, unknown> = {};
    for (const [key, next] of Object.entries(value)) {
      const entry = pairOf(node, key);
      if (!entry) additions[key] = next;
      else if (!isScalar(entry.value) || entry.value.value !== next) patch.setScalar(entry, next);
    }
    patch.addEntries(node, additions);
  } else if (isEmptyValue(node)) {
    patch.fillEmptyValue(pair, renderEntries(value, patch.column(keyStart(pair)) + 2, patch.eol));
  } else {
    patch.setScalar(pair, value);
  }
}

/**
 * Fills `source` when it is empty; a plain sentence becomes its name. In a mapping only empty
 * values are filled (the template's `location: ""`): nothing the user wrote is replaced.
 */
function mergeSource(patch: TextPatch, pair: Pair, drafted: Record<string, unknown>): void {
  const node = pair.value;
  if (isMap(node) && node.items.length > 0) {
    for (const [key, value] of Object.entries(drafted)) {
      const entry = pairOf(node, key);
      if (entry && value !== '' && isScalar(entry.value) && isEmptyValue(entry.value)) patch.setScalar(entry, value);
    }
    return;
  }
  const written = isScalar(node) && typeof node.value === 'string' && node.value.trim() ? node.value : undefined;
  const value = written ? { ...drafted, name: written } : drafted;
  patch.fillEmptyValue(pair, renderEntries(value, patch.column(keyStart(pair)) + 2, patch.eol));
}

interface ParsedDictionary {
  /** The root mapping; undefined when the text holds only comments (or nothing). */
  map?: YAMLMap;
  fail: FieldsContext['fail'];
}

/**
 * Parses an existing dictionary and checks that a re-draft can follow its shape: YAML without
 * errors, a block mapping at the root, version 1 (or none), `fields` a list of named entries.
 * Throws DictionaryError with the line and column otherwise. Cheap: callers run it before
 * spending time on a profile.
 */
export function parseForMerge(existing: string, file: string): ParsedDictionary {
  const lineCounter = new LineCounter();
  const doc = parseDocument(existing, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fail = errorsAt(file, lineCounter);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw fail(first.pos[0], `is not valid YAML, so it was left untouched: ${first.message.split('\n')[0]}`);
  }
  if (doc.contents === null) return { fail };
  const root = doc.contents as Node;
  if (!isMap(root) || root.flow || root.items.length === 0) {
    throw fail(
      root.range?.[0] ?? 0,
      'must be a block mapping of keys (version, source, updateFrequency, knownQualityIssues, fields), so it was left untouched.',
    );
  }
  const version = pairOf(root, 'version');
  if (version && !(isScalar(version.value) && version.value.value === DICTIONARY_VERSION)) {
    const written = renderInline((version.value as { value?: unknown } | null)?.value ?? null);
    throw fail(
      (version.value as Node | null)?.range?.[0] ?? keyStart(version),
      `has version ${written}; this ML Lifecycle reads data dictionary version ${DICTIONARY_VERSION} only, so it was left untouched.`,
    );
  }
  const fields = pairOf(root, 'fields')?.value;
  if (isSeq(fields)) fieldEntries(fields, fail);
  else if (fields !== undefined && !isEmptyValue(fields)) {
    throw fail(
      (fields as Node).range?.[0] ?? 0,
      '"fields" must be a list of entries (- name: ...), one per column, so the file was left untouched.',
    );
  }
  return { map: root as YAMLMap, fail };
}

export function mergeDictionary(existing: string, profile: DatasetProfile, options: MergeOptions): DraftResult {
  const { map, fail } = parseForMerge(existing, options.file);
  // Only comments (or nothing): keep them and draft below.
  if (!map) return newDictionary(profile, { sourceName: options.sourceName, leadingText: existing });
  const report = {
    added: [] as string[],
    removed: [] as string[],
    kept: [] as string[],
    restored: [] as string[],
    refreshed: [] as string[],
    preserved: [] as string[],
  };
  const baseline: DraftBaseline['fields'] = {};
  const version = pairOf(map, 'version');

  const patch = new TextPatch(existing);
  const ctx: FieldsContext = { patch, profile, today: options.today, previous: options.baseline?.fields ?? {}, fail };
  const fieldsPair = pairOf(map, 'fields');
  const unplaced = mergeFields(ctx, fieldsPair, baseline, report);

  // Top-level keys: fill the empty ones, add the missing ones before `fields` (or at the end).
  const missing: Record<string, unknown> = {};
  const source = pairOf(map, 'source');
  if (!source) missing.source = draftSource(profile, options.sourceName);
  else mergeSource(patch, source, { ...draftSource(profile, options.sourceName) });
  if (!pairOf(map, 'updateFrequency')) missing.updateFrequency = '';
  if (!pairOf(map, 'knownQualityIssues')) missing.knownQualityIssues = draftQualityIssues(profile);
  const observed = pairOf(map, 'observedIn');
  if (observed) refreshObservedIn(patch, observed, { ...observedIn(profile) });
  else missing.observedIn = observedIn(profile);
  if (!fieldsPair) missing.fields = unplaced;

  const indent = patch.column(keyStart(map.items[0] as Pair));
  if (!version)
    patch.insertLines(
      patch.lineStart(keyStart(map.items[0] as Pair)),
      renderEntries({ version: DICTIONARY_VERSION }, indent, patch.eol),
    );
  if (Object.keys(missing).length > 0) {
    const index = fieldsPair ? map.items.indexOf(fieldsPair as never) : map.items.length;
    const previous = map.items[index - 1] as Pair | undefined;
    const at = previous ? patch.pairEnd(previous) : patch.lineStart(keyStart(fieldsPair!));
    // A blank line between our block and what follows it, unless there is one already.
    const spacer = fieldsPair && !/^\r?\n/.test(patch.source.slice(at)) ? patch.eol : '';
    patch.insertLines(at, renderTopLevelEntries(missing, indent, patch.eol) + spacer);
  }
  return { ...report, text: patch.changed ? patch.apply() : existing, baseline: { fields: baseline } };
}
