// Parameters and result of the `inspect` job: the first look at a dataset file (format, shape,
// fingerprint) before anything profiles or trains on it.
import type { HeaderNameProblem } from './headerNames';

export interface InspectParams {
  /** The dataset file, absolute or relative to `root`. */
  path: string;
  /** The workspace folder; when given, a path that resolves outside it is refused. */
  root?: string;
}

export type DataFormat = 'csv' | 'tsv' | 'json' | 'ndjson';

export interface RaggedRowExample {
  /** 1-based line the row starts on (for JSON: the line the record starts on). */
  line: number;
  /** How many fields (CSV) or keys (JSON) the row has. */
  fields: number;
  expected: number;
}

export interface InspectResult {
  /** Absolute path of the file that was read. */
  path: string;
  format: DataFormat;
  /** Only for csv/tsv. */
  delimiter?: string;
  /** Only for csv/tsv: ',' when numbers are written with a decimal comma (1,5;2,25), as the loader reads them. */
  decimalSeparator?: '.' | ',';
  /** Whether the file starts with a UTF-8 byte-order mark. */
  bom: boolean;
  sizeBytes: number;
  mtimeMs: number;
  /** Hex SHA-256 of the raw bytes: the data's fingerprint for staleness checks and run records. */
  sha256: string;
  /** Data rows (records), not counting the header row or blank lines. */
  rows: number;
  columns: string[];
  /** CSV: whether the first row holds column names. JSON: always true (names are the keys). */
  header: boolean;
  /** CSV/TSV header: repeated or empty column names (readers rename them silently: "x1_1", "column4"). */
  columnNameProblems?: HeaderNameProblem[];
  raggedRows: { count: number; examples: RaggedRowExample[] };
  /** Blank lines (CSV, NDJSON); always 0 for a JSON array. */
  emptyRows: number;
  elapsedMs: number;
}
