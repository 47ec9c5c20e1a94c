// The decimal separator of a delimited file, decided with its delimiter from the same first
// rows: a file that separates fields with something other than a comma (';' in most European
// exports) and writes numbers as "1,5" or "-0,75" — and never as "1.5" — uses the decimal comma,
// and DuckDB then reads those columns as numbers (its decimal_separator option; pandas'
// read_csv(sep=';', decimal=',')). Thousands separators ("1.234,5") are not read as numbers, as
// pandas does not without `thousands='.'`.
import { CsvTokenizer } from './csvTokenizer';

export type DecimalSeparator = '.' | ',';

const SAMPLE_ROWS = 500;
const COMMA_DECIMAL = /^\s*[-+]?\d*,\d+([eE][-+]?\d+)?\s*$/;
const POINT_DECIMAL = /^\s*[-+]?\d*\.\d+([eE][-+]?\d+)?\s*$/;
/** "1,500": a thousands group as much as a decimal comma. */
const THOUSANDS_SHAPED = /^\s*[-+]?\d{1,3}(,\d{3})+\s*$/;

/**
 * ',' when the sampled fields write decimals only with a comma, else '.'. Outside ';' files
 * (tabs, pipes), "1,500" could be a thousands separator: a comma decides only when some number
 * cannot be one ("1,5", "12,25").
 */
export function sniffDecimalSeparator(text: string, delimiter: string, header: boolean): DecimalSeparator {
  if (delimiter === ',') return '.';
  let rows = 0;
  let commas = 0;
  let points = 0;
  let unambiguous = 0;
  let skipHeader = header;
  const tokenizer = new CsvTokenizer(delimiter, (fields) => {
    if (fields.length === 0 || rows >= SAMPLE_ROWS) return;
    if (skipHeader) {
      skipHeader = false;
      return;
    }
    rows++;
    for (const field of fields) {
      if (COMMA_DECIMAL.test(field)) {
        commas++;
        if (!THOUSANDS_SHAPED.test(field)) unambiguous++;
      } else if (POINT_DECIMAL.test(field)) points++;
    }
  });
  try {
    tokenizer.push(text);
  } catch {
    // A broken quote is the reader's to report, with its line.
  }
  if (commas === 0 || points > 0) return '.';
  return delimiter === ';' || unambiguous > 0 ? ',' : '.';
}
