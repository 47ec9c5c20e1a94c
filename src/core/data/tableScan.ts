// What every format's scanner produces while streaming through a data file, and the shared
// bookkeeping for rows whose width differs from the table's.
import type { DataFormat, RaggedRowExample } from './inspectTypes';

export interface TableSummary {
  format: DataFormat;
  delimiter?: string;
  rows: number;
  columns: string[];
  header: boolean;
  raggedRows: { count: number; examples: RaggedRowExample[] };
  emptyRows: number;
}

/** A streaming parser for one format: text chunks in, a summary at the end. */
export interface TableScanner {
  push(text: string): void;
  finish(): TableSummary;
  /** The 1-based line the scanner has reached, so errors (e.g. bad bytes) can point at it. */
  readonly line: number;
}

export const MAX_RAGGED_EXAMPLES = 5;

/** Counts rows of the wrong width and keeps the first few as examples. */
export class RaggedTally {
  count = 0;
  readonly examples: RaggedRowExample[] = [];

  add(line: number, fields: number, expected: number): void {
    this.count++;
    if (this.examples.length < MAX_RAGGED_EXAMPLES) this.examples.push({ line, fields, expected });
  }

  toJSON(): { count: number; examples: RaggedRowExample[] } {
    return { count: this.count, examples: [...this.examples] };
  }
}
