// The dialect of a delimited text file, decided from its first 64 KB with the same sniffer the
// `inspect` job uses (quote-aware, like Python's csv.Sniffer), so both jobs agree on a file.
// DuckDB then reads it with that dialect spelled out: its own sniffer, left alone, picks odd
// delimiters for ragged files (e.g. '|' for a comma file with one short row) and turns quoting off.
import { CsvTokenizer } from '../data/csvTokenizer';
import { detectHeader, sniffDelimiter } from '../data/csvSniffer';
import { sniffDecimalSeparator, type DecimalSeparator } from '../data/decimalSeparator';

export interface CsvDialect {
  delimiter: string;
  header: boolean;
  /** The number of fields of the first row (the expected width). */
  width: number;
  /** ',' when numbers are written with a decimal comma (a ';' file's "1,5"). */
  decimalSeparator: DecimalSeparator;
}

const HEADER_SAMPLE_ROWS = 50;

/** The first rows of `text` (blank lines skipped); a partial last row is dropped unless `complete`. */
function firstRows(text: string, delimiter: string, complete: boolean): string[][] {
  const rows: string[][] = [];
  const tokenizer = new CsvTokenizer(delimiter, (fields) => {
    if (fields.length > 0 && rows.length <= HEADER_SAMPLE_ROWS) rows.push(fields);
  });
  tokenizer.push(text);
  if (complete) {
    try {
      tokenizer.finish();
    } catch {
      // An unclosed quote is reported by the reader with its line, not here.
    }
  }
  return rows;
}

export function sniffCsvDialect(head: Buffer, tsv: boolean, complete: boolean): CsvDialect {
  // Not fatal: a 64 KB cut can fall inside a multi-byte character.
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
  const delimiter = sniffDelimiter(text, tsv ? '\t' : ',', complete);
  const rows = firstRows(text, delimiter, complete);
  if (rows.length === 0) return { delimiter, header: true, width: 0, decimalSeparator: '.' };
  const [first, ...rest] = rows;
  const header = detectHeader(first, rest);
  return { delimiter, header, width: first.length, decimalSeparator: sniffDecimalSeparator(text, delimiter, header) };
}
