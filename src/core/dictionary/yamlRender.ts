// How the dictionary writes YAML values: one style for a new document and for the pieces a
// re-draft splices into an existing one. Short lists and ranges go on one line, multi-line
// strings are double-quoted (a value stays on its line), and nothing is folded.
import { Document, isMap, isScalar, isSeq, stringify, visit, type ToStringOptions } from 'yaml';

export const TO_STRING: ToStringOptions = { lineWidth: 0, minContentWidth: 0 };

/**
 * Strings we always quote: multi-line ones (a value stays on its line) and dates, which YAML
 * 1.1 readers (PyYAML) would otherwise load as dates rather than the strings the schema wants.
 */
function needsQuotes(value: string): boolean {
  return /[\n\r]/.test(value) || /^\d{4}-\d{2}-\d{2}/.test(value);
}

/** Flow style for lists of scalars and for `range`, quotes for multi-line strings. */
export function styleDocument(doc: Document): void {
  visit(doc, {
    Seq(_key, node) {
      if (node.items.length > 0 && node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === 'range' && isMap(pair.value)) pair.value.flow = true;
    },
    Scalar(_key, node) {
      if (typeof node.value === 'string' && needsQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
}

function documentOf(value: unknown): Document {
  const doc = new Document(value);
  styleDocument(doc);
  return doc;
}

/** `text` with every non-empty line indented by `indent` spaces and ended with `eol`. */
export function indentLines(text: string, indent: number, eol: string): string {
  const pad = ' '.repeat(indent);
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line.length ? pad + line : line) + eol)
    .join('');
}

/** Block mapping entries (`key: value` lines) at an indentation. */
export function renderEntries(entries: Record<string, unknown>, indent: number, eol: string): string {
  return indentLines(documentOf(entries).toString(TO_STRING), indent, eol);
}

/** Block sequence items (`- ...` lines) at an indentation. */
export function renderItems(items: unknown[], indent: number, eol: string): string {
  return indentLines(documentOf(items).toString(TO_STRING), indent, eol);
}

/** One value written on a single line, in flow style (inside `{ }` or `[ ]`, or after a key). */
export function renderInline(value: unknown): string {
  if (typeof value === 'string' && (needsQuotes(value) || /[,[\]{}]/.test(value))) return JSON.stringify(value);
  if (value !== null && typeof value === 'object') {
    const doc = documentOf(value);
    if (isMap(doc.contents) || isSeq(doc.contents)) doc.contents.flow = true;
    return doc.toString(TO_STRING).trimEnd();
  }
  return stringify(value, TO_STRING).trimEnd();
}
