// Where in a YAML document's structure a cursor is, read from indentation alone so it works on
// the half-typed text an editor holds (`  kp`, `task: `, a line of spaces) where a parser sees
// errors or a different structure. Block-style YAML (what our documents use) is understood:
// mappings, sequences (also `- - x` and sequences at their key's column), block scalars (| >),
// quoted keys and comments; flow collections count as opaque values.
import type { Position } from '../yaml/yamlDocument';
import type { KeyPath } from './schemaFeaturesNavigate';

interface Span {
  start: number;
  end: number;
}

/** One line, cut into its structural parts (0-based columns). */
export interface LineShape {
  indent: number;
  /** Empty, a comment or a document marker. */
  blank: boolean;
  /** Columns of the "- " sequence item markers, left to right. */
  dashes: number[];
  /** Where the content after the markers starts. */
  contentStart: number;
  key?: Span & { name: string };
  /** The value after the key's colon (or the item's scalar), comment and blanks trimmed off. */
  value?: Span & { text: string };
  /** The value opens a block scalar (| or >): deeper lines are its text. */
  blockScalar: boolean;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/** The end (exclusive) of the quoted scalar starting at `from`, or -1 when unclosed on this line. */
function quotedEnd(line: string, from: number): number {
  const quote = line[from];
  for (let i = from + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

function unquote(raw: string): string {
  try {
    if (raw.startsWith('"')) return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
  return raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
}

/** The value text starting at `from`: up to a comment, blanks trimmed. */
function valueSpan(line: string, from: number): (Span & { text: string }) | undefined {
  let start = from;
  while (isBlank(line[start])) start++;
  if (start >= line.length || line[start] === '#') return undefined;
  let end = line.length;
  let scanFrom = start;
  if (line[start] === '"' || line[start] === "'") {
    const closed = quotedEnd(line, start);
    scanFrom = closed < 0 ? line.length : closed;
  }
  const comment = line.slice(scanFrom).search(/[ \t]#/);
  if (comment >= 0) end = scanFrom + comment;
  while (end > start && isBlank(line[end - 1])) end--;
  return { start, end, text: line.slice(start, end) };
}

export function shapeOf(line: string): LineShape {
  let indent = 0;
  while (line[indent] === ' ') indent++;
  const rest = line.slice(indent);
  const shape: LineShape = { indent, blank: false, dashes: [], contentStart: indent, blockScalar: false };
  if (rest.trim() === '' || rest.startsWith('#') || (indent === 0 && /^(---|\.\.\.)(\s|$)/.test(rest))) {
    shape.blank = true;
    return shape;
  }
  let pos = indent;
  while (line[pos] === '-' && (pos + 1 === line.length || isBlank(line[pos + 1]))) {
    shape.dashes.push(pos);
    pos++;
    while (isBlank(line[pos])) pos++;
  }
  shape.contentStart = pos;
  if (pos >= line.length || line[pos] === '#') return shape;
  let keyEnd = -1;
  let colon = -1;
  if (line[pos] === '"' || line[pos] === "'") {
    const closed = quotedEnd(line, pos);
    let after = closed;
    while (closed > 0 && isBlank(line[after])) after++;
    if (closed > 0 && line[after] === ':' && (after + 1 === line.length || isBlank(line[after + 1]))) {
      keyEnd = closed;
      colon = after;
    }
  } else if (line[pos] !== '[' && line[pos] !== '{' && line[pos] !== '|' && line[pos] !== '>') {
    for (let i = pos; i < line.length; i++) {
      if (line[i] === '#' && isBlank(line[i - 1])) break;
      if (line[i] === ':' && (i + 1 === line.length || isBlank(line[i + 1]))) {
        colon = i;
        keyEnd = i;
        while (keyEnd > pos && isBlank(line[keyEnd - 1])) keyEnd--;
        break;
      }
    }
  }
  if (colon >= 0) {
    shape.key = { start: pos, end: keyEnd, name: unquote(line.slice(pos, keyEnd)) };
    shape.value = valueSpan(line, colon + 1);
  } else {
    shape.value = valueSpan(line, pos);
  }
  shape.blockScalar = !!shape.value && /^[|>][-+0-9]*$/.test(shape.value.text);
  return shape;
}

/** The lines of a text (without their line breaks). */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}

/** Leading spaces of a line, or -1 when it is blank or only a comment (cheap: no full shape). */
function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  const c = line.charCodeAt(i);
  if (Number.isNaN(c) || c === 35 /* # */ || (line.length - i < 2 && /^\s*$/.test(line.slice(i)))) return -1;
  return line.slice(i).trim() === '' ? -1 : i;
}

interface Frame {
  column: number;
  kind: 'map' | 'seq';
  key?: string;
}

/** The structural parts of a line, outermost first: its "- " markers, then its key. */
function framesOf(shape: LineShape): Frame[] {
  const frames: Frame[] = shape.dashes.map((column) => ({ column, kind: 'seq' }));
  if (shape.key) frames.push({ column: shape.key.start, kind: 'map', key: shape.key.name });
  return frames;
}

interface Located {
  /** Key path of the node. */
  path: Array<string | number>;
  /** A mapping's keys on the lines above the start line (when asked for). */
  keysAbove: string[];
  /** A sequence's number of items above the start line. */
  itemsAbove: number;
}

/**
 * The key path of the node (a mapping or a sequence) at `target.column` on line `lineIndex`,
 * found by walking up the lines: siblings at the same column, parents at smaller ones.
 * `leftFrames` are the markers/keys left of the target on its own line (its nearest parents).
 * Lines deeper than the node are skipped unread, so this stays fast on huge documents.
 */
function locate(lines: string[], lineIndex: number, target: Frame, leftFrames: Frame[], collectKeys: boolean): Located {
  const segments: Array<string | { items: number }> = [];
  const own = { items: 0 };
  let counter = own;
  let current: Frame = { column: target.column, kind: target.kind };
  let innermost = true;
  const keysAbove: string[] = [];
  const becomeChildOf = (frame: Frame) => {
    if (frame.kind === 'map') segments.push(frame.key ?? '');
    else {
      counter = { items: 0 };
      segments.push(counter);
    }
    current = { column: frame.column, kind: frame.kind };
    innermost = false;
  };
  for (let f = leftFrames.length - 1; f >= 0; f--) becomeChildOf(leftFrames[f]);

  for (let i = lineIndex - 1; i >= 0; i--) {
    if (current.column === 0 && current.kind === 'map' && !(innermost && collectKeys)) break;
    const indent = indentOf(lines[i]);
    if (indent < 0 || indent > current.column) continue;
    const frames = framesOf(shapeOf(lines[i]));
    for (let f = frames.length - 1; f >= 0; f--) {
      const frame = frames[f];
      if (frame.column > current.column) continue;
      if (frame.column < current.column) {
        becomeChildOf(frame);
      } else if (frame.kind === current.kind) {
        if (frame.kind === 'seq') counter.items++;
        else if (innermost && collectKeys && frame.key !== undefined) keysAbove.push(frame.key);
      } else if (current.kind === 'seq' && frame.kind === 'map') {
        becomeChildOf(frame); // "key:\n- item": a sequence at its key's column
      } else {
        break; // a dash at a mapping's column: the sequence of a sibling key
      }
    }
  }
  const path = segments.reverse().map((s) => (typeof s === 'string' ? s : s.items));
  return { path, keysAbove: keysAbove.reverse(), itemsAbove: own.items };
}

/** Whether a line indented by `indent` (below `lineIndex`) is inside a block scalar (| or >). */
function insideBlockScalar(lines: string[], lineIndex: number, indent: number): boolean {
  for (let i = lineIndex - 1; i >= 0; i--) {
    const lineIndent = indentOf(lines[i]);
    if (lineIndent < 0 || lineIndent >= indent) continue;
    const shape = shapeOf(lines[i]);
    if (!shape.key && shape.dashes.length === 0) continue; // a scalar's text
    return shape.blockScalar;
  }
  return false;
}

/** Keys at exactly `column` on the lines after `lineIndex`, until the mapping ends (a shallower line). */
function keysBelow(lines: string[], lineIndex: number, column: number): string[] {
  const keys: string[] = [];
  for (let i = lineIndex + 1; i < lines.length; i++) {
    const indent = indentOf(lines[i]);
    if (indent < 0 || indent > column) continue;
    if (indent < column) break;
    const shape = shapeOf(lines[i]);
    if (shape.dashes.length > 0) break;
    if (shape.key) keys.push(shape.key.name);
  }
  return keys;
}

/** The column where the line's comment starts, or -1. */
function commentStart(line: string, shape: LineShape): number {
  if (shape.blank) return line.trimStart().startsWith('#') ? line.indexOf('#') : -1;
  const from = shape.value?.end ?? (shape.key ? shape.key.end : shape.contentStart);
  const at = line.slice(from).search(/(^|[ \t])#/);
  if (at < 0) return -1;
  return line.indexOf('#', from + at);
}

const pos = (line: number, column0: number): Position => ({ line, column: column0 + 1 });

export interface KeyCursor {
  kind: 'key';
  /** The mapping the key being typed belongs to. */
  path: KeyPath;
  /** The keys the mapping already has (the one under the cursor excluded). */
  presentKeys: string[];
  /** Typed so far, and the whole word the completion replaces. */
  word: string;
  replace: { start: Position; end: Position };
  /** The line already has the key's colon after the word. */
  hasColon: boolean;
  /** The key's column (0-based), for indenting what is inserted below it. */
  keyColumn: number;
  /** The word directly follows "- ": it may also be a scalar item of the sequence at this path. */
  itemPath?: KeyPath;
}

export interface ValueCursor {
  kind: 'value';
  /** The path of the value being typed (the key's path, or the sequence item's). */
  path: KeyPath;
  word: string;
  replace: { start: Position; end: Position };
  /** The cursor is right after the colon: a value needs a blank before it. */
  needsSpace: boolean;
}

export type CursorContext = KeyCursor | ValueCursor;

const dashFrames = (shape: LineShape): Frame[] => shape.dashes.map((column) => ({ column, kind: 'seq' }));

/** The path of a scalar item on a line whose last "- " marker is its own. */
function itemPathOf(lines: string[], lineIndex: number, shape: LineShape): Array<string | number> {
  const dashes = dashFrames(shape);
  const own = dashes[dashes.length - 1];
  const located = locate(lines, lineIndex, own, dashes.slice(0, -1), false);
  return [...located.path, located.itemsAbove];
}

/** What is being typed at `position` (1-based), and where in the document's structure; undefined inside a block scalar or a comment. */
export function cursorContext(text: string, position: Position): CursorContext | undefined {
  const lines = linesOf(text);
  const lineIndex = position.line - 1;
  if (lineIndex < 0 || lineIndex >= lines.length) return undefined;
  const full = lines[lineIndex];
  const col = Math.min(Math.max(position.column - 1, 0), full.length);
  const prefix = full.slice(0, col);
  const shape = shapeOf(prefix);
  const fullShape = shapeOf(full);
  if (insideBlockScalar(lines, lineIndex, /\S/.test(prefix) ? shape.indent : col)) return undefined;
  const comment = commentStart(full, fullShape);
  if (comment >= 0 && col > comment) return undefined;

  if (shape.key) {
    const located = locate(lines, lineIndex, { column: shape.key.start, kind: 'map' }, dashFrames(shape), false);
    const path = [...located.path, shape.key.name];
    const colonAt = prefix.indexOf(':', shape.key.end);
    const start = shape.value?.start ?? col;
    const fullValue = fullShape.key?.start === shape.key.start ? fullShape.value : undefined;
    const end = fullValue && fullValue.end > start ? fullValue.end : col;
    return {
      kind: 'value',
      path,
      word: prefix.slice(start),
      replace: { start: pos(position.line, start), end: pos(position.line, end) },
      needsSpace: col === colonAt + 1,
    };
  }

  // Key (or scalar item) being typed: the word before the cursor and the rest of it after.
  const typed = prefix.slice(shape.contentStart);
  if (!/^[^\s:#]*$/.test(typed)) {
    // A scalar item being typed after "- " (it may contain blanks).
    if (shape.dashes.length === 0) return undefined;
    const end =
      fullShape.value && fullShape.value.start === shape.contentStart ? Math.max(fullShape.value.end, col) : col;
    return {
      kind: 'value',
      path: itemPathOf(lines, lineIndex, shape),
      word: typed,
      replace: { start: pos(position.line, shape.contentStart), end: pos(position.line, end) },
      needsSpace: false,
    };
  }
  const keyColumn = shape.blank && shape.dashes.length === 0 ? col : shape.contentStart;
  const after = full.slice(col).match(/^[^\s:#]*/)?.[0] ?? '';
  const hasColon = /^\s*:(\s|$)/.test(full.slice(col + after.length));
  const located = locate(
    lines,
    lineIndex,
    { column: keyColumn, kind: 'map' },
    dashFrames(shape),
    shape.dashes.length === 0,
  );
  return {
    kind: 'key',
    path: located.path,
    presentKeys: [...located.keysAbove, ...keysBelow(lines, lineIndex, keyColumn)],
    word: typed,
    replace: { start: pos(position.line, keyColumn), end: pos(position.line, col + after.length) },
    hasColon,
    keyColumn,
    itemPath: shape.dashes.length > 0 ? itemPathOf(lines, lineIndex, shape) : undefined,
  };
}

export interface NodeAtCursor {
  /** The key path of the key or value under the cursor. */
  path: KeyPath;
  /** 'key': the cursor is on a key; 'value': on a scalar value (of a key or a sequence item). */
  part: 'key' | 'value';
  text: string;
  start: Position;
  end: Position;
}

/** The key or scalar value under `position` (1-based), with its path; undefined on blanks, comments and structure. */
export function nodeAt(text: string, position: Position): NodeAtCursor | undefined {
  const lines = linesOf(text);
  const lineIndex = position.line - 1;
  if (lineIndex < 0 || lineIndex >= lines.length) return undefined;
  const full = lines[lineIndex];
  const col = position.column - 1;
  const shape = shapeOf(full);
  if (shape.blank || (!shape.key && shape.dashes.length === 0)) return undefined;
  if (insideBlockScalar(lines, lineIndex, shape.indent)) return undefined;
  const within = (span: Span) => col >= span.start && col <= span.end;
  const keyPath = () => [
    ...locate(lines, lineIndex, { column: shape.key!.start, kind: 'map' }, dashFrames(shape), false).path,
    shape.key!.name,
  ];
  if (shape.key && within(shape.key)) {
    return {
      path: keyPath(),
      part: 'key',
      text: shape.key.name,
      start: pos(position.line, shape.key.start),
      end: pos(position.line, shape.key.end),
    };
  }
  if (shape.value && within(shape.value)) {
    const path = shape.key ? keyPath() : itemPathOf(lines, lineIndex, shape);
    return {
      path,
      part: 'value',
      text: shape.value.text,
      start: pos(position.line, shape.value.start),
      end: pos(position.line, shape.value.end),
    };
  }
  return undefined;
}
