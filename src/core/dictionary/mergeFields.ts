// Re-drafting the `fields` of an existing dictionary: match entries to the profiled columns by
// name, refresh the observed figures the user did not edit, flag entries whose column is gone
// (status: removed) and un-flag those whose column came back, and add new columns at the end.
// Everything else in an entry is the user's and stays byte for byte.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { DatasetProfile } from '../profile/profileTypes';
import type { DictionaryError } from './dictionaryError';
import {
  OBSERVED_FIELD_KEYS,
  type DictionaryField,
  type DraftBaseline,
  type DraftResult,
  type Scalar,
} from './dictionaryTypes';
import { draftField, observedOfField, observedValues } from './draftFields';
import { renderInline, renderItems } from './yamlRender';
import { isEmptyValue, pairOf, type TextPatch } from './yamlSplice';

type Report = Pick<DraftResult, 'added' | 'removed' | 'kept' | 'restored' | 'refreshed' | 'preserved'>;

export interface FieldsContext {
  patch: TextPatch;
  profile: DatasetProfile;
  /** YYYY-MM-DD, written as removedAt. */
  today: string;
  previous: DraftBaseline['fields'];
  fail: (offset: number, reason: string) => DictionaryError;
}

const sameValue = (a: unknown, b: unknown): boolean =>
  typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))
    : a === b || (a != null && b != null && String(a) === String(b));

/** The entries of `fields`, checked: each a mapping with a name, no name twice. */
export function fieldEntries(seq: YAMLSeq, fail: FieldsContext['fail']): Map<string, YAMLMap> {
  const entries = new Map<string, YAMLMap>();
  seq.items.forEach((item, index) => {
    const at = (item as Node | null)?.range?.[0] ?? seq.range?.[0] ?? 0;
    if (!isMap(item)) throw fail(at, `fields[${index}] must be a mapping with a name (- name: ...).`);
    const name = pairOf(item, 'name')?.value;
    const value = isScalar(name) ? name.value : undefined;
    if (value === null || value === undefined || value === '' || typeof value === 'object') {
      throw fail(
        at,
        `fields[${index}] has no name; every field needs one so that re-drafting can match it to a column.`,
      );
    }
    if (entries.has(String(value)))
      throw fail((name as Node).range?.[0] ?? at, `The field "${String(value)}" is defined twice.`);
    entries.set(String(value), item);
  });
  return entries;
}

/** Refreshes the observed figures of one entry whose column is in the data. */
function refreshObserved(
  ctx: FieldsContext,
  name: string,
  entry: YAMLMap,
  drafted: Partial<Record<string, Scalar>>,
  additions: Record<string, unknown>,
  report: Report,
  baseline: DraftBaseline['fields'],
): void {
  const ours = ctx.previous[name] ?? {};
  const next: Partial<Record<string, Scalar | null>> = { ...ours };
  for (const key of OBSERVED_FIELD_KEYS) {
    const value = drafted[key];
    const pair = pairOf(entry, key);
    if (value === undefined) continue;
    if (!pair) {
      additions[key] = value;
      report.refreshed.push(`${name}.${key}`);
      next[key] = value;
      continue;
    }
    const node = pair.value;
    const current = isScalar(node) ? node.value : node === null ? null : undefined;
    if (current !== undefined && sameValue(current, value)) {
      next[key] = value;
    } else if (current !== undefined && (isEmptyValue(node) || (key in ours && sameValue(current, ours[key])))) {
      // Ours from the last draft (or left empty): refresh it.
      ctx.patch.setScalar(pair, value);
      report.refreshed.push(`${name}.${key}`);
      next[key] = value;
    } else {
      // Changed by the user (or written by hand before any draft): theirs to keep.
      report.preserved.push(`${name}.${key}`);
      delete next[key];
    }
  }
  baseline[name] = next;
}

/** Flags an entry whose column left the data; returns true when it was not flagged yet. */
function markRemoved(ctx: FieldsContext, entry: YAMLMap, additions: Record<string, unknown>): boolean {
  const status = pairOf(entry, 'status');
  const removedAt = pairOf(entry, 'removedAt');
  const already = isScalar(status?.value) && status.value.value === 'removed';
  if (already && removedAt) return false;
  if (!already) {
    if (status) ctx.patch.setScalar(status, 'removed');
    else additions.status = 'removed';
  }
  if (removedAt && !already) ctx.patch.setScalar(removedAt, ctx.today);
  else if (!removedAt) additions.removedAt = ctx.today;
  return !already;
}

/** Un-flags an entry whose column is back: status active, removedAt dropped. */
function markRestored(ctx: FieldsContext, entry: YAMLMap): boolean {
  const status = pairOf(entry, 'status');
  if (!status || !isScalar(status.value) || status.value.value !== 'removed') return false;
  ctx.patch.setScalar(status, 'active');
  const removedAt = pairOf(entry, 'removedAt');
  if (removedAt) ctx.patch.deletePair(entry, removedAt);
  return true;
}

/**
 * Merges the profiled columns into the `fields` list (`pair` is its key/value, or undefined
 * when the document has none). Returns the drafted entries that still have to be added when
 * there is no list to add them to.
 */
export function mergeFields(
  ctx: FieldsContext,
  pair: Pair | undefined,
  baseline: DraftBaseline['fields'],
  report: Report,
): DictionaryField[] {
  const seq = pair?.value;
  const entries = isSeq(seq) ? fieldEntries(seq, ctx.fail) : new Map<string, YAMLMap>();
  const columns = new Map(ctx.profile.columns.map((c) => [c.name, c]));

  for (const [name, entry] of entries) {
    const additions: Record<string, unknown> = {};
    const column = columns.get(name);
    if (column) {
      report.kept.push(name);
      if (markRestored(ctx, entry)) report.restored.push(name);
      refreshObserved(ctx, name, entry, observedValues(column, ctx.profile), additions, report, baseline);
    } else {
      if (markRemoved(ctx, entry, additions)) report.removed.push(name);
      if (ctx.previous[name]) baseline[name] = ctx.previous[name];
    }
    ctx.patch.addEntries(entry, additions);
  }

  const added = ctx.profile.columns.filter((c) => !entries.has(c.name)).map((c) => draftField(c, ctx.profile));
  for (const field of added) {
    report.added.push(field.name);
    baseline[field.name] = observedOfField(field);
  }
  if (added.length === 0 || !pair) return added;

  const { patch } = ctx;
  if (isSeq(seq) && seq.items.length > 0) {
    const [start, valueEnd] = seq.range!;
    const last = seq.items[seq.items.length - 1] as Node;
    if (seq.flow) {
      const after = last.range?.[1] ?? patch.source.lastIndexOf(']', valueEnd);
      patch.replace(after, after, added.map((f) => `, ${renderInline(f)}`).join(''));
    } else {
      const end = Math.max(valueEnd, last.range?.[2] ?? valueEnd);
      patch.insertLines(patch.lineEndAfter(end - 1), renderItems(added, patch.column(start), patch.eol));
    }
  } else {
    const keyIndent = patch.column((pair.key as Node).range![0]);
    patch.fillEmptyValue(pair, renderItems(added, keyIndent + 2, patch.eol));
  }
  return [];
}
