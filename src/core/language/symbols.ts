// The outline of a YAML document: its mappings and sequences as nested symbols with their
// ranges. Sequence items are named by their `name` / `column` / `metric` / `kind` / `id` field
// when they have one. Built from the line walk (yamlCursorWalk), so a huge document is outlined
// in a fraction of a second; shallow levels are filled first, up to a symbol budget (deeper
// levels are left out once it is spent).
import type { SymbolEntry } from './languageTypes';
import { scalarValue, walkYaml, type WalkEntry } from './yamlCursorWalk';

export interface SymbolOptions {
  /** At most this many symbols in all (default 5000). */
  maxSymbols?: number;
  /** At most this many levels (default 12). */
  maxDepth?: number;
}

const NAME_FIELDS = ['name', 'column', 'metric', 'kind', 'id', 'item', 'title'];

/** The outline of `text` (empty when it has no mapping or sequence). */
export function documentSymbols(text: string, options: SymbolOptions = {}): SymbolEntry[] {
  const maxSymbols = options.maxSymbols ?? 5000;
  const maxDepth = options.maxDepth ?? 12;
  let budget = maxSymbols;
  const top: SymbolEntry[] = [];
  // Breadth first: every level is complete before a deeper one starts.
  let level: Array<{ entries: WalkEntry[]; into: SymbolEntry[] }> = [{ entries: walkYaml(text), into: top }];
  for (let depth = 0; depth < maxDepth && level.length > 0 && budget > 0; depth++) {
    const next: typeof level = [];
    for (const { entries, into } of level) {
      for (const entry of entries) {
        if (budget <= 0) break;
        budget--;
        const symbol = symbolOf(entry);
        into.push(symbol);
        if (entry.children.length) next.push({ entries: entry.children, into: symbol.children });
      }
    }
    level = next;
  }
  return top;
}

const at = (line: number, column: number) => ({ line: line + 1, column: column + 1 });

function symbolOf(entry: WalkEntry): SymbolEntry {
  let name = String(entry.name);
  let detail: string | undefined;
  if (entry.kind === 'item') {
    name = `[${entry.name}]`;
    const field =
      entry.container === 'map'
        ? NAME_FIELDS.map((f) => entry.children.find((c) => c.name === f && c.inline)).find(Boolean)
        : undefined;
    const label = field?.inline
      ? String(scalarValue(field.inline.text))
      : entry.inline && !entry.blockScalar
        ? String(scalarValue(entry.inline.text))
        : undefined;
    if (label) {
      detail = field && field.name !== 'name' ? `${field.name} · [${entry.name}]` : `[${entry.name}]`;
      name = label.length > 80 ? `${label.slice(0, 77)}...` : label;
    }
  } else if (entry.inline && !entry.blockScalar) {
    const text = entry.inline.text;
    detail = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  }
  const selectionEnd = entry.kind === 'item' ? firstLineEnd(entry) : entry.end;
  return {
    name: name === '' ? '""' : name,
    detail,
    kind: kindOf(entry),
    start: at(entry.line, entry.start),
    end: at(entry.lastLine, entry.lastEnd),
    selectionStart: at(entry.line, entry.start),
    selectionEnd: at(entry.line, selectionEnd),
    children: [],
  };
}

/** An item's selection: its first line (the "-" and what follows it there). */
function firstLineEnd(entry: WalkEntry): number {
  const first = entry.children[0];
  if (first && first.line === entry.line) return first.inline?.end ?? first.end;
  return entry.inline?.end ?? entry.end;
}

function kindOf(entry: WalkEntry): SymbolEntry['kind'] {
  if (entry.container === 'map') return 'object';
  if (entry.container === 'seq') return 'array';
  if (!entry.inline) return 'null';
  if (entry.blockScalar) return 'string';
  const text = entry.inline.text;
  if (text.startsWith('[')) return 'array';
  if (text.startsWith('{')) return 'object';
  const value = scalarValue(text);
  if (value === null) return 'null';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}
