// One pass over a block-style YAML text, line by line, giving every key and sequence item with
// its key path and its range — the structure without a full parse. It is what keeps the outline
// and the checks of a huge document (a 5 MB data dictionary) quick: the `yaml` parser needs
// seconds for such a text, this pass a fraction of that. Flow collections ([..], {..}) are kept
// as opaque inline values; block scalars (| >) and multi-line plain scalars as text.
import { linesOf, shapeOf, type LineShape } from './yamlCursor';

export interface WalkEntry {
  /** The key (mapping entry) or index (sequence item). */
  name: string | number;
  kind: 'key' | 'item';
  /** 0-based line and columns of the key (or of the item's "-"). */
  line: number;
  start: number;
  end: number;
  /** The value written on the entry's own line (comment excluded), if any. */
  inline?: { start: number; end: number; text: string };
  /** The value's text lines below the entry (block scalar or continued plain scalar). */
  textLines?: string[];
  /** The value is a block scalar with this header (`|`, `>-` ...). */
  blockScalar?: string;
  /** Nested mapping or sequence under the entry, if any. */
  container?: 'map' | 'seq';
  children: WalkEntry[];
  /** The last line (0-based) with content of the entry, and the end column there. */
  lastLine: number;
  lastEnd: number;
}

/** Shared by every entry without children (most of them), to spare the garbage collector. */
const NO_CHILDREN: WalkEntry[] = [];

interface Container {
  column: number;
  kind: 'map' | 'seq';
  owner?: WalkEntry;
  entries: WalkEntry[];
  current?: WalkEntry;
  index: number;
}

/** The root entries of `text` (a root mapping's keys or a root sequence's items). */
export function walkYaml(text: string): WalkEntry[] {
  const lines = linesOf(text);
  const roots: WalkEntry[] = [];
  const stack: Container[] = [];
  const open: WalkEntry[] = [];
  let scalarColumn = -1;
  let scalarOwner: WalkEntry | undefined;
  let last = { line: 0, end: 0 };

  const closeDeeperThan = (depth: number) => {
    while (open.length > depth) {
      const entry = open.pop()!;
      if (entry.lastLine < 0) {
        entry.lastLine = last.line;
        entry.lastEnd = last.end;
      }
    }
  };
  const top = () => stack[stack.length - 1];
  const popContainer = () => {
    const container = stack.pop()!;
    if (container.current) closeEntry(container.current);
  };
  const closeEntry = (entry: WalkEntry) => {
    const at = open.indexOf(entry);
    if (at >= 0) closeDeeperThan(at);
  };
  const child = (column: number, kind: 'map' | 'seq'): Container => {
    const parent = top();
    const owner = parent?.current;
    if (owner) {
      owner.container = kind;
      if (owner.children === NO_CHILDREN) owner.children = [];
    }
    const container: Container = { column, kind, owner, entries: owner ? owner.children : roots, index: -1 };
    stack.push(container);
    return container;
  };
  const place = (column: number, kind: 'map' | 'seq'): Container => {
    while (top() && top().column > column) popContainer();
    const t = top();
    if (t && t.column === column) {
      if (t.kind === kind) return t;
      if (t.kind === 'map' && kind === 'seq' && t.current && !t.current.inline) return child(column, kind);
      popContainer();
      return place(column, kind);
    }
    return child(column, kind);
  };
  const addEntry = (
    container: Container,
    name: string | number,
    kind: WalkEntry['kind'],
    line: number,
    start: number,
    end: number,
  ) => {
    if (container.current) closeEntry(container.current);
    const full: WalkEntry = {
      name,
      kind,
      line,
      start,
      end,
      inline: undefined,
      children: NO_CHILDREN,
      lastLine: -1,
      lastEnd: 0,
    };
    container.entries.push(full);
    container.current = full;
    open.push(full);
    return full;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const shape: LineShape = shapeOf(line);
    if (shape.blank) continue;
    if (scalarColumn >= 0 && shape.indent > scalarColumn) {
      scalarOwner?.textLines?.push(line);
      last = { line: i, end: line.length };
      continue;
    }
    scalarColumn = -1;
    scalarOwner = undefined;
    if (shape.dashes.length === 0 && !shape.key) {
      // A continued plain scalar: text of the entry that is open deepest.
      const owner = open[open.length - 1];
      if (owner) (owner.textLines ??= []).push(line);
      last = { line: i, end: shape.value?.end ?? line.length };
      continue;
    }
    let entry: WalkEntry | undefined;
    shape.dashes.forEach((column, d) => {
      const container = d === 0 ? place(column, 'seq') : child(column, 'seq');
      container.index++;
      entry = addEntry(container, container.index, 'item', i, column, column + 1);
    });
    if (shape.key) {
      const container = shape.dashes.length === 0 ? place(shape.key.start, 'map') : child(shape.key.start, 'map');
      entry = addEntry(container, shape.key.name, 'key', i, shape.key.start, shape.key.end);
    }
    if (entry && shape.value) {
      entry.inline = { start: shape.value.start, end: shape.value.end, text: shape.value.text };
      if (shape.blockScalar) {
        entry.blockScalar = shape.value.text;
        entry.textLines = [];
        scalarColumn = shape.key ? shape.key.start : shape.dashes[shape.dashes.length - 1];
        scalarOwner = entry;
      }
    }
    last = { line: i, end: shape.value?.end ?? (shape.key ? shape.key.end + 1 : line.length) };
  }
  while (stack.length) popContainer();
  closeDeeperThan(0);
  return roots;
}

/** The value of an inline scalar as YAML 1.2's core schema reads it (flow collections: undefined). */
export function scalarValue(text: string): unknown {
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text);
    } catch {
      return text.slice(1, -1);
    }
  }
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (/^(null|Null|NULL|~)?$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(text)) return Number.NaN;
  return text;
}

/** The plain value of walked entries (a mapping's keys or a sequence's items), as a parser would give it. */
export function walkValue(entries: WalkEntry[], parseFlow: (text: string) => unknown): unknown {
  if (entries.length > 0 && entries[0].kind === 'item') return entries.map((e) => entryValue(e, parseFlow));
  const result: Record<string, unknown> = {};
  for (const entry of entries) result[String(entry.name)] = entryValue(entry, parseFlow);
  return result;
}

function entryValue(entry: WalkEntry, parseFlow: (text: string) => unknown): unknown {
  if (entry.container) return walkValue(entry.children, parseFlow);
  if (entry.blockScalar) return blockText(entry.blockScalar, entry.textLines ?? []);
  if (!entry.inline) return null;
  const text = entry.inline.text;
  if (
    text.startsWith('[') ||
    text.startsWith('{') ||
    text.startsWith('&') ||
    text.startsWith('*') ||
    text.startsWith('!')
  )
    return parseFlow(text);
  if (entry.textLines?.length) return [text, ...entry.textLines.map((l) => l.trim())].join(' ');
  return scalarValue(text);
}

function blockText(header: string, lines: string[]): string {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length), Infinity);
  const body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
  const text = header.startsWith('>') ? body.join(' ').replace(/ \n /g, '\n') : body.join('\n');
  return header.includes('-') ? text : `${text}\n`;
}
