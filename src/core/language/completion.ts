// Completion from a JSON Schema: the keys a mapping may still take (with their type, whether
// they are required, and their description, default and examples), and the values a key may take
// (enum values with their meaning, const, booleans, default, examples). The cursor's place in the
// document comes from yamlCursor, so half-typed text works.
import type { Position } from '../yaml/yamlDocument';
import type { CompletionEntry } from './languageTypes';
import {
  allowsArray,
  allowsObject,
  alternatives,
  keysOf,
  patternKeysOf,
  schemasAt,
  typeLabel,
  valueChoices,
  yamlScalar,
  type KeyInfo,
  type SchemaObject,
} from './schemaFeaturesNavigate';
import { describeSchema } from './hover';
import { cursorContext, type KeyCursor, type ValueCursor } from './yamlCursor';

/** What may be written at `position` (1-based) of `text`, by `schema`. */
export function completions(text: string, position: Position, schema: object): CompletionEntry[] {
  const root = schema as SchemaObject;
  const cursor = cursorContext(text, position);
  if (!cursor) return [];
  if (cursor.kind === 'value') return valueEntries(root, cursor);
  const keys = keyEntries(root, cursor);
  // After "- ": the item may be a mapping (its keys) or a scalar (its values).
  if (cursor.itemPath)
    return [
      ...keys,
      ...valueEntries(root, {
        kind: 'value',
        path: cursor.itemPath,
        word: cursor.word,
        replace: cursor.replace,
        needsSpace: false,
      }),
    ];
  return keys;
}

function keyEntries(root: SchemaObject, cursor: KeyCursor): CompletionEntry[] {
  const schemas = schemasAt(root, cursor.path);
  const present = new Set(cursor.presentKeys);
  const entries = keysOf(root, schemas)
    .filter((k) => !present.has(k.key))
    .map((k) => keyEntry(root, k, cursor));
  // Required keys first, then the schema's order.
  entries.sort(
    (a, b) => Number(b.detail?.includes('required') ?? false) - Number(a.detail?.includes('required') ?? false),
  );
  for (const { pattern, schema } of patternKeysOf(root, schemas)) {
    const prefix = pattern.match(/^\^([\w-]+)$/)?.[1] ?? pattern.match(/^\^([\w-]+)/)?.[1];
    if (!prefix) continue;
    entries.push({
      label: `${prefix}…`,
      kind: 'snippet',
      detail: `any key starting with "${prefix}"`,
      documentation: typeof schema.description === 'string' ? schema.description : undefined,
      insertText: cursor.hasColon ? `${prefix}\${1:name}` : `${prefix}\${1:name}: $0`,
      snippet: true,
      replace: cursor.replace,
    });
  }
  return entries;
}

function keyEntry(root: SchemaObject, info: KeyInfo, cursor: KeyCursor): CompletionEntry {
  const { text, snippet } = cursor.hasColon
    ? { text: escapeSnippet(info.key), snippet: false }
    : keyInsertText(root, info);
  return {
    label: info.key,
    kind: 'property',
    detail: `${typeLabel(root, info.schema)}${info.required ? ' (required)' : ''}`,
    documentation: describeSchema(root, info.schema),
    insertText: snippet ? text : cursor.hasColon ? info.key : text,
    snippet,
    replace: cursor.replace,
  };
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/**
 * What inserting a key writes: `key: ` plus a value to fill in. Lines below the key are indented
 * relative to it (the editor adds the key's own indentation, as VS Code does for snippets).
 */
function keyInsertText(root: SchemaObject, info: KeyInfo): { text: string; snippet: boolean } {
  const key = escapeSnippet(/^[\w.-]+$/.test(info.key) ? info.key : JSON.stringify(info.key));
  const alts = alternatives(root, info.schema);
  const choices = valueChoices(root, [info.schema]).filter((c) => c.source !== 'example');
  if (alts.length > 0 && alts.every((a) => 'const' in a))
    return { text: `${key}: ${escapeSnippet(yamlScalar(alts[0].const))}`, snippet: true };
  const enums = choices.filter((c) => c.source === 'enum' || c.source === 'boolean' || c.source === 'const');
  const closed = (a: SchemaObject) => Array.isArray(a.enum) || 'const' in a || a.type === 'boolean';
  if (enums.length > 0 && alts.every(closed)) {
    const fallback = choices.find((c) => c.source === 'default');
    const ordered = fallback
      ? [fallback, ...enums.filter((c) => JSON.stringify(c.value) !== JSON.stringify(fallback.value))]
      : enums;
    return {
      text: `${key}: \${1|${ordered.map((c) => yamlScalar(c.value).replace(/[,|\\$}]/g, (x) => `\\${x}`)).join(',')}|}`,
      snippet: true,
    };
  }
  if (alts.length > 0 && alts.every((a) => allowsArray(a) && !allowsObject(a)))
    return { text: `${key}:\n  - $0`, snippet: true };
  if (alts.length > 0 && alts.every((a) => allowsObject(a) && !allowsArray(a)))
    return { text: `${key}:\n  $0`, snippet: true };
  const fallback = choices.find((c) => c.source === 'default');
  if (fallback) return { text: `${key}: \${1:${escapeSnippet(yamlScalar(fallback.value))}}`, snippet: true };
  return { text: `${key}: $0`, snippet: true };
}

function valueEntries(root: SchemaObject, cursor: ValueCursor): CompletionEntry[] {
  const schemas = schemasAt(root, cursor.path);
  const space = cursor.needsSpace ? ' ' : '';
  return valueChoices(root, schemas).map((choice) => {
    const text = yamlScalar(choice.value);
    const detail =
      choice.meaning ??
      (choice.source === 'default'
        ? 'default'
        : choice.source === 'example'
          ? 'example'
          : schemas.length
            ? typeLabel(root, schemas[0])
            : undefined);
    return {
      label: typeof choice.value === 'string' ? choice.value : text,
      kind: 'value' as const,
      detail: detail && detail.length > 120 ? `${detail.slice(0, 117)}...` : detail,
      documentation: choice.meaning ?? describeFirst(root, schemas),
      insertText: space + text,
      replace: cursor.replace,
    };
  });
}

function describeFirst(root: SchemaObject, schemas: SchemaObject[]): string | undefined {
  return schemas.length ? describeSchema(root, schemas[0]) : undefined;
}
