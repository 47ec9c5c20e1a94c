// Shared by the JSON-array and NDJSON scanners: turns parsed records into the table's shape
// (column names in order of first appearance, ragged records) and locates JSON.parse errors.
import { findJsonErrorOffset } from './jsonErrorLocator';
import { RaggedTally, type TableSummary } from './tableScan';

/** A syntax or shape error at a 1-based line and column of the file. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

export class RecordTable {
  private readonly names = new Set<string>();
  private expected = -1;
  rows = 0;
  emptyRows = 0;
  private readonly ragged = new RaggedTally();

  /** Adds one record; anything but a plain object makes the file something other than a table. */
  add(value: unknown, line: number, column: number): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new JsonSyntaxError(
        `Record ${this.rows + 1} is ${describe(value)}, not an object of named fields`,
        line,
        column,
      );
    }
    this.rows++;
    const keys = Object.keys(value);
    for (const key of keys) this.names.add(key);
    // The first record sets the width the others are compared with.
    if (this.expected < 0) this.expected = keys.length;
    else if (keys.length !== this.expected) this.ragged.add(line, keys.length, this.expected);
  }

  summary(format: 'json' | 'ndjson'): TableSummary {
    return {
      format,
      rows: this.rows,
      columns: [...this.names],
      header: true,
      raggedRows: this.ragged.toJSON(),
      emptyRows: this.emptyRows,
    };
  }
}

/**
 * Parses one JSON text that starts at (line, column) of the file; a failure is rethrown with the
 * file position of the offending character (V8's messages give an offset "at position N").
 */
export function parseJsonAt(text: string, line: number, column: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(message);
    const located = findJsonErrorOffset(text);
    const offset = located >= 0 ? located : match ? Math.min(Number(match[1]), text.length) : -1;
    let errLine = line;
    let errColumn = column;
    if (offset >= 0) {
      for (let i = 0; i < offset; i++) {
        if (text.charCodeAt(i) === 0x0a) {
          errLine++;
          errColumn = 1;
        } else {
          errColumn++;
        }
      }
    }
    const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    throw new JsonSyntaxError(`Invalid JSON: ${reason}`, errLine, errColumn);
  }
}
