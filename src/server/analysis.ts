// One place where the server calls the pure language features of src/core: the diagnostics of a
// document (YAML syntax and schema, format version, cross-file checks against the workspace
// facts), and its completion, hover (the schema's, and a tuning study's space) and outline. The features are pure and synchronous; the
// diagnostics run stage by stage, giving the event loop a turn between stages so requests are
// answered meanwhile and a superseded analysis stops early.
import { schemaFor } from '../core/documents/schemaRegistry';
import { checkDocumentVersion } from '../core/documents/versions';
import { completions } from '../core/language/completion';
import { crossFileDiagnostics } from '../core/language/crossChecks';
import { editorSchemaFor } from '../core/language/editorSchema';
import { schemaDiagnostics } from '../core/language/diagnostics';
import { hover } from '../core/language/hover';
import type {
  CompletionEntry,
  DocumentDiagnostic,
  HoverInfo,
  LifecycleDocumentKind,
  SymbolEntry,
  WorkspaceFacts,
} from '../core/language/languageTypes';
import { documentSymbols } from '../core/language/symbols';
import { pipelineOfTuningFile, studyPipelineOf } from '../core/language/tuningPipeline';
import { tuningCompletions, tuningHover, type TuningTarget } from '../core/language/tuningSpace';
import type { PipelineProject } from '../core/model/spec/parsePipelineSpec';
import { parseProjectFile } from '../core/project/projectFile';
import { parseYaml, type Position } from '../core/yaml/yamlDocument';

/**
 * The largest document analysed, in UTF-16 code units (about bytes for YAML). Measured on the
 * 2-core CI machine with a data dictionary against examples/penguins: 84 KB took 0.34 s for
 * syntax + schema, 0.33 s for the cross-file checks and 0.25 s for the outline; 256 KB took
 * 1.1 s, 0.9 s and 0.4 s. The stages run on the server's one thread with a turn of the event
 * loop between them, so this keeps each pause near half a second at worst. Real lifecycle
 * documents are a few KB, a 1,000-column data dictionary about 85 KB.
 */
export const MAX_ANALYSED_CHARS = 128 * 1024;

/** At most this many symbols in the outline of one document. */
const MAX_SYMBOLS = 3000;

export function tooLarge(text: string): boolean {
  return text.length > MAX_ANALYSED_CHARS;
}

/** The information diagnostic a document over the size limit gets instead of an analysis. */
export function tooLargeDiagnostic(size: number): DocumentDiagnostic {
  const at = { line: 1, column: 1 };
  return {
    start: at,
    end: at,
    severity: 'information',
    code: 'too-large',
    message: `This document is ${Math.round(size / 1024)} KB, over the ${MAX_ANALYSED_CHARS / 1024} KB that ML Lifecycle checks as you type: checks, completion and hover are off for it.`,
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Mentions the `version` key: the version diagnostic speaks for those. */
const ABOUT_VERSION = /"version"|\bversion\b.*\bmust\b/;

/**
 * Every diagnostic of a document's text (of `kind`, in the project at `root`), or undefined when
 * `stale()` turns true between stages (a newer edit came in).
 */
export async function documentDiagnostics(
  kind: LifecycleDocumentKind,
  text: string,
  root: string,
  facts: WorkspaceFacts,
  stale: () => boolean = () => false,
): Promise<DocumentDiagnostic[] | undefined> {
  if (tooLarge(text)) return [tooLargeDiagnostic(text.length)];
  let diagnostics = schemaDiagnostics(text, schemaFor(kind));
  await nextTurn();
  if (stale()) return undefined;

  const parsed = parseYaml(text);
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return diagnostics;
  const version = checkDocumentVersion(kind, parsed, text);
  if (version.some((d) => d.code === 'newer-version')) {
    // A newer format: our schema does not apply, so only syntax errors and the version stand.
    return [...diagnostics.filter((d) => d.code === 'yaml-syntax'), ...version];
  }
  if (version.some((d) => d.code === 'old-version'))
    diagnostics = diagnostics.filter((d) => !ABOUT_VERSION.test(d.message));
  diagnostics.push(...version);
  if (kind === 'project') {
    // Document paths outside the project (the cross-file checks cover the datasets).
    for (const p of parseProjectFile(text, root).problems) {
      if (p.path[0] === 'documents' && /outside/.test(p.message))
        diagnostics.push({
          start: p.start,
          end: p.end,
          severity: p.severity,
          message: p.message,
          code: 'outside-workspace',
        });
    }
  }
  await nextTurn();
  if (stale()) return undefined;

  diagnostics.push(...crossFileDiagnostics(kind, text, facts));
  return diagnostics.sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column);
}

/**
 * Where a document holds a tuning study and how to read the pipeline it tunes (lazily: only a
 * cursor inside the study's space reads it). `path` is the document's path in the project at `root`.
 */
export function tuningTargetOf(
  kind: LifecycleDocumentKind,
  text: string,
  root: string,
  path: string,
  project: PipelineProject | undefined,
): TuningTarget | undefined {
  if (!project || (kind !== 'tuning' && kind !== 'pipeline')) return undefined;
  if (kind === 'pipeline') return { prefix: ['tuning'], pipeline: () => studyPipelineOf(text, project) };
  return { prefix: [], pipeline: () => pipelineOfTuningFile(text, root, path, project).pipeline };
}

export function documentCompletions(
  kind: LifecycleDocumentKind,
  text: string,
  at: Position,
  tuning?: TuningTarget,
): CompletionEntry[] {
  if (tooLarge(text)) return [];
  const fromSchema = completions(text, at, editorSchemaFor(kind));
  const fromSpace = tuning ? tuningCompletions(text, at, tuning) : [];
  const labels = new Set(fromSpace.map((e) => e.label));
  return [...fromSpace, ...fromSchema.filter((e) => !labels.has(e.label))];
}

export function documentHover(
  kind: LifecycleDocumentKind,
  text: string,
  at: Position,
  tuning?: TuningTarget,
): HoverInfo | undefined {
  if (tooLarge(text)) return undefined;
  const fromSchema = hover(text, at, editorSchemaFor(kind));
  const fromSpace = tuning && tuningHover(text, at, tuning);
  if (!fromSpace) return fromSchema;
  // The schema's words on a parameter range (low, high, log ...) follow the model's own.
  const schemaPart = fromSchema?.markdown.split('\n\n').slice(1).join('\n\n');
  return schemaPart ? { ...fromSpace, markdown: `${fromSpace.markdown}\n\n---\n\n${schemaPart}` } : fromSpace;
}

export function documentOutline(text: string): SymbolEntry[] {
  return tooLarge(text) ? [] : documentSymbols(text, { maxSymbols: MAX_SYMBOLS });
}
