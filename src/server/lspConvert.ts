// Conversions between the language features' pure data (src/core/language/languageTypes.ts,
// 1-based lines and columns) and LSP's types (0-based lines and UTF-16 characters). The YAML
// parser counts columns in UTF-16 code units as JavaScript strings do, so only the base moves.
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Position as LspPosition,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type {
  CompletionEntry,
  DocumentDiagnostic,
  HoverInfo,
  QuickFix,
  SymbolEntry,
  TextEdit,
} from '../core/language/languageTypes';
import type { Position } from '../core/yaml/yamlDocument';

/** Where every diagnostic of ours says it comes from. */
export const DIAGNOSTIC_SOURCE = 'ML Lifecycle';

export function toLspPosition(at: Position): LspPosition {
  return { line: Math.max(0, at.line - 1), character: Math.max(0, at.column - 1) };
}

export function fromLspPosition(at: LspPosition): Position {
  return { line: at.line + 1, column: at.character + 1 };
}

/** An LSP range; an empty one at the start of the file is widened to one character so editors show it. */
export function toLspRange(start: Position, end: Position): LspRange {
  const s = toLspPosition(start);
  let e = toLspPosition(end);
  if (e.line < s.line || (e.line === s.line && e.character < s.character)) e = s;
  if (e.line === s.line && e.character === s.character) e = { line: s.line, character: s.character + 1 };
  return { start: s, end: e };
}

function exactRange(start: Position, end: Position): LspRange {
  return { start: toLspPosition(start), end: toLspPosition(end) };
}

export function toLspEdit(edit: TextEdit): LspTextEdit {
  return { range: exactRange(edit.start, edit.end), newText: edit.newText };
}

const SEVERITY: Record<DocumentDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a published diagnostic carries for its quick fixes (returned by the client with code action requests). */
export interface DiagnosticData {
  fixes: Array<{ title: string; preferred?: boolean; edits: LspTextEdit[] }>;
}

export function toLspDiagnostic(d: DocumentDiagnostic): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(d.start, d.end),
    severity: SEVERITY[d.severity],
    source: DIAGNOSTIC_SOURCE,
    code: d.code,
    message: d.message,
  };
  if (d.fixes?.length) {
    const data: DiagnosticData = {
      fixes: d.fixes.map((f: QuickFix) => ({ title: f.title, preferred: f.preferred, edits: f.edits.map(toLspEdit) })),
    };
    diagnostic.data = data;
  }
  return diagnostic;
}

/** The quick fixes a diagnostic carries as code actions on `uri`. */
export function codeActionsOf(uri: string, diagnostic: Diagnostic): CodeAction[] {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || !Array.isArray(data.fixes)) return [];
  return data.fixes.map((fix) => {
    const action = CodeAction.create(fix.title, { changes: { [uri]: fix.edits } }, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    if (fix.preferred) action.isPreferred = true;
    return action;
  });
}

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

export function toLspCompletion(entry: CompletionEntry, index: number): CompletionItem {
  const item: CompletionItem = {
    label: entry.label,
    kind: COMPLETION_KIND[entry.kind],
    detail: entry.detail,
    insertTextFormat: entry.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Keep the order the features chose (required keys first ...).
    sortText: String(index).padStart(5, '0'),
  };
  if (entry.documentation) item.documentation = { kind: MarkupKind.Markdown, value: entry.documentation };
  if (entry.replace)
    item.textEdit = { range: exactRange(entry.replace.start, entry.replace.end), newText: entry.insertText };
  else item.insertText = entry.insertText;
  return item;
}

export function toLspHover(info: HoverInfo): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: info.markdown }, range: exactRange(info.start, info.end) };
}

const SYMBOL_KIND: Record<SymbolEntry['kind'], SymbolKind> = {
  object: SymbolKind.Object,
  array: SymbolKind.Array,
  property: SymbolKind.Property,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  boolean: SymbolKind.Boolean,
  null: SymbolKind.Null,
};

function contains(outer: LspRange, inner: LspRange): boolean {
  const before = (a: LspPosition, b: LspPosition) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

export function toLspSymbol(entry: SymbolEntry): DocumentSymbol {
  const range = exactRange(entry.start, entry.end);
  let selectionRange = exactRange(entry.selectionStart, entry.selectionEnd);
  // LSP requires the selection inside the full range; editors reject the symbol otherwise.
  if (!contains(range, selectionRange)) selectionRange = range;
  return {
    name: entry.name || '(empty)',
    detail: entry.detail,
    kind: SYMBOL_KIND[entry.kind],
    range,
    selectionRange,
    children: entry.children.map(toLspSymbol),
  };
}
