// The language features of the lifecycle documents (charter, data dictionary, expectations,
// pipeline spec, model card, decisions, mlcycle.yaml) as pure data: what the language server
// (src/server) turns into LSP messages and the tests check without an editor. Positions are
// 1-based (src/core/yaml's Position); the server converts to LSP's 0-based ones.
import type { DocumentKind, ProjectFile } from '../project/projectFile';
import type { Position } from '../yaml/yamlDocument';
import type { RunData } from '../model/runTypes';

/** Every document the server understands; 'project' is mlcycle.yaml, 'tuning' the project's tuning.yaml (its study). */
export type LifecycleDocumentKind = 'project' | 'tuning' | DocumentKind;

export interface TextEdit {
  start: Position;
  end: Position;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix (shown first, applied by "fix all"). */
  preferred?: boolean;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface DocumentDiagnostic {
  start: Position;
  end: Position;
  severity: DiagnosticSeverity;
  message: string;
  /** Stable code: yaml-syntax, schema, unknown-key, old-version, unknown-metric, unknown-column, card-metric-mismatch, outside-workspace, missing-file ... */
  code: string;
  fixes?: QuickFix[];
}

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value' | 'snippet';
  /** One line: the type or the enum's meaning. */
  detail?: string;
  /** Markdown from the schema's description. */
  documentation?: string;
  insertText: string;
  /** Whether insertText uses snippet syntax ($1, ${2:default}). */
  snippet?: boolean;
  /** Text the completion replaces (the word being typed); default: the word at the position. */
  replace?: { start: Position; end: Position };
}

export interface HoverInfo {
  markdown: string;
  start: Position;
  end: Position;
}

export interface SymbolEntry {
  name: string;
  detail?: string;
  kind: 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';
  start: Position;
  end: Position;
  selectionStart: Position;
  selectionEnd: Position;
  children: SymbolEntry[];
}

/**
 * What the cross-file checks know about the project, gathered by the server from the workspace
 * (cached; refreshed when files change). Everything optional: a check with nothing to compare
 * with says nothing.
 */
export interface WorkspaceFacts {
  root: string;
  project?: ProjectFile;
  /** Column names of each dataset role of mlcycle.yaml (train, holdout, current ...), from the file's header row; undefined when unreadable. */
  datasetColumns: Record<string, string[] | undefined>;
  /** Run records by run id (the record's data), newest first. */
  runs: RunData[];
  /** The other documents, parsed (plain values), by kind. */
  documents: Partial<Record<LifecycleDocumentKind, unknown>>;
}
