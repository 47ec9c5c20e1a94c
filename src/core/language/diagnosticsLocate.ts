// Where a schema error's key path is in the text, and the edits of its fixes — from the parsed
// document's nodes (exact, for ordinary documents) or from the line walk (for huge documents,
// where a full parse would take seconds; ranges are as exact, fewer fixes are offered).
import { isMap, isScalar, type Node } from 'yaml';
import type { ParsedYaml, Position } from '../yaml/yamlDocument';
import type { QuickFix } from './languageTypes';
import { EditMaker, pairAt } from './quickFixes';
import { yamlScalar, type KeyPath } from './schemaFeaturesNavigate';
import { scalarValue, type WalkEntry } from './yamlCursorWalk';

export interface Range {
  start: Position;
  end: Position;
}

export interface Locator {
  /** The range of the key at `path`, if it is a key. */
  keyRange(path: KeyPath): Range | undefined;
  /** The range of the value at `path` (its key's when it is empty; the closest parent's when absent). */
  valueRange(path: KeyPath): Range;
  /** Where to report a problem of the mapping at `path` as a whole: its key, or its first line. */
  ownerRange(path: KeyPath): Range;
  /** The keys the mapping at `path` has. */
  keysAt(path: KeyPath): string[];
  /** The scalar at `path` as written (undefined when not a scalar). */
  scalarAt(path: KeyPath): unknown;
  renameKey(path: KeyPath, newKey: string): QuickFix | undefined;
  removeKey(path: KeyPath): QuickFix | undefined;
  replaceValue(path: KeyPath, value: unknown, preferred: boolean): QuickFix | undefined;
  addKey(path: KeyPath, key: string, value: unknown): QuickFix | undefined;
}

/** Locations from the `yaml` parser's nodes. */
export function nodeLocator(text: string, parsed: ParsedYaml): Locator {
  const edits = new EditMaker(text, parsed.positionAt);
  const contents = parsed.document.contents as Node | null;
  const range = (r: readonly [number, number, number?]) => ({
    start: parsed.positionAt(r[0]),
    end: parsed.positionAt(r[1]),
  });
  return {
    keyRange(path) {
      const key = pairAt(contents, path).pair?.key as Node | undefined;
      return key?.range ? range(key.range) : undefined;
    },
    valueRange(path) {
      const { pair, node } = pairAt(contents, path);
      const key = pair?.key as Node | undefined;
      const r = node?.range && node.range[1] > node.range[0] ? node.range : key?.range;
      return r ? range(r) : parsed.rangeOf(path);
    },
    ownerRange(path) {
      const { pair, node } = pairAt(contents, path);
      const key = pair?.key as Node | undefined;
      if (key?.range) return range(key.range);
      const first = isMap(node) ? (node.items[0]?.key as Node | undefined) : undefined;
      const r = first?.range ?? node?.range;
      return r ? range(r) : parsed.rangeOf([]);
    },
    keysAt(path) {
      const { node } = pairAt(contents, path);
      return isMap(node) ? node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : [];
    },
    scalarAt(path) {
      const { node } = pairAt(contents, path);
      return isScalar(node) ? node.value : undefined;
    },
    renameKey(path, newKey) {
      const key = pairAt(contents, path).pair?.key as Node | undefined;
      return key ? edits.renameKey(key, newKey) : undefined;
    },
    removeKey(path) {
      const { map, pair } = pairAt(contents, path);
      return map && pair ? edits.removeKey(map, pair) : undefined;
    },
    replaceValue(path, value, preferred) {
      const { pair, node } = pairAt(contents, path);
      return edits.replaceValue(node, pair?.key as Node | undefined, value, preferred);
    },
    addKey(path, key, value) {
      const { node } = pairAt(contents, path);
      return isMap(node) ? edits.addKey(node, key, value) : undefined;
    },
  };
}

/** Locations from the line walk of a huge document. */
export function walkLocator(roots: WalkEntry[]): Locator {
  const at = (line: number, column: number): Position => ({ line: line + 1, column: column + 1 });
  const FILE_START = { start: at(0, 0), end: at(0, 1) };
  /** The entries along `path`, as far as they exist. */
  const trail = (path: KeyPath): WalkEntry[] => {
    const found: WalkEntry[] = [];
    let entries = roots;
    for (const segment of path) {
      const entry =
        typeof segment === 'number' ? entries[segment] : entries.find((e) => e.kind === 'key' && e.name === segment);
      if (!entry || entry.name !== segment) break;
      found.push(entry);
      entries = entry.children;
    }
    return found;
  };
  const exact = (path: KeyPath) => {
    const found = trail(path);
    return found.length === path.length ? found[found.length - 1] : undefined;
  };
  const keySpan = (e: WalkEntry) => ({ start: at(e.line, e.start), end: at(e.line, e.end) });
  return {
    keyRange(path) {
      const entry = exact(path);
      return entry?.kind === 'key' ? keySpan(entry) : undefined;
    },
    valueRange(path) {
      const found = trail(path);
      const entry = found[found.length - 1];
      if (!entry) return FILE_START;
      if (found.length === path.length && entry.inline)
        return { start: at(entry.line, entry.inline.start), end: at(entry.line, entry.inline.end) };
      return entry.kind === 'key'
        ? keySpan(entry)
        : { start: at(entry.line, entry.start), end: at(entry.lastLine, entry.lastEnd) };
    },
    ownerRange(path) {
      const entry = path.length ? exact(path) : undefined;
      if (entry?.kind === 'key') return keySpan(entry);
      const first = entry ? entry.children[0] : roots[0];
      return first ? keySpan(first) : FILE_START;
    },
    keysAt(path) {
      const entries = path.length ? (exact(path)?.children ?? []) : roots;
      return entries.filter((e) => e.kind === 'key').map((e) => String(e.name));
    },
    scalarAt(path) {
      const entry = exact(path);
      return entry?.inline && !entry.blockScalar ? scalarValue(entry.inline.text) : undefined;
    },
    renameKey(path, newKey) {
      const entry = exact(path);
      if (entry?.kind !== 'key') return undefined;
      return { title: `Rename to "${newKey}"`, edits: [{ ...keySpan(entry), newText: newKey }], preferred: true };
    },
    removeKey: () => undefined,
    replaceValue(path, value, preferred) {
      const entry = exact(path);
      if (!entry?.inline || entry.blockScalar || entry.container) return undefined;
      const written = yamlScalar(value);
      return {
        title: `Change to ${written}`,
        edits: [{ start: at(entry.line, entry.inline.start), end: at(entry.line, entry.inline.end), newText: written }],
        preferred,
      };
    },
    addKey: () => undefined,
  };
}
