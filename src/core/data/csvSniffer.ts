// Guesses what a delimited text file does not say about itself: which delimiter separates its
// fields, and whether its first row is a header. Both guesses look at a sample of rows, the way
// Python's csv.Sniffer does, but with quote-aware tokenizing so quoted delimiters do not mislead.
import { CsvTokenizer } from './csvTokenizer';

export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

const SAMPLE_ROWS = 100;

/** Field counts of the first non-blank rows of `sample` when split on `delimiter`. */
function fieldCounts(sample: string, delimiter: string, complete: boolean): number[] {
  const counts: number[] = [];
  const tokenizer = new CsvTokenizer(delimiter, (fields) => {
    if (fields.length > 0 && counts.length < SAMPLE_ROWS) counts.push(fields.length);
  });
  tokenizer.push(sample);
  // An incomplete sample ends mid-row; only a whole file may flush its last row.
  if (complete) {
    try {
      tokenizer.finish();
    } catch {
      // An unclosed quote in the sample is the parser's business, not the sniffer's.
    }
  }
  return counts;
}

/**
 * Picks the delimiter that splits the sample's rows into the most consistent number of fields
 * (more than one); `preferred` (from the file extension) wins ties and is the fallback.
 */
export function sniffDelimiter(sample: string, preferred: string, complete = false): string {
  let best = preferred;
  let bestScore = 0;
  const ordered = [preferred, ...CANDIDATE_DELIMITERS.filter((d) => d !== preferred)];
  for (const delimiter of ordered) {
    const counts = fieldCounts(sample, delimiter, complete);
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const c of counts) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    let mode = 0;
    let modeFrequency = 0;
    for (const [count, times] of frequency) {
      if (times > modeFrequency || (times === modeFrequency && count > mode)) {
        mode = count;
        modeFrequency = times;
      }
    }
    if (mode < 2) continue;
    const consistency = modeFrequency / counts.length;
    if (consistency > bestScore) {
      best = delimiter;
      bestScore = consistency;
    }
  }
  return best;
}

type ValueKind = 'empty' | 'number' | 'date' | 'boolean' | 'text';

const NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const BOOLEAN = /^(true|false)$/i;

function kindOf(value: string): ValueKind {
  if (value.trim() === '') return 'empty';
  if (NUMBER.test(value)) return 'number';
  if (DATE.test(value)) return 'date';
  if (BOOLEAN.test(value)) return 'boolean';
  return 'text';
}

/** The kind (number/date/boolean) shared by at least 90% of a column's non-empty values. */
function columnKind(rows: string[][], column: number): ValueKind {
  const tally = new Map<ValueKind, number>();
  let filled = 0;
  for (const row of rows) {
    const kind = kindOf(row[column] ?? '');
    if (kind === 'empty') continue;
    filled++;
    tally.set(kind, (tally.get(kind) ?? 0) + 1);
  }
  for (const [kind, count] of tally) if (kind !== 'text' && count >= 0.9 * filled) return kind;
  return 'text';
}

/**
 * Whether `first` is a header for the data rows that follow it. Each typed column votes: a
 * header name that is not of the column's type (a word above numbers) says "header", a value
 * of the same type says "data". Text-only files rarely decide the vote; then the first row is
 * a header when its names are distinct, mostly non-empty, and none of them is a number or date.
 */
export function detectHeader(first: string[], following: string[][]): boolean {
  let votes = 0;
  for (let c = 0; c < first.length; c++) {
    const kind = columnKind(following, c);
    if (kind === 'text' || following.length === 0) continue;
    const own = kindOf(first[c]);
    if (own === 'empty') continue;
    votes += own === kind ? -1 : 1;
  }
  if (votes !== 0) return votes > 0;
  const kinds = first.map(kindOf);
  const distinct = new Set(first).size === first.length;
  const empties = kinds.filter((k) => k === 'empty').length;
  const typed = kinds.some((k) => k === 'number' || k === 'date');
  return distinct && empties <= 1 && empties < first.length && !typed;
}

/** Names for the columns of a file without a header: column_1, column_2 ... */
export function generatedColumnNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `column_${i + 1}`);
}
