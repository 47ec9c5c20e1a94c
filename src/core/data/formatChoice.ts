// Decides how to read a data file from its extension and its first characters, and builds the
// matching streaming scanner. Content wins where the extension is silent (.txt, .dat, none).
import { extname } from 'node:path';
import { sniffDelimiter } from './csvSniffer';
import { CsvTableScanner } from './csvTableScanner';
import { JsonArrayTableScanner } from './jsonArrayTableScanner';
import { JsonSyntaxError } from './jsonRecords';
import { NdjsonTableScanner } from './ndjsonTableScanner';
import type { TableScanner } from './tableScan';

const JSON_EXTENSIONS = new Set(['.json']);
const NDJSON_EXTENSIONS = new Set(['.ndjson', '.jsonl']);
const TSV_EXTENSIONS = new Set(['.tsv', '.tab']);

function firstNonSpace(text: string): string {
  const match = /\S/.exec(text);
  return match ? match[0] : '';
}

function isObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * The mark of NDJSON: a whole JSON object on the first line and another record starting on the
 * next non-blank line. (One object alone on one line is a minified JSON document, not a table.)
 */
function looksLikeNdjson(sample: string): boolean {
  const newline = sample.indexOf('\n');
  if (newline === -1 || !isObjectText(sample.slice(0, newline))) return false;
  return firstNonSpace(sample.slice(newline + 1)) === '{';
}

function jsonScannerFor(sample: string, extension: string): TableScanner {
  const first = firstNonSpace(sample);
  if (first === '{') {
    if (looksLikeNdjson(sample)) return new NdjsonTableScanner();
    const line = sample.slice(0, sample.indexOf('{')).split('\n').length;
    throw new JsonSyntaxError(
      'The file holds one JSON object, not a table: expected an array of records ([{...}, {...}]) or one record per line (NDJSON)',
      line,
      1,
    );
  }
  if (first === '[' || first === '' || JSON_EXTENSIONS.has(extension)) return new JsonArrayTableScanner();
  return new NdjsonTableScanner();
}

/**
 * The scanner for `path`, given the first decoded text of the file (`sample`; `complete` when
 * it is the whole file).
 */
export function chooseScanner(path: string, sample: string, complete: boolean): TableScanner {
  const extension = extname(path).toLowerCase();
  if (NDJSON_EXTENSIONS.has(extension)) return new NdjsonTableScanner();
  if (JSON_EXTENSIONS.has(extension)) return jsonScannerFor(sample, extension);
  const tsv = TSV_EXTENSIONS.has(extension);
  if (!tsv && extension !== '.csv') {
    const first = firstNonSpace(sample);
    if (first === '[' || first === '{') return jsonScannerFor(sample, extension);
  }
  const delimiter = sniffDelimiter(sample, tsv ? '\t' : ',', complete);
  return new CsvTableScanner(delimiter === '\t' ? 'tsv' : 'csv', delimiter);
}
