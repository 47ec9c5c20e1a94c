// The schema-driven language features of a YAML lifecycle document, in one place for the
// language server: diagnostics (syntax + schema, with quick fixes), completion, hover and the
// outline. All pure: text and a JSON Schema in, plain data (languageTypes) out.
export { schemaDiagnostics, type DiagnosticOptions } from './diagnostics';
export { completions } from './completion';
export { hover } from './hover';
export { documentSymbols, type SymbolOptions } from './symbols';
