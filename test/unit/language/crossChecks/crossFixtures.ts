// Shared by the cross-file check tests: temporary copies of the example projects, the facts
// gathered from them, and helpers to read the text a diagnostic covers and apply its fixes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossFileDiagnostics } from '../../../../src/core/language/crossChecks';
import type {
  DocumentDiagnostic,
  LifecycleDocumentKind,
  TextEdit,
  WorkspaceFacts,
} from '../../../../src/core/language/languageTypes';
import type { Position } from '../../../../src/core/yaml/yamlDocument';
import { tempProject } from '../../model/train/trainFixtures';

export { tempProject };

function offsetOf(text: string, at: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < at.line - 1; i++) offset += lines[i].length + 1;
  return offset + at.column - 1;
}

/** The text a diagnostic (or any range) covers. */
export function covered(text: string, range: { start: Position; end: Position }): string {
  return text.slice(offsetOf(text, range.start), offsetOf(text, range.end));
}

/** `text` with the edits applied (from the last to the first, so offsets stay valid). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.start) - offsetOf(text, a.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(out, e.start)) + e.newText + out.slice(offsetOf(out, e.end));
  return out;
}

/** Applies the preferred fix of every diagnostic that has one. */
export function applyPreferredFixes(text: string, diagnostics: DocumentDiagnostic[]): string {
  const edits = diagnostics.flatMap((d) => d.fixes?.find((f) => f.preferred)?.edits ?? []);
  return applyEdits(text, edits);
}

export function read(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}

/** Diagnostics of `text`, with the covered text of each for readable assertions. */
export function check(
  kind: LifecycleDocumentKind,
  text: string,
  facts: WorkspaceFacts,
): Array<DocumentDiagnostic & { covers: string }> {
  return crossFileDiagnostics(kind, text, facts).map((d) => ({ ...d, covers: covered(text, d) }));
}
