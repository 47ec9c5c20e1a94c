// The expectations document (docs/expectations.yaml, schemas/expectations.schema.json) once
// parsed: a flat list of checks, each one thing to verify, with the YAML range of its key so
// a failure can be shown exactly where the user wrote it. Also the `validate` job's contract.
import type { Position } from '../yaml/yamlDocument';

export type Severity = 'error' | 'warning';
export type ExpectedType = 'numeric' | 'string' | 'boolean' | 'datetime';
export type CompareOp = '<' | '<=' | '==' | '!=' | '>=' | '>';
export type StatisticName = 'mean' | 'median' | 'stddev' | 'quantile';

export interface Bounds {
  min?: number;
  max?: number;
}

export interface RangeBounds {
  /** Numbers for numeric columns; ISO date strings for datetime columns. */
  min?: number | string;
  max?: number | string;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
}

/** What one check verifies; `kind` says which of the document's keys it came from. */
export type CheckSpec =
  | { kind: 'rowCount'; bounds: Bounds }
  | { kind: 'columnSet'; mode: 'exactly' | 'atLeast'; columns: string[] }
  | { kind: 'exists'; column: string; present: boolean }
  | { kind: 'type'; column: string; type: ExpectedType }
  | { kind: 'notNull'; column: string }
  | { kind: 'maxMissingPercent'; column: string; percent: number }
  | { kind: 'range'; column: string; range: RangeBounds }
  | { kind: 'allowed'; column: string; values: Array<string | number | boolean> }
  | { kind: 'regex'; column: string; pattern: string }
  | { kind: 'unique'; column: string }
  | { kind: 'statistic'; column: string; statistic: StatisticName; q?: number; bounds: Bounds }
  | { kind: 'length'; column: string; bounds: Bounds }
  | { kind: 'compare'; left: string; op: CompareOp; right: string }
  | { kind: 'conditionalNull'; when: string; whenNull: boolean; then: string[]; thenNull: boolean };

export type CheckKind = CheckSpec['kind'];

/** A range in the expectations file (1-based lines and columns). */
export interface SourceRange {
  start: Position;
  end: Position;
}

export interface Check {
  /** Stable within one document: "3.range" is the range check of entry 3 (0-based). */
  id: string;
  /** Index of the entry in `expectations`. */
  entry: number;
  /** The entry's `name`, when given. */
  name?: string;
  severity: Severity;
  spec: CheckSpec;
  /** A sentence stating what is expected, generated from the spec. */
  description: string;
  /** Where the check's key is written in the YAML. */
  range: SourceRange;
}

/** The parsed document: its checks, in document order. */
export interface ExpectationSuite {
  description?: string;
  checks: Check[];
}

/** One offending row (or value) shown as an example. */
export interface FailureExample {
  /** 0-based position of the row among the data rows, in file order. */
  row: number;
  /** 1-based line of the data file where the row starts (CSV: the header is line 1); absent for Parquet. */
  line?: number;
  /** The values that broke the check, by column (text; null for missing). */
  values: Record<string, string | null>;
}

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface CheckResult {
  id: string;
  entry: number;
  name?: string;
  severity: Severity;
  kind: CheckKind;
  /** The columns the check is about (empty for dataset-level checks). */
  columns: string[];
  description: string;
  status: CheckStatus;
  /** The figure that decided: a count, a percentage, a statistic, the columns found ... */
  observed: number | string | string[] | null;
  /** One readable sentence: what was expected and what was found. */
  message: string;
  /** Row-level checks: how many rows break it. */
  offendingRows?: number;
  offendingPercent?: number;
  /** Up to 5 offending rows, first in the file first. */
  examples: FailureExample[];
  /** Where the expectation is written in the YAML (for diagnostics). */
  range: SourceRange;
}

export interface ValidateParams {
  /** The data file, absolute or relative to `root`. */
  path: string;
  /** The workspace folder; paths outside it are refused. */
  root?: string;
  /** YAML text of the expectations (e.g. an unsaved editor's); when absent, `expectationsFile` is read. */
  expectations?: string;
  /** The expectations file, absolute or relative to `root`: read when `expectations` is absent, and named in messages. */
  expectationsFile?: string;
  /** CSV/TSV: the cell texts read as missing besides empty cells (default pandas 2's); see src/core/project/missingValues. */
  missingValues?: string[];
}

export interface ValidationResult {
  /** The data file as given (relative to root when inside it). */
  path: string;
  /** The expectations file, when known. */
  expectationsFile?: string;
  format: string;
  rows: number;
  columns: string[];
  /** Size, mtime and SHA-256 of the data file as validated (for the record's fingerprint). */
  source: { sizeBytes: number; mtimeMs: number; sha256: string };
  /** CSV/TSV: the cell texts read as missing besides empty cells. */
  missingValues?: string[];
  /** `fail` when a check of severity error failed; warnings never fail validation. */
  outcome: 'pass' | 'fail';
  counts: {
    checks: number;
    passed: number;
    failed: number;
    failedErrors: number;
    failedWarnings: number;
    skipped: number;
  };
  results: CheckResult[];
  elapsedMs: number;
}
