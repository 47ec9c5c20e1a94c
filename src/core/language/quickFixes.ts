// The obvious fixes of schema problems, as text edits: rename a misspelt key to the known one,
// remove an unknown key (with its value lines), change a value to the nearest allowed one, add a
// missing required key whose value is fixed. Edits are computed from the parsed nodes' offsets,
// so applying them leaves the rest of the text (comments, formatting) untouched.
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Position } from '../yaml/yamlDocument';
import type { QuickFix, TextEdit } from './languageTypes';
import { yamlScalar } from './schemaFeaturesNavigate';

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/** The candidates closest to `word`, nearest first (ties in the given order), at most `limit`. */
export function nearest<T>(
  word: string,
  candidates: T[],
  text: (c: T) => string,
  limit: number,
  maxDistance = Infinity,
): Array<{ candidate: T; distance: number }> {
  return candidates
    .map((candidate, order) => ({ candidate, distance: editDistance(word, text(candidate)), order }))
    .filter((c) => c.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, limit)
    .map(({ candidate, distance }) => ({ candidate, distance }));
}

/** Turns offsets of the text into edits. */
export class EditMaker {
  constructor(
    private readonly text: string,
    private readonly positionAt: (offset: number) => Position,
  ) {}

  edit(start: number, end: number, newText: string): TextEdit {
    return { start: this.positionAt(start), end: this.positionAt(end), newText };
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The start of the line after the one `offset` is on (or the text's end). */
  private nextLineStart(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? this.text.length : newline + 1;
  }

  renameKey(key: Node, newKey: string): QuickFix {
    const [start, end] = key.range ?? [0, 0];
    return { title: `Rename to "${newKey}"`, edits: [this.edit(start, end, yamlKey(newKey))], preferred: true };
  }

  /** Removes `pair` (its key, value and the lines they take) from `map`. */
  removeKey(map: YAMLMap, pair: Pair): QuickFix {
    const key = pair.key as Node;
    const keyStart = key.range?.[0] ?? 0;
    const value = pair.value as Node | null;
    const pairEnd = Math.max(value?.range?.[1] ?? 0, key.range?.[1] ?? 0);
    const index = map.items.indexOf(pair as never);
    const next = map.items[index + 1]?.key as Node | undefined;
    const title = `Remove key "${isScalar(key) ? String(key.value) : 'key'}"`;
    if (map.flow) {
      const previous = map.items[index - 1];
      if (next?.range) return { title, edits: [this.edit(keyStart, next.range[0], '')] };
      const previousEnd =
        (previous?.value as Node | null)?.range?.[1] ?? (previous?.key as Node | undefined)?.range?.[1];
      return { title, edits: [this.edit(previousEnd ?? keyStart, pairEnd, '')] };
    }
    const lineStart = this.lineStart(keyStart);
    const before = this.text.slice(lineStart, keyStart);
    if (/^[ \t]*$/.test(before)) {
      const end = this.text[pairEnd - 1] === '\n' ? pairEnd : this.nextLineStart(pairEnd);
      return { title, edits: [this.edit(lineStart, end, '')] };
    }
    // The first key of a "- key: value" item: the next key moves up onto the item's line.
    if (next?.range) return { title, edits: [this.edit(keyStart, next.range[0], '')] };
    const end = this.text[pairEnd - 1] === '\n' ? pairEnd - 1 : pairEnd;
    return { title, edits: [this.edit(keyStart, end, '')] };
  }

  /** Replaces a value node (or fills in an empty value after `key:`). */
  replaceValue(value: Node | null, key: Node | undefined, newValue: unknown, preferred: boolean): QuickFix {
    const written = yamlScalar(newValue);
    const title = `Change to ${written}`;
    const range = value?.range;
    if (range && range[1] > range[0]) return { title, edits: [this.edit(range[0], range[1], written)], preferred };
    const after = key?.range ? this.text.indexOf(':', key.range[1]) + 1 : (range?.[0] ?? 0);
    return { title, edits: [this.edit(after, after, ` ${written}`)], preferred };
  }

  /** Adds `key: value` as the first key of `map`. */
  addKey(map: YAMLMap, key: string, value: unknown): QuickFix | undefined {
    const first = map.items[0]?.key as Node | undefined;
    const at = first?.range?.[0];
    if (at === undefined) return undefined;
    const written = `${yamlKey(key)}: ${yamlScalar(value)}`;
    const indent = ' '.repeat(at - this.lineStart(at));
    const newText = map.flow ? `${written}, ` : `${written}\n${indent}`;
    return { title: `Add "${written}"`, edits: [this.edit(at, at, newText)], preferred: true };
  }
}

function yamlKey(key: string): string {
  return /^[A-Za-z_$][\w$.-]*$/.test(key) ? key : JSON.stringify(key);
}

/** The map a key path leads to, and the pair of its last segment; undefined where the path leaves the document. */
export function pairAt(
  root: Node | null,
  path: ReadonlyArray<string | number>,
): { map?: YAMLMap; pair?: Pair; node: Node | null } {
  let node: Node | null = root;
  let map: YAMLMap | undefined;
  let pair: Pair | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      map = node;
      pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { node: null };
      node = pair.value as Node | null;
    } else if (
      node &&
      'items' in node &&
      Array.isArray((node as { items: unknown[] }).items) &&
      typeof segment === 'number'
    ) {
      map = undefined;
      pair = undefined;
      node = (node as { items: Node[] }).items[segment] ?? null;
    } else {
      return { node: null };
    }
  }
  return { map, pair, node };
}
