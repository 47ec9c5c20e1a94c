// Walking a JSON Schema the way an editor needs it: which schemas apply at a key path, which keys
// a mapping may have there, which values a key may take. $ref (#/definitions, #/$defs), allOf
// (merged), oneOf/anyOf (every branch is a possibility), patternProperties and
// additionalProperties are followed; nothing is validated here (ajv does that).

export type SchemaObject = Record<string, unknown>;
export type KeyPath = ReadonlyArray<string | number>;

const isObject = (v: unknown): v is SchemaObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema a JSON pointer ("#/definitions/x") names inside `root`. */
function byPointer(root: SchemaObject, ref: string): SchemaObject | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[segment] : undefined;
  }
  return isObject(node) ? node : undefined;
}

/** `schema` with its $ref followed; keywords written next to the $ref (a description) win. */
export function resolveRef(root: SchemaObject, schema: unknown, depth = 0): SchemaObject | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref !== 'string' || depth > 20) return schema;
  const { $ref, ...siblings } = schema;
  const target = resolveRef(root, byPointer(root, $ref as string), depth + 1);
  return target ? { ...target, ...siblings } : siblings;
}

/**
 * The plain alternatives a value may match: $ref followed, allOf merged in, and each oneOf/anyOf
 * branch (merged with the keywords around it) a separate alternative.
 */
export function alternatives(root: SchemaObject, schema: unknown, depth = 0): SchemaObject[] {
  const resolved = resolveRef(root, schema);
  if (!resolved || depth > 10) return resolved ? [resolved] : [];
  const { allOf, oneOf, anyOf, ...rest } = resolved;
  let base: SchemaObject = rest;
  if (Array.isArray(allOf)) {
    for (const part of allOf) for (const alt of alternatives(root, part, depth + 1)) base = mergeSchemas(base, alt);
  }
  const branches = [...(Array.isArray(oneOf) ? oneOf : []), ...(Array.isArray(anyOf) ? anyOf : [])];
  if (branches.length === 0) return [base];
  return branches.flatMap((branch) => alternatives(root, branch, depth + 1).map((alt) => mergeSchemas(base, alt)));
}

function mergeSchemas(a: SchemaObject, b: SchemaObject): SchemaObject {
  const merged: SchemaObject = { ...a, ...b };
  if (isObject(a.properties) && isObject(b.properties)) merged.properties = { ...a.properties, ...b.properties };
  if (Array.isArray(a.required) && Array.isArray(b.required))
    merged.required = [...new Set([...a.required, ...b.required])];
  if (typeof a.description === 'string' && typeof b.description !== 'string') merged.description = a.description;
  return merged;
}

/** The schemas of the child at `segment` (a key or an item index) of a value matching `schema`. */
export function childSchemas(root: SchemaObject, schema: unknown, segment: string | number): SchemaObject[] {
  const result: SchemaObject[] = [];
  for (const alt of alternatives(root, schema)) {
    if (typeof segment === 'number' || !allowsObject(alt)) {
      if (!allowsArray(alt)) continue;
      const items = alt.items;
      const index = typeof segment === 'number' ? segment : Number.NaN;
      if (Array.isArray(items)) {
        const item = Number.isInteger(index) && index < items.length ? items[index] : alt.additionalItems;
        if (isObject(item)) result.push(item);
      } else if (isObject(items)) {
        result.push(items);
      }
      continue;
    }
    result.push(...propertySchemas(alt, segment));
  }
  return result;
}

/** The schemas a key of an object schema must match: its property, matching patterns, or additionalProperties. */
function propertySchemas(schema: SchemaObject, key: string): SchemaObject[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  if (Object.prototype.hasOwnProperty.call(properties, key) && isObject(properties[key]))
    return [properties[key] as SchemaObject];
  const matched = Object.entries(isObject(schema.patternProperties) ? schema.patternProperties : {})
    .filter(([pattern, sub]) => isObject(sub) && safeTest(pattern, key))
    .map(([, sub]) => sub as SchemaObject);
  if (matched.length) return matched;
  return isObject(schema.additionalProperties) ? [schema.additionalProperties] : [];
}

export function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

function typesOf(schema: SchemaObject): string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  return undefined;
}

export function allowsObject(schema: SchemaObject): boolean {
  const types = typesOf(schema);
  return types
    ? types.includes('object')
    : isObject(schema.properties) || isObject(schema.patternProperties) || isObject(schema.additionalProperties);
}

export function allowsArray(schema: SchemaObject): boolean {
  const types = typesOf(schema);
  return types ? types.includes('array') : schema.items !== undefined;
}

/** The schemas that apply at a key path of a document valid against `root` (empty: nothing known). */
export function schemasAt(root: SchemaObject, path: KeyPath): SchemaObject[] {
  let current: SchemaObject[] = [root];
  for (const segment of path) {
    current = current.flatMap((s) => childSchemas(root, s, segment));
    if (current.length === 0) break;
  }
  return current;
}

export interface KeyInfo {
  key: string;
  schema: SchemaObject;
  required: boolean;
}

/** The named keys a mapping matching any of `schemas` may have (oneOf/anyOf: the union), in schema order. */
export function keysOf(root: SchemaObject, schemas: SchemaObject[]): KeyInfo[] {
  const byKey = new Map<string, KeyInfo>();
  for (const alt of schemas.flatMap((s) => alternatives(root, s))) {
    if (!allowsObject(alt) || !isObject(alt.properties)) continue;
    const required = new Set(Array.isArray(alt.required) ? alt.required : []);
    for (const [key, sub] of Object.entries(alt.properties)) {
      const resolved = resolveRef(root, sub) ?? {};
      const known = byKey.get(key);
      if (!known) byKey.set(key, { key, schema: resolved, required: required.has(key) });
      else if (required.has(key)) known.required = true;
    }
  }
  return [...byKey.values()];
}

/** The patternProperties of the mappings, as (pattern, schema) pairs. */
export function patternKeysOf(
  root: SchemaObject,
  schemas: SchemaObject[],
): Array<{ pattern: string; schema: SchemaObject }> {
  return schemas
    .flatMap((s) => alternatives(root, s))
    .flatMap((alt) =>
      Object.entries(isObject(alt.patternProperties) ? alt.patternProperties : {}).map(([pattern, sub]) => ({
        pattern,
        schema: resolveRef(root, sub) ?? {},
      })),
    );
}

export interface ValueChoice {
  value: unknown;
  /** What the value means, when the schema says so (enumDescriptions, or a oneOf branch's description). */
  meaning?: string;
  source: 'enum' | 'const' | 'boolean' | 'default' | 'example';
}

/** The values worth proposing for a value matching any of `schemas`: enum, const, booleans, default, examples. */
export function valueChoices(root: SchemaObject, schemas: SchemaObject[]): ValueChoice[] {
  const choices: ValueChoice[] = [];
  const seen = new Set<string>();
  const add = (choice: ValueChoice) => {
    const id = JSON.stringify(choice.value);
    if (seen.has(id)) return;
    seen.add(id);
    choices.push(choice);
  };
  const alts = schemas.flatMap((s) => alternatives(root, s));
  for (const alt of alts) {
    if (Array.isArray(alt.enum)) {
      const meanings = Array.isArray(alt.markdownEnumDescriptions)
        ? alt.markdownEnumDescriptions
        : alt.enumDescriptions;
      alt.enum.forEach((value, i) =>
        add({
          value,
          meaning: Array.isArray(meanings) && typeof meanings[i] === 'string' ? meanings[i] : undefined,
          source: 'enum',
        }),
      );
    }
    if ('const' in alt)
      add({
        value: alt.const,
        meaning: typeof alt.description === 'string' && alts.length > 1 ? alt.description : undefined,
        source: 'const',
      });
  }
  for (const alt of alts) {
    if (typesOf(alt)?.includes('boolean') && !Array.isArray(alt.enum)) {
      add({ value: true, source: 'boolean' });
      add({ value: false, source: 'boolean' });
    }
  }
  for (const alt of alts)
    if ('default' in alt && !isObject(alt.default) && !Array.isArray(alt.default))
      add({ value: alt.default, source: 'default' });
  for (const alt of alts) {
    if (Array.isArray(alt.examples))
      for (const value of alt.examples)
        if (!isObject(value) && !Array.isArray(value)) add({ value, source: 'example' });
  }
  return choices;
}

/** A short name of what a schema accepts: "integer (2 to 100)", "one of: a, b", "list of objects". */
export function typeLabel(root: SchemaObject, schema: SchemaObject): string {
  const labels = [...new Set(alternatives(root, schema).map((alt) => altLabel(root, alt)))];
  return labels.join(' | ') || 'any';
}

function altLabel(root: SchemaObject, alt: SchemaObject): string {
  if (Array.isArray(alt.enum)) return `one of: ${alt.enum.map((v) => yamlScalar(v)).join(', ')}`;
  if ('const' in alt) return `always ${yamlScalar(alt.const)}`;
  const types = typesOf(alt) ?? (allowsObject(alt) ? ['object'] : allowsArray(alt) ? ['array'] : []);
  return (
    types
      .map((t) => {
        if (t === 'array') {
          const items = alternatives(root, alt.items);
          const itemTypes = [...new Set(items.flatMap((i) => typesOf(i) ?? (allowsObject(i) ? ['object'] : [])))];
          return itemTypes.length ? `list of ${itemTypes.map((x) => `${x}s`).join(' or ')}` : 'list';
        }
        if (t === 'number' || t === 'integer') {
          const min = alt.minimum ?? alt.exclusiveMinimum;
          const max = alt.maximum ?? alt.exclusiveMaximum;
          if (typeof min === 'number' && typeof max === 'number') return `${t} (${min} to ${max})`;
          if (typeof min === 'number') return `${t} (${'exclusiveMinimum' in alt ? '>' : '≥'} ${min})`;
          if (typeof max === 'number') return `${t} (${'exclusiveMaximum' in alt ? '<' : '≤'} ${max})`;
        }
        return t;
      })
      .join(' | ') || 'any'
  );
}

/** A value written as YAML would show it in a plain mapping: `median`, `0.2`, `"yes"` (quoted when plain would change it). */
export function yamlScalar(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  const plainIsSafe =
    /^[A-Za-z_][\w .\/()-]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|null|~)$/i.test(value);
  return plainIsSafe ? value : JSON.stringify(value);
}
