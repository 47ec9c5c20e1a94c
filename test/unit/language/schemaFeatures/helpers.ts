// Shared by the schema language feature tests: the real schemas, a cursor marker in a text, and
// applying text edits the way an editor does.
import type { Position } from '../../../../src/core/yaml/yamlDocument';
import type { TextEdit } from '../../../../src/core/language/languageTypes';
export { default as charterSchema } from '../../../../schemas/charter.schema.json';
export { default as dictionarySchema } from '../../../../schemas/data-dictionary.schema.json';
export { default as expectationsSchema } from '../../../../schemas/expectations.schema.json';
export { default as modelCardSchema } from '../../../../schemas/model-card.schema.json';
export { default as pipelineSchema } from '../../../../schemas/pipeline.schema.json';
export { default as projectSchema } from '../../../../schemas/mlcycle.schema.json';

/** The text without its "§" marker, and the marker's 1-based position. */
export function cursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('§');
  if (offset < 0) throw new Error('no § in the text');
  const before = marked.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), position: { line, column } };
}

function offsetOf(text: string, at: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < at.line - 1; i++) offset += lines[i].length + 1;
  return offset + at.column - 1;
}

/** `text` with the edits applied (edits must not overlap). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.start) - offsetOf(text, a.start));
  let result = text;
  for (const edit of sorted)
    result = result.slice(0, offsetOf(result, edit.start)) + edit.newText + result.slice(offsetOf(result, edit.end));
  return result;
}

/** The text a range covers. */
export function textAt(text: string, range: { start: Position; end: Position }): string {
  return text.slice(offsetOf(text, range.start), offsetOf(text, range.end));
}
