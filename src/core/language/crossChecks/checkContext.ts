// What every cross-file check works with: the document's text parsed with positions, the
// workspace facts, and helpers that place a diagnostic on the offending value (or on a name
// inside a string, such as a column in an expression) and build "replace it" quick fixes that
// keep the value's YAML quoting.
import type { ParsedYaml, Position } from '../../yaml/yamlDocument';
import type { DiagnosticSeverity, DocumentDiagnostic, QuickFix, TextEdit, WorkspaceFacts } from '../languageTypes';
import { nearestName } from './nearestName';

export type YamlPath = ReadonlyArray<string | number>;

export interface Range {
  start: Position;
  end: Position;
}

/** A plain YAML scalar that reads back as the same string. */
const PLAIN_SAFE = /^[\p{L}_][\p{L}\p{N}_ .()/%-]*$/u;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

/** `value` written as a YAML scalar, quoted the way the text it replaces was (`original`). */
export function yamlScalar(value: string, original = ''): string {
  if (original.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  if (original.startsWith('"')) return JSON.stringify(value);
  const plain = PLAIN_SAFE.test(value) && !value.endsWith(' ') && !YAML_WORDS.test(value);
  return plain ? value : JSON.stringify(value);
}

export class CheckContext {
  readonly diagnostics: DocumentDiagnostic[] = [];
  private readonly lines: string[];

  constructor(
    readonly text: string,
    readonly parsed: ParsedYaml,
    readonly facts: WorkspaceFacts,
  ) {
    this.lines = text.split('\n');
  }

  get value(): Record<string, unknown> {
    const v = this.parsed.value;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  }

  /** The range of the value at `path` (its key with `preferKey`). */
  range(path: YamlPath, preferKey = false): Range {
    return this.parsed.rangeOf(path, preferKey);
  }

  /** The source text of a single-line range. */
  source(range: Range): string {
    if (range.start.line !== range.end.line) return '';
    return (this.lines[range.start.line - 1] ?? '').slice(range.start.column - 1, range.end.column - 1);
  }

  /**
   * The range of `length` characters at `offset` inside the string value at `path` (a column in
   * an expression). Whole value when it spans lines or uses escapes (offsets no longer map).
   */
  rangeInside(path: YamlPath, offset: number, length: number): Range {
    const whole = this.range(path);
    const text = this.source(whole);
    if (text === '' || (text.startsWith('"') && text.includes('\\'))) return whole;
    const quote = text.startsWith('"') || text.startsWith("'") ? 1 : 0;
    if (text.startsWith("'") && text.includes("''")) return whole;
    const column = whole.start.column + quote + offset;
    return { start: { line: whole.start.line, column }, end: { line: whole.start.line, column: column + length } };
  }

  report(range: Range, severity: DiagnosticSeverity, code: string, message: string, fixes?: QuickFix[]): void {
    this.diagnostics.push({ ...range, severity, code, message, ...(fixes && fixes.length > 0 ? { fixes } : {}) });
  }

  /** A quick fix replacing the scalar at `range` with `value` (quoted like the original). */
  replaceFix(range: Range, value: string, title = `Change to "${value}"`, preferred = true): QuickFix {
    const edit: TextEdit = { ...range, newText: yamlScalar(value, this.source(range)) };
    return { title, edits: [edit], preferred };
  }

  /**
   * Reports a name (at `path`) that is not among `known`, offering the nearest known one.
   * `describe` words the message; the fix keeps the quoting.
   */
  unknownName(
    path: YamlPath,
    name: string,
    known: readonly string[],
    code: string,
    severity: DiagnosticSeverity,
    message: string,
  ): void {
    const range = this.range(path);
    const nearest = nearestName(name, known);
    const hint = nearest ? ` Did you mean "${nearest}"?` : '';
    this.report(range, severity, code, message + hint, nearest ? [this.replaceFix(range, nearest)] : undefined);
  }
}

/** A string value, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** "a, b and c" — at most `max` names, then "…". */
export function nameList(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  const more = names.length > max ? ` … (${names.length} in all)` : '';
  return shown.join(', ') + more;
}
