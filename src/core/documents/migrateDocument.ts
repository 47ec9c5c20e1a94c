// Migrating a lifecycle document written by an earlier release to the current format: as plain
// data (migrateValue), or as text (migrateText) with the smallest edits that do it, so the
// user's comments and formatting outside the migrated keys stay exactly as written.
import { Document, isMap, isNode, isScalar, parseDocument, YAMLMap, type Pair } from 'yaml';
import type { LifecycleDocumentKind, TextEdit } from '../language/languageTypes';
import type { Position } from '../yaml/yamlDocument';
import { documentVersion } from './documentVersion';
import { MIGRATION_STEPS } from './migrations';
import { setKey } from './yamlMapEdits';

export interface MigrationResult {
  from: number;
  to: number;
  /** The migrated document, as plain data. */
  value: unknown;
  /** What changed, one sentence each. */
  notes: string[];
  /** What could not be migrated automatically (then `complete` is false). */
  lost: string[];
  complete: boolean;
}

export interface TextMigration extends MigrationResult {
  /** The migrated text. */
  text: string;
  /** Edits of the original text that produce `text`, in document order, not overlapping. */
  edits: TextEdit[];
}

/** Runs the steps from the document's version to the current one on `doc` (in place). */
function migrateDoc(kind: LifecycleDocumentKind, doc: Document): Omit<MigrationResult, 'value'> | undefined {
  const info = documentVersion(kind, doc.toJS());
  if (info.status !== 'older' || info.version === undefined || !isMap(doc.contents)) return undefined;
  const map = doc.contents;
  const notes: string[] = [];
  const lost: string[] = [];
  for (let v = info.version; v < info.current; v++) {
    MIGRATION_STEPS[kind][v]?.({ doc, map, notes, lost });
    setKey(doc, map, 'version', v + 1, 0);
  }
  if (!info.declared) notes.unshift(`Added "version: ${info.current}".`);
  return { from: info.version, to: info.current, notes, lost, complete: lost.length === 0 };
}

/** The document migrated to the current version; undefined when it is not older than the current one. */
export function migrateValue(kind: LifecycleDocumentKind, value: unknown): MigrationResult | undefined {
  const doc = new Document(value);
  const result = migrateDoc(kind, doc);
  return result && { ...result, value: doc.toJS() };
}

const keyOf = (pair: Pair): string => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface Span {
  start: number;
  end: number;
}

function spanOf(pair: Pair): Span {
  const key = pair.key as { range?: [number, number, number] };
  const value = isNode(pair.value) ? pair.value.range : undefined;
  const start = key.range?.[0] ?? 0;
  return { start, end: value?.[2] ?? key.range?.[2] ?? start };
}

/** A top-level pair as text, without the comment lines above it (they stay in the original text). */
function pairText(pair: Pair): string {
  const copy = pair.clone();
  if (isNode(copy.key)) {
    copy.key.commentBefore = undefined;
    copy.key.spaceBefore = false;
  }
  const doc = new Document();
  const map = new YAMLMap();
  map.items.push(copy);
  doc.contents = map;
  return doc.toString({ lineWidth: 0 });
}

/** Where a key inserted before every other goes: after the file's header comment, before the comments of the first key. */
function topInsertionPoint(text: string, firstKeyStart: number): number {
  let at = text.lastIndexOf('\n', firstKeyStart - 1) + 1;
  while (at > 0) {
    const previousStart = text.lastIndexOf('\n', at - 2) + 1;
    const line = text.slice(previousStart, at - 1).trim();
    if (line === '') return at;
    if (!line.startsWith('#')) return text.lastIndexOf('\n', firstKeyStart - 1) + 1;
    at = previousStart;
  }
  return text.lastIndexOf('\n', firstKeyStart - 1) + 1;
}

interface OffsetEdit extends Span {
  newText: string;
}

function offsetEdits(text: string, original: YAMLMap, migrated: YAMLMap): OffsetEdit[] {
  const before = new Map(original.items.map((p) => [keyOf(p), p]));
  const after = new Map(migrated.items.map((p) => [keyOf(p), p]));
  const originalOrder = original.items.map(keyOf);
  const edits: OffsetEdit[] = [];
  const consumed = new Set<string>();
  const withNewline = (s: string, span: Span) =>
    text.slice(span.start, span.end).endsWith('\n') ? s : s.replace(/\n$/, '');

  migrated.items.forEach((pair, index) => {
    const key = keyOf(pair);
    const old = before.get(key);
    if (old) {
      if (
        !same(
          old.value && isNode(old.value) ? old.value.toJSON() : old.value,
          isNode(pair.value) ? pair.value.toJSON() : pair.value,
        )
      ) {
        const span = spanOf(old);
        edits.push({ ...span, newText: withNewline(pairText(pair), span) });
      }
      return;
    }
    const previous = index > 0 ? keyOf(migrated.items[index - 1]) : undefined;
    const nextOriginal = previous === undefined ? originalOrder[0] : originalOrder[originalOrder.indexOf(previous) + 1];
    if (nextOriginal !== undefined && !after.has(nextOriginal) && !consumed.has(nextOriginal)) {
      consumed.add(nextOriginal);
      const span = spanOf(before.get(nextOriginal)!);
      edits.push({ ...span, newText: withNewline(pairText(pair), span) });
      return;
    }
    let at: number;
    if (previous !== undefined && before.has(previous)) at = spanOf(before.get(previous)!).end;
    else if (original.items.length > 0) at = topInsertionPoint(text, spanOf(original.items[0]).start);
    else at = text.length;
    const prefix = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
    edits.push({ start: at, end: at, newText: prefix + pairText(pair) });
  });
  for (const key of originalOrder) {
    if (!after.has(key) && !consumed.has(key)) edits.push({ ...spanOf(before.get(key)!), newText: '' });
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  // An insertion where a replaced key starts becomes one edit: editors disagree on the order of touching edits.
  return edits.reduce<OffsetEdit[]>((merged, e) => {
    const last = merged[merged.length - 1];
    if (last && last.start === e.start && last.end === last.start)
      merged[merged.length - 1] = { start: e.start, end: e.end, newText: last.newText + e.newText };
    else merged.push(e);
    return merged;
  }, []);
}

function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The text of a document migrated to the current version, and the edits that make it.
 * Undefined when the document is current (or newer), is not a mapping, or has YAML errors.
 */
export function migrateText(kind: LifecycleDocumentKind, text: string): TextMigration | undefined {
  const original = parseDocument(text);
  if (original.errors.length > 0 || !isMap(original.contents)) return undefined;
  const doc = parseDocument(text);
  const result = migrateDoc(kind, doc);
  if (!result) return undefined;
  const value = doc.toJS();
  let edits = offsetEdits(text, original.contents, doc.contents as YAMLMap);
  let migrated = applyOffsetEdits(text, edits);
  const check = parseDocument(migrated);
  if (check.errors.length > 0 || !same(check.toJS(), value)) {
    // The piecewise edits did not reproduce the migrated value (an unusual layout): rewrite it whole.
    migrated = doc.toString({ lineWidth: 0 });
    edits = [{ start: 0, end: text.length, newText: migrated }];
  }
  return {
    ...result,
    value,
    text: migrated,
    edits: edits.map((e) => ({ start: positionAt(text, e.start), end: positionAt(text, e.end), newText: e.newText })),
  };
}
