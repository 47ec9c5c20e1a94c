// Shared pieces of the document schema tests: a strict ajv, the fixture folders, and applying
// 1-based text edits the way an editor would.
import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LifecycleDocumentKind, TextEdit } from '../../../src/core/language/languageTypes';

export const REPO = join(__dirname, '../../..');
export const FIXTURES = join(REPO, 'test/fixtures/documents');

/** Strict ajv: unknown keywords, formats and ambiguous types are errors (union types allowed; `required` in if/then may name properties defined elsewhere). */
export function strictAjv(): Ajv {
  return new Ajv({ strict: true, allowUnionTypes: true, strictRequired: false, allErrors: true });
}

export interface Fixture {
  kind: LifecycleDocumentKind;
  file: string;
  text: string;
  /** `# expect: <instancePath> <keyword>` lines of an invalid fixture. */
  expected: Array<{ path: string; keyword: string }>;
}

export function fixtures(kind: LifecycleDocumentKind, group: 'valid' | 'invalid'): Fixture[] {
  const dir = join(FIXTURES, kind, group);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const expected = [...text.matchAll(/^# expect: (\S+) (\S+)$/gm)].map((m) => ({
        path: m[1] === '/' ? '' : m[1],
        keyword: m[2],
      }));
      return { kind, file: `${kind}/${group}/${f}`, text, expected };
    });
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/** Applies non-overlapping edits (1-based positions) to `text`. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e) => ({
      start: offsetOf(text, e.start.line, e.start.column),
      end: offsetOf(text, e.end.line, e.end.column),
      newText: e.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The value at a dotted path of parsed data ("feasibility.dataAvailable.answer", "kpis.0.metric"). */
export function pick(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      value,
    );
}
