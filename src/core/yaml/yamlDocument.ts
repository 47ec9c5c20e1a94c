// Parsing YAML documents while keeping positions, so every problem we report can name the
// file, line and column the user has to look at.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A 1-based position in a text file, as editors show it. */
export interface Position {
  line: number;
  column: number;
}

export interface Problem {
  message: string;
  /** Where the problem is; the start of the file when the whole document is at fault. */
  start: Position;
  end: Position;
  severity: 'error' | 'warning';
  /** The path of keys to the offending value, e.g. ["datasets", "train"]. */
  path: Array<string | number>;
}

export interface ParsedYaml {
  /** The document as plain data; undefined when the text is not YAML at all. */
  value: unknown;
  /** Syntax errors and warnings from the parser, with positions. */
  problems: Problem[];
  /** The range of the value at a key path (or of its closest existing parent). */
  rangeOf(path: ReadonlyArray<string | number>, preferKey?: boolean): { start: Position; end: Position };
  /** The parsed document itself (nodes with offsets), for callers that need more than plain data. */
  document: Document.Parsed;
  /** The 1-based position of a character offset of the text. */
  positionAt(offset: number): Position;
}

const FILE_START: Position = { line: 1, column: 1 };

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const rangeOfOffsets = (range: readonly [number, number, number?] | undefined) =>
    range ? { start: toPosition(range[0]), end: toPosition(range[1]) } : { start: FILE_START, end: FILE_START };

  const problems: Problem[] = [
    ...doc.errors.map((e) => ({ e, severity: 'error' as const })),
    ...doc.warnings.map((e) => ({ e, severity: 'warning' as const })),
  ].map(({ e, severity }) => ({
    message: e.message.split('\n')[0],
    start: toPosition(e.pos[0]),
    end: toPosition(e.pos[1]),
    severity,
    path: [],
  }));

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    problems.push({
      message: (error as Error).message,
      start: FILE_START,
      end: FILE_START,
      severity: 'error',
      path: [],
    });
  }

  function rangeOf(path: ReadonlyArray<string | number>, preferKey = false) {
    let node: Node | null | undefined = doc.contents as Node | null;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value as Node | null;
        if (!node) return rangeOfOffsets(keyNode.range ?? undefined);
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        keyNode = undefined;
        node = node.items[segment] as Node;
      } else {
        break;
      }
    }
    const target = preferKey && keyNode ? keyNode : node;
    return rangeOfOffsets(target?.range ?? undefined);
  }

  return { value, problems, rangeOf, document: doc, positionAt: toPosition };
}

/** "line 3, column 5" — the way our messages name a place. */
export function formatPosition(file: string, at: Position): string {
  return `${file}:${at.line}:${at.column}`;
}
