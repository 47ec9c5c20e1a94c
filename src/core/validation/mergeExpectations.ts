// Re-drafting expectations into the user's document: the drafted entries of the columns the
// document has no entry for yet are added at the end of its `expectations` list, and every other
// byte stays as the user wrote it (entries, comments, order, formatting). Entries of columns
// the data no longer has are kept and reported, never removed. A document that cannot be merged
// safely (it does not parse, its list is in flow style, or the merged text would not read back
// as the user's entries plus the new ones) is left alone: the caller drafts beside it instead.
import { isSeq, parseDocument } from 'yaml';
import type { DatasetProfile } from '../profile/profileTypes';
import { draftedSections, sectionLines, type DraftedSections } from './draftExpectations';
import type { ExpectationSuite } from './expectationTypes';
import { parseExpectations } from './parseExpectations';

export interface ExpectationsMerge {
  /** The merged text (the user's text itself when nothing is new); undefined when it cannot be merged. */
  text?: string;
  /** Why the document cannot be merged into, with its position when there is one. */
  reason?: string;
  /** Columns of the data the document had no entry for: their drafted entries were added. */
  added: string[];
  /** Columns of the data the document has entries for: those entries are kept as written. */
  kept: string[];
  /** Columns the document has entries for that the data no longer has (kept too). */
  notInData: string[];
}

/** The columns a suite has entries about: `column` entries and `ifNull` / `ifNotNull` subjects. */
function coveredColumns(suite: ExpectationSuite): Set<string> {
  const columns = new Set<string>();
  for (const { spec } of suite.checks) {
    if ('column' in spec) columns.add(spec.column);
    if (spec.kind === 'conditionalNull') columns.add(spec.when);
  }
  return columns;
}

function onlyColumns(sections: DraftedSections, wanted: Set<string>): DraftedSections {
  return {
    columns: sections.columns.filter((e) => wanted.has(e.column)),
    together: sections.together.filter((e) => wanted.has(e.column)),
    means: sections.means.filter((e) => wanted.has(e.column)),
  };
}

/** Where the new entries go and how deep they are indented; a reason when the list cannot take them. */
function insertionPoint(text: string): { at: number; removeFlow?: [number, number]; indent: number } | string {
  const doc = parseDocument(text);
  const seq = doc.get('expectations', true);
  if (!isSeq(seq) || !seq.range) return 'it has no expectations list';
  if (seq.flow) {
    if (seq.items.length > 0) return 'its expectations list is written in flow style ([...])';
    // `expectations: []`: the brackets go, the entries follow on the next lines.
    const [start, end] = seq.range;
    const lineEnd = text.indexOf('\n', end);
    return { at: lineEnd === -1 ? text.length : lineEnd + 1, removeFlow: [start, end], indent: 2 };
  }
  const last = seq.items.at(-1) as { range?: [number, number, number] } | undefined;
  if (!last?.range) return 'its expectations list is empty';
  const end = last.range[1];
  const lineEnd = text[end - 1] === '\n' ? end - 1 : text.indexOf('\n', end);
  const indent = seq.range[0] - (text.lastIndexOf('\n', seq.range[0] - 1) + 1);
  return { at: lineEnd === -1 ? text.length : lineEnd + 1, indent };
}

/** Merges the profile's drafted entries for uncovered columns into `existing` (see the file comment). */
export function mergeExpectations(existing: string, profile: DatasetProfile, file: string): ExpectationsMerge {
  const parsed = parseExpectations(existing);
  const columns = profile.columns.map((c) => c.name);
  if (!parsed.suite) {
    const first = parsed.problems.find((p) => p.severity === 'error');
    const where = first ? `${file}:${first.start.line}:${first.start.column} ${first.message}` : `${file} is invalid`;
    return { reason: where, added: [], kept: [], notInData: [] };
  }
  const covered = coveredColumns(parsed.suite);
  const added = columns.filter((c) => !covered.has(c));
  const kept = columns.filter((c) => covered.has(c));
  const notInData = [...covered].filter((c) => !columns.includes(c));
  const result = { added, kept, notInData };
  if (added.length === 0) return { ...result, text: existing };

  const point = insertionPoint(existing);
  if (typeof point === 'string') return { ...result, added: [], reason: `${file}: ${point}` };
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const pad = ' '.repeat(point.indent);
  const block = [
    '',
    `  # Drafted by ML Lifecycle from the profile of ${profile.source.path} (SHA-256 ${profile.source.sha256.slice(0, 12)}…): columns without an entry yet`,
    ...sectionLines(onlyColumns(draftedSections(profile), new Set(added))).slice(1),
  ].map((line) => (line === '' ? '' : pad + line.slice(2)));
  let head = existing.slice(0, point.at);
  if (point.removeFlow) {
    const [start, end] = point.removeFlow;
    head = existing.slice(0, start).trimEnd() + existing.slice(end, point.at);
  }
  if (head !== '' && !head.endsWith('\n')) head += eol;
  const text = head + block.join(eol) + eol + existing.slice(point.at);

  // The merged text must read back as the user's entries plus the new ones, or it is not written.
  const check = parseExpectations(text);
  const mergedCovered = check.suite ? coveredColumns(check.suite) : undefined;
  const safe =
    check.suite !== undefined &&
    check.suite.checks.length > parsed.suite.checks.length &&
    [...covered, ...added].every((c) => mergedCovered?.has(c));
  if (!safe) return { ...result, added: [], reason: `${file}: its layout could not be merged into safely` };
  return { ...result, text };
}
