// Where rows start in the data file: DuckDB numbers rows (rowid, in file order) but people look
// for lines, and the two differ wherever a quoted value spans lines or blank lines sit between
// records. One streaming pass with the `inspect` job's own readers, stopping at the last row
// asked for, maps row positions to 1-based lines (CSV: the header is line 1).
import { CsvTokenizer } from '../data/csvTokenizer';
import { JsonArrayTableScanner } from '../data/jsonArrayTableScanner';
import { RecordTable } from '../data/jsonRecords';
import { TextFileStream } from '../data/textFileStream';

export interface RowLineSource {
  file: string;
  format: 'csv' | 'tsv' | 'json' | 'ndjson' | 'parquet';
  delimiter?: string;
  header?: boolean;
}

/** Calls `onRecord(line)` for every data record, in order, as the text streams in. */
interface RecordLineReader {
  push(text: string): void;
}

function csvReader(delimiter: string, header: boolean, onRecord: (line: number) => void): RecordLineReader {
  let headerPending = header;
  const tokenizer = new CsvTokenizer(delimiter, (fields, line) => {
    // Blank lines are not rows for DuckDB either.
    if (fields.length === 0) return;
    if (headerPending) headerPending = false;
    else onRecord(line);
  });
  return tokenizer;
}

function ndjsonReader(onRecord: (line: number) => void): RecordLineReader {
  let line = 1;
  /** Whether the current line already has a non-blank character (and was reported). */
  let reported = false;
  return {
    push(text: string) {
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        const piece = text.slice(start, nl === -1 ? text.length : nl);
        if (!reported && piece.trim() !== '') {
          onRecord(line);
          reported = true;
        }
        if (nl === -1) return;
        line++;
        reported = false;
        start = nl + 1;
      }
    },
  };
}

/** The JSON array scanner tells its record table where each record starts; listen there. */
function jsonArrayReader(onRecord: (line: number) => void): RecordLineReader {
  const scanner = new JsonArrayTableScanner();
  class LineListeningTable extends RecordTable {
    override add(value: unknown, line: number, column: number): void {
      super.add(value, line, column);
      onRecord(line);
    }
  }
  (scanner as unknown as { table: RecordTable }).table = new LineListeningTable();
  return scanner;
}

/** Streams the source, calling onRecord(line) per data row, until `stopAfter` rows (0-based index) are seen. */
async function scanRowLines(
  source: RowLineSource,
  stopAfter: number,
  onRecord: (line: number) => void,
  signal: AbortSignal,
): Promise<void> {
  let index = 0;
  const counted = (line: number) => {
    onRecord(line);
    index++;
  };
  const reader =
    source.format === 'ndjson'
      ? ndjsonReader(counted)
      : source.format === 'json'
        ? jsonArrayReader(counted)
        : csvReader(source.delimiter ?? (source.format === 'tsv' ? '\t' : ','), source.header ?? true, counted);
  for await (const text of new TextFileStream(source.file, { signal })) {
    reader.push(text);
    if (index > stopAfter) break;
  }
  if (source.format !== 'ndjson' && source.format !== 'json' && index <= stopAfter) {
    // The last record may end without a line break: the tokenizer emits it on finish.
    (reader as CsvTokenizer).finish();
  }
}

/**
 * The 1-based line of each wanted row (0-based positions among the data rows). Rows the file
 * does not have (or a Parquet file, which has no lines) are absent from the map.
 */
export async function findRowLines(
  source: RowLineSource,
  rows: Iterable<number>,
  signal: AbortSignal,
): Promise<Map<number, number>> {
  const wanted = new Set(rows);
  const lines = new Map<number, number>();
  if (wanted.size === 0 || source.format === 'parquet') return lines;
  let last = 0;
  for (const row of wanted) if (row > last) last = row; // not Math.max(...): it overflows the stack on big sets
  let index = 0;
  await scanRowLines(
    source,
    last,
    (line) => {
      if (wanted.has(index)) lines.set(index, line);
      index++;
    },
    signal,
  );
  return lines;
}

/** The 1-based line of every one of the first `rowCount` data rows, in one pass over the file (0 where the file has no such row). */
export async function allRowLines(source: RowLineSource, rowCount: number, signal: AbortSignal): Promise<Int32Array> {
  const lines = new Int32Array(rowCount);
  if (rowCount === 0 || source.format === 'parquet') return lines;
  let index = 0;
  await scanRowLines(
    source,
    rowCount - 1,
    (line) => {
      if (index < rowCount) lines[index] = line;
      index++;
    },
    signal,
  );
  return lines;
}
