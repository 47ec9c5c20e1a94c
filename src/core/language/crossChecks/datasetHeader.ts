// The column names of a dataset file, read cheaply for the language server: only the file's
// first 64 KB, through the same format choice, sniffer and scanners the inspect job uses, so the
// editor and `mlcycle inspect` agree on a file's columns. Parquet files give their schema from
// the footer (parquetColumns.ts). Anything unreadable gives undefined: a check with no columns to
// compare with says nothing.
import { open } from 'node:fs/promises';
import { describeBinary } from '../../data/binarySniff';
import { chooseScanner } from '../../data/formatChoice';
import { JsonArrayTableScanner } from '../../data/jsonArrayTableScanner';
import type { TableScanner } from '../../data/tableScan';
import { parquetColumns } from './parquetColumns';

/** Bytes of a text file's start that are read for its header. */
export const HEADER_BYTES = 64 * 1024;

const PARQUET_MAGIC = 'PAR1';
/** How many shorter cuts of an incomplete sample are tried before giving up. */
const MAX_CUTS = 20;

/** Column names of the data file at `absolutePath`; undefined when it cannot be read as a table. */
export async function readDatasetColumns(absolutePath: string, signal?: AbortSignal): Promise<string[] | undefined> {
  let head: Buffer;
  let complete: boolean;
  try {
    const handle = await open(absolutePath, 'r');
    try {
      if (!(await handle.stat()).isFile()) return undefined;
      const buffer = Buffer.alloc(HEADER_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, Math.min(bytesRead, HEADER_BYTES));
      complete = bytesRead <= HEADER_BYTES;
      if (head.subarray(0, 4).toString('latin1') === PARQUET_MAGIC) {
        if (signal?.aborted) return undefined;
        return await parquetColumns(handle);
      }
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  if (signal?.aborted || describeBinary(head) !== undefined) return undefined;
  // `stream: true` leaves out a character cut in half at the end of the sample.
  const sample = new TextDecoder('utf-8').decode(head, { stream: !complete });
  return columnsOfSample(absolutePath, sample, complete);
}

/** Column names from the first text of a file (`complete` when it is the whole file). */
export function columnsOfSample(path: string, sample: string, complete: boolean): string[] | undefined {
  let scanner: TableScanner;
  try {
    scanner = chooseScanner(path, sample, complete);
  } catch {
    return undefined;
  }
  if (complete) return finished(scanner, sample);
  for (const cut of wholeRecordCuts(sample, scanner)) {
    const columns = finished(chooseScanner(path, sample, false), cut);
    if (columns) return columns;
  }
  return undefined;
}

/** The scanner's columns for `text` read as a whole file; undefined when the text does not parse. */
function finished(scanner: TableScanner, text: string): string[] | undefined {
  try {
    scanner.push(text);
    const { columns } = scanner.finish();
    return columns.length > 0 ? columns : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Prefixes of an incomplete sample that end after a whole record, longest first: at a line end
 * for delimited text and NDJSON (a cut inside a quoted field fails and the next one is tried),
 * after a record closed by `},` for a JSON array (closed with `]`).
 */
function* wholeRecordCuts(sample: string, scanner: TableScanner): Generator<string> {
  if (scanner instanceof JsonArrayTableScanner) {
    const ends = [...sample.matchAll(/\}\s*,\s*(?=\{)/g)].map((m) => m.index as number);
    for (const end of ends.reverse().slice(0, MAX_CUTS)) yield sample.slice(0, end + 1) + ']';
    return;
  }
  let end = sample.lastIndexOf('\n');
  for (let tries = 0; end > 0 && tries < MAX_CUTS; tries++) {
    yield sample.slice(0, end + 1);
    end = sample.lastIndexOf('\n', end - 1);
  }
}
