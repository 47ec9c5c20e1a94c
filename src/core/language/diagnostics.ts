// Diagnostics of a YAML document against its JSON Schema: the parser's syntax errors (the parser
// recovers, so what follows an error is still checked), then the schema's errors, each on the
// exact key or value at fault, worded plainly (naming the allowed keys or values) and with the
// obvious fixes. ajv runs through src/core/yaml/schemaCheck; oneOf/anyOf errors are reduced to
// the branch the value was evidently meant to match.
import type { ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { pathOf, schemaErrors } from '../yaml/schemaCheck';
import { parseYaml, type Position } from '../yaml/yamlDocument';
import { nodeLocator, walkLocator, type Locator } from './diagnosticsLocate';
import type { DocumentDiagnostic, QuickFix } from './languageTypes';
import { nearest } from './quickFixes';
import { resolveRef, yamlScalar, type SchemaObject } from './schemaFeaturesNavigate';
import { walkValue, walkYaml } from './yamlCursorWalk';

export interface DiagnosticOptions {
  /** At most this many diagnostics; the last one then says how many more there are (default 100). */
  maxProblems?: number;
  /** Texts longer than this (characters) are checked from the line walk, not a full parse (default 500 000). */
  largeDocument?: number;
}

/** Syntax and schema problems of `text`, in document order. */
export function schemaDiagnostics(text: string, schema: object, options: DiagnosticOptions = {}): DocumentDiagnostic[] {
  const maxProblems = options.maxProblems ?? 100;
  if (text.length > (options.largeDocument ?? 500_000))
    return largeDocumentDiagnostics(text, schema as SchemaObject, maxProblems);
  const parsed = parseYaml(text);
  const diagnostics: DocumentDiagnostic[] = parsed.problems.map((p) => ({
    start: p.start,
    end: sameOrAfter(p.start, p.end),
    severity: p.severity,
    message: syntaxMessage(p.message),
    code: 'yaml-syntax',
  }));
  if (parsed.value !== undefined && parsed.document.contents !== null) {
    diagnostics.push(...schemaProblems(parsed.value, nodeLocator(text, parsed), schema as SchemaObject));
  }
  diagnostics.sort(byPosition);
  return capped(diagnostics, maxProblems);
}

const byPosition = (a: DocumentDiagnostic, b: DocumentDiagnostic) =>
  a.start.line - b.start.line || a.start.column - b.start.column;

/**
 * A huge document (a data dictionary of thousands of fields): the `yaml` parser would take
 * seconds, so its structure and values come from the line walk, and the schema check runs on
 * those. YAML syntax is not checked in full; an information diagnostic says so.
 */
function largeDocumentDiagnostics(text: string, root: SchemaObject, maxProblems: number): DocumentDiagnostic[] {
  const roots = walkYaml(text);
  const value = walkValue(roots, (flow) => {
    try {
      return parse(flow);
    } catch {
      return flow;
    }
  });
  const diagnostics = schemaProblems(value, walkLocator(roots), root).sort(byPosition);
  const megabytes = (text.length / 1_000_000).toFixed(1);
  return [
    {
      start: { line: 1, column: 1 },
      end: { line: 1, column: 2 },
      severity: 'information',
      message: `Large document (${megabytes} MB): checked against the schema line by line; YAML syntax errors are not all reported.`,
      code: 'large-document',
    },
    ...capped(diagnostics, maxProblems - 1),
  ];
}

function sameOrAfter(start: Position, end: Position): Position {
  return end.line > start.line || (end.line === start.line && end.column > start.column)
    ? end
    : { line: start.line, column: start.column + 1 };
}

function syntaxMessage(message: string): string {
  const text = message.replace(/ at line \d+, column \d+:?$/, '');
  return `YAML syntax error: ${text}${/[.!?]$/.test(text) ? '' : '.'}`;
}

function capped(diagnostics: DocumentDiagnostic[], max: number): DocumentDiagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const shown = diagnostics.slice(0, Math.max(max - 1, 0));
  const rest = diagnostics.length - shown.length;
  const first = diagnostics[shown.length];
  shown.push({
    start: first.start,
    end: first.end,
    severity: 'information',
    message: `${rest} more problem${rest === 1 ? '' : 's'} not shown (from this line on); fix the ones above first.`,
    code: 'too-many-problems',
  });
  return shown;
}

function schemaProblems(value: unknown, locator: Locator, root: SchemaObject): DocumentDiagnostic[] {
  const seen = new Set<string>();
  const result: DocumentDiagnostic[] = [];
  for (const error of reduceAlternatives(schemaErrors(value, root))) {
    if (error.keyword === 'if') continue;
    const diagnostic = toDiagnostic(error, locator, root);
    const id = `${diagnostic.start.line}:${diagnostic.start.column}:${diagnostic.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(diagnostic);
  }
  return result;
}

/**
 * For a failed oneOf/anyOf, keeps only the errors of the branch the value was meant for (its type
 * fits, fewest errors); when no branch's type fits, only the union's own error remains.
 */
export function reduceAlternatives(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  const unions = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (!kept.includes(union)) continue;
    const prefix = `${union.schemaPath}/`;
    const inside = kept.filter((e) => e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(union.instancePath));
    if (inside.length === 0) continue;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of inside) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const score = (list: ErrorObject[]) =>
      (list.some((e) => e.keyword === 'type' && e.instancePath === union.instancePath) ? 1e6 : 0) + list.length;
    const ranked = [...branches.values()].sort((a, b) => score(a) - score(b));
    const best = score(ranked[0]) < 1e6 && branches.size === countBranches(union) ? ranked[0] : undefined;
    kept = kept.filter((e) => !inside.includes(e) || best?.includes(e));
    if (best) kept = kept.filter((e) => e !== union);
  }
  return kept;
}

function countBranches(union: ErrorObject): number {
  return Array.isArray(union.schema) ? union.schema.length : 0;
}

function toDiagnostic(error: ErrorObject, locator: Locator, root: SchemaObject): DocumentDiagnostic {
  const path = pathOf(error);
  const base = { severity: 'error' as const, code: 'schema' };
  const label = where(path);
  const withFixes = (fixes: Array<QuickFix | undefined>) => {
    const present = fixes.filter((f): f is QuickFix => f !== undefined);
    return present.length ? { fixes: present } : {};
  };

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const parent = (error.parentSchema ?? {}) as SchemaObject;
      const known = Object.keys((parent.properties ?? {}) as object);
      const present = new Set(locator.keysAt(path.slice(0, -1)));
      const suggestion = nearest(
        key,
        known.filter((k) => !present.has(k)),
        (k) => k,
        1,
        2,
      )[0]?.candidate;
      const patterns = Object.keys((parent.patternProperties ?? {}) as object).map(patternWords);
      const allowed = [...known.map((k) => `"${k}"`), ...patterns].join(', ');
      const place = path.length > 1 ? ` in ${where(path.slice(0, -1))}` : '';
      return {
        ...base,
        ...(locator.keyRange(path) ?? locator.valueRange(path)),
        code: 'unknown-key',
        ...withFixes([suggestion ? locator.renameKey(path, suggestion) : undefined, locator.removeKey(path)]),
        message: `Unknown key "${key}"${place}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} ${allowed ? `Allowed keys: ${allowed}.` : 'No keys are allowed here.'}`,
      };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]) ?? [];
      const scalar = locator.scalarAt(path);
      const found = scalar === undefined ? error.data : scalar;
      const close =
        typeof found === 'string'
          ? nearest(found, allowed, (v) => String(v), 3)
          : allowed.slice(0, 3).map((candidate) => ({ candidate, distance: Infinity }));
      const fixes = close.map(({ candidate, distance }, i) =>
        locator.replaceValue(path, candidate, i === 0 && (distance <= 2 || allowed.length === 1)),
      );
      const foundText = found === null || found === undefined ? 'nothing' : yamlScalar(found);
      return {
        ...base,
        ...locator.valueRange(path),
        ...withFixes(fixes),
        message: `${label} must be one of: ${allowed.map(yamlScalar).join(', ')} (found ${foundText}).`,
      };
    }
    case 'const': {
      const allowed = error.params.allowedValue as unknown;
      return {
        ...base,
        ...locator.valueRange(path),
        ...withFixes([locator.replaceValue(path, allowed, true)]),
        message: `${label} must be ${yamlScalar(allowed)}.`,
      };
    }
    case 'type':
      return {
        ...base,
        ...locator.valueRange(path),
        message: `${label} must be ${typeWords(error.params.type)}, not ${valueWords(error.data)}.`,
      };
    case 'required': {
      const missing = String(error.params.missingProperty);
      const keySchema = (
        ((error.parentSchema ?? {}) as SchemaObject).properties as Record<string, SchemaObject> | undefined
      )?.[missing];
      const fixed = keySchema ? fixedValueOf(keySchema, root) : undefined;
      const owner = path.length ? label : 'The document';
      return {
        ...base,
        ...locator.ownerRange(path),
        ...withFixes([fixed ? locator.addKey(path, missing, fixed.value) : undefined]),
        message: `${owner} is missing the required key "${missing}".`,
      };
    }
    case 'oneOf':
    case 'anyOf':
      return {
        ...base,
        ...locator.valueRange(path),
        message: `${label} must be ${unionWords(error, root)}, not ${valueWords(error.data)}.`,
      };
    default:
      return { ...base, ...locator.valueRange(path), message: `${label} ${plainMessage(error)}.` };
  }
}

/** The one value a key can have (a const, a single enum value), for "add the missing key". */
function fixedValueOf(schema: SchemaObject, root: SchemaObject): { value: unknown } | undefined {
  const resolved = resolveRef(root, schema) ?? schema;
  if ('const' in resolved) return { value: resolved.const };
  if (Array.isArray(resolved.enum) && resolved.enum.length === 1) return { value: resolved.enum[0] };
  return undefined;
}

/** "split.folds", "fields[3].type": where a value is, as a reader would name it. */
function where(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return 'The document';
  return `"${path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')}"`;
}

function patternWords(pattern: string): string {
  const prefix = pattern.match(/^\^([\w-]+)$/)?.[1];
  return prefix ? `any key starting with "${prefix}"` : `keys matching ${pattern}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value lines)',
  array: 'a list (lines starting with "- ")',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function valueWords(data: unknown): string {
  if (data === null || data === undefined) return 'empty';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string')
    return `the text ${JSON.stringify(data.length > 40 ? `${data.slice(0, 37)}...` : data)}`;
  if (typeof data === 'number') return `the number ${data}`;
  return `${String(data)}`;
}

function unionWords(error: ErrorObject, root: SchemaObject): string {
  const branches = Array.isArray(error.schema) ? (error.schema as SchemaObject[]) : [];
  const words = branches.map((branch) => {
    const s = resolveRef(root, branch) ?? branch;
    if ('const' in s) return yamlScalar(s.const);
    if (s.type) return typeWords(s.type);
    return 'another form';
  });
  return [...new Set(words)].join(', or ') || 'another form';
}

function plainMessage(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${p.limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${p.limit}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters long`;
    case 'maxLength':
      return `must be at most ${p.limit} characters long`;
    case 'pattern':
      return `does not have the expected form (it must match ${p.pattern})`;
    case 'minItems':
      return `needs at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `may have at most ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return `has the same item twice (items ${Number(p.j) + 1} and ${Number(p.i) + 1})`;
    case 'minProperties': {
      const keys = Object.keys(((error.parentSchema ?? {}) as SchemaObject).properties ?? {});
      return `needs at least ${p.limit} key${p.limit === 1 ? '' : 's'}${keys.length ? ` (of: ${keys.join(', ')})` : ''}`;
    }
    case 'maxProperties':
      return `may have at most ${p.limit} key${p.limit === 1 ? '' : 's'}`;
    default:
      return error.message ?? 'is invalid';
  }
}
