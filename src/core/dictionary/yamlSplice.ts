// Editing a YAML document as text, guided by the node ranges of the `yaml` Document API.
// Re-stringifying a whole document would reflow what the user wrote (indentation of lists,
// quotes, blank lines, long lines); splicing only the places that change keeps every other
// byte as it was, comments included.
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { renderEntries, renderInline } from './yamlRender';

interface TextEdit {
  start: number;
  end: number;
  text: string;
  order: number;
}

type AnyPair = Pair<unknown, unknown>;

const rangeOf = (node: unknown): [number, number, number] => {
  const range = (node as Node | null)?.range;
  if (!range) throw new Error('internal: a YAML node without a source range');
  return range;
};

export class TextPatch {
  readonly eol: string;
  private readonly edits: TextEdit[] = [];
  /** A file without a final line break gets one, once, before the first lines added at its end. */
  private endBreakAdded = false;

  constructor(readonly source: string) {
    this.eol = source.includes('\r\n') ? '\r\n' : '\n';
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  /** Inserts whole lines at a line start (adds the missing line break at the end of a file). */
  insertLines(at: number, lines: string): void {
    const needsBreak = at === this.source.length && at > 0 && !this.source.endsWith('\n') && !this.endBreakAdded;
    if (needsBreak) this.endBreakAdded = true;
    this.replace(at, at, (needsBreak ? this.eol : '') + lines);
  }

  /** The text with every edit applied; edits at the same place keep the order they were made in. */
  apply(): string {
    const sorted = [...this.edits].sort((a, b) => b.start - a.start || b.order - a.order);
    let text = this.source;
    let limit = Infinity;
    for (const edit of sorted) {
      if (edit.end > limit) throw new Error('internal: overlapping edits of the dictionary text');
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      limit = edit.start;
    }
    return text;
  }

  lineStart(offset: number): number {
    return this.source.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The offset just after the line break of the line holding `offset` (the end of the text on the last line). */
  lineEndAfter(offset: number): number {
    const at = this.source.indexOf('\n', Math.max(0, offset));
    return at === -1 ? this.source.length : at + 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** Only spaces (or a sequence dash) before `offset` on its line? */
  startsLine(offset: number): boolean {
    return this.source.slice(this.lineStart(offset), offset).trim() === '';
  }

  // --- Pairs of a mapping -------------------------------------------------------------

  /** Where the value of a pair ends (its key, when it has no value). */
  valueEnd(pair: AnyPair): number {
    return (pair.value as Node | null)?.range?.[1] ?? rangeOf(pair.key)[1];
  }

  /** Where the text of a pair ends: after the line holding the end of its value. */
  pairEnd(pair: AnyPair): number {
    return this.lineEndAfter(Math.max(this.valueEnd(pair) - 1, rangeOf(pair.key)[1]));
  }

  /** Replaces the value of a pair with a scalar written inline; a block value keeps its line break. */
  setScalar(pair: AnyPair, value: unknown): void {
    const node = pair.value as Node | null;
    if (!node?.range) throw new Error('internal: a value without a source range');
    const [start, end] = node.range;
    const old = this.source.slice(start, end);
    this.replace(start, end, (start === end ? ' ' : '') + renderInline(value) + (old.endsWith('\n') ? this.eol : ''));
  }

  /** Adds entries at the end of a mapping, in its own style (block lines, or inside `{ }`). */
  addEntries(map: YAMLMap, entries: Record<string, unknown>): void {
    if (Object.keys(entries).length === 0) return;
    const [start, end] = rangeOf(map);
    const last = map.items[map.items.length - 1] as AnyPair | undefined;
    if (map.flow) {
      const items = Object.entries(entries)
        .map(([k, v]) => `${renderInline(k)}: ${renderInline(v)}`)
        .join(', ');
      if (last) this.replace(this.valueEnd(last), this.valueEnd(last), `, ${items}`);
      else this.replace(this.source.lastIndexOf('}', end), this.source.lastIndexOf('}', end), ` ${items} `);
      return;
    }
    const indent = last ? this.column(rangeOf(last.key)[0]) : this.column(start);
    this.insertLines(last ? this.pairEnd(last) : this.lineEndAfter(start), renderEntries(entries, indent, this.eol));
  }

  /** Removes a pair with its line (comments on other lines stay). */
  deletePair(map: YAMLMap, pair: AnyPair): void {
    const index = map.items.indexOf(pair as never);
    const keyStart = rangeOf(pair.key)[0];
    const next = map.items[index + 1] as AnyPair | undefined;
    const valueEnd = this.valueEnd(pair);
    if (map.flow) {
      const previous = map.items[index - 1] as AnyPair | undefined;
      if (previous) this.replace(this.valueEnd(previous), valueEnd, '');
      else this.replace(keyStart, next ? rangeOf(next.key)[0] : valueEnd, '');
    } else if (this.startsLine(keyStart) && !/-\s*$/.test(this.source.slice(this.lineStart(keyStart), keyStart))) {
      this.replace(this.lineStart(keyStart), this.pairEnd(pair), '');
    } else if (next) {
      // The first entry of a list item (`- status: removed`): the next entry moves up after the dash.
      this.replace(keyStart, rangeOf(next.key)[0], '');
    } else {
      throw new Error('internal: cannot delete the only entry of a list item');
    }
  }

  /**
   * Replaces an empty value (`key:`, `key: ""`, `key: []`, `key: {}`) by a block under the key.
   * `block` is the text of the lines below, already indented.
   */
  fillEmptyValue(pair: AnyPair, block: string): void {
    const keyEnd = rangeOf(pair.key)[1];
    const node = pair.value as Node | null;
    const colon = this.source.indexOf(':', keyEnd);
    if (node?.range && node.range[1] > node.range[0]) this.replace(colon + 1, node.range[1], '');
    const lineEnd = this.lineEndAfter(Math.max(colon, (node?.range?.[1] ?? keyEnd) - 1));
    this.insertLines(lineEnd, block);
  }
}

/** The pair of a mapping with a plain key, if present. */
export function pairOf(map: YAMLMap, key: string): AnyPair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as AnyPair | undefined;
}

/** True for a value that holds nothing yet: null, "", [] or {}. */
export function isEmptyValue(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (isScalar(node)) return node.value === null || node.value === '';
  if (isMap(node)) return node.items.length === 0;
  return (node as { items?: unknown[] }).items?.length === 0;
}
