// A streaming RFC 4180 tokenizer: feed it text in chunks of any size and it calls back once per
// row. It handles quoted fields (with delimiters, escaped quotes "" and line breaks inside),
// CRLF / LF / lone CR line endings, a leading byte-order mark, and tells blank lines apart from
// rows (a blank line is reported as a row with zero fields). Like Python's csv module it is
// lenient where files in the wild are sloppy: a quote inside an unquoted field is kept as a
// character, and text after a closing quote is appended to the field. The one error it reports
// is a quoted field that never closes, because that silently swallows the rest of the file.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/** Receives each row's fields and the 1-based line the row starts on. */
export type CsvRowHandler = (fields: string[], line: number) => void;

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const enum State {
  /** At the first character of a field: decides quoted or unquoted. */
  FieldStart,
  Unquoted,
  Quoted,
  /** Just read a quote inside a quoted field: either an escaped quote or the closing one. */
  QuoteInQuoted,
}

export class CsvTokenizer {
  private readonly delimiterCode: number;
  private state = State.FieldStart;
  private fields: string[] = [];
  private field = '';
  /** Whether the current row has any character at all (so an empty line is a blank row). */
  private rowStarted = false;
  private rowLine = 1;
  private currentLine = 1;
  /** Characters consumed in earlier chunks, and where the current line starts (for columns). */
  private consumed = 0;
  private lineStart = 0;
  private quoteLine = 0;
  private quoteColumn = 0;
  /** The previous chunk ended with CR: a LF at the start of the next one belongs to it. */
  private skipLineFeed = false;
  /** The previous chunk's last character was CR (for CRLF split across chunks inside quotes). */
  private endedWithCR = false;
  private first = true;

  constructor(
    delimiter: string,
    private readonly onRow: CsvRowHandler,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new Error(`Invalid CSV delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** The physical line (1-based) the tokenizer has reached. */
  get line(): number {
    return this.currentLine;
  }

  push(text: string): void {
    const n = text.length;
    let i = 0;
    if (this.first && n > 0) {
      this.first = false;
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    if (this.skipLineFeed && i < n) {
      this.skipLineFeed = false;
      if (text.charCodeAt(i) === LF) i++;
      this.lineStart = this.consumed + i;
    }
    const delimiter = this.delimiterCode;
    // The hot loop works on locals (V8 keeps them in registers) and stores them back at the end.
    let state = this.state;
    let field = this.field;
    let rowStarted = this.rowStarted;
    while (i < n) {
      if (state === State.Unquoted) {
        let j = i;
        let c = 0;
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === delimiter || c === LF || c === CR) break;
          j++;
        }
        if (j > i) {
          field = field.length === 0 ? text.slice(i, j) : field + text.slice(i, j);
          rowStarted = true;
        }
        if (j === n) break;
        if (c === delimiter) {
          this.fields.push(field);
          field = '';
          rowStarted = true;
          state = State.FieldStart;
          i = j + 1;
        } else {
          if (rowStarted || this.fields.length > 0) {
            this.fields.push(field);
            this.onRow(this.fields, this.rowLine);
          } else {
            this.onRow([], this.rowLine);
          }
          this.fields = [];
          field = '';
          rowStarted = false;
          state = State.FieldStart;
          i = this.nextLine(text, j, c);
        }
      } else if (state === State.FieldStart) {
        if (text.charCodeAt(i) === QUOTE) {
          state = State.Quoted;
          rowStarted = true;
          this.quoteLine = this.currentLine;
          this.quoteColumn = this.consumed + i - this.lineStart + 1;
          i++;
        } else {
          state = State.Unquoted;
        }
      } else if (state === State.Quoted) {
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        field += text.slice(i, end);
        this.countBreaksInQuotes(text, i, end);
        if (q === -1) break;
        state = State.QuoteInQuoted;
        i = q + 1;
      } else if (text.charCodeAt(i) === QUOTE) {
        // QuoteInQuoted, and the quote is doubled: an escaped quote.
        field += '"';
        state = State.Quoted;
        i++;
      } else {
        // QuoteInQuoted: the quote closed the field; what follows up to the delimiter is kept.
        state = State.Unquoted;
      }
    }
    this.state = state;
    this.field = field;
    this.rowStarted = rowStarted;
    if (n > 0) this.endedWithCR = text.charCodeAt(n - 1) === CR;
    this.consumed += n;
  }

  /** Flushes the last row (a file need not end with a line break). */
  finish(): void {
    if (this.state === State.Quoted) {
      throw new CsvSyntaxError(
        `Quoted field opened at line ${this.quoteLine}, column ${this.quoteColumn} is never closed`,
        this.quoteLine,
        this.quoteColumn,
      );
    }
    if (this.rowStarted || this.fields.length > 0) {
      this.fields.push(this.field);
      this.onRow(this.fields, this.rowLine);
    }
    this.fields = [];
    this.field = '';
    this.rowStarted = false;
    this.state = State.FieldStart;
  }

  /** Moves past the line break at `j` (char code `c`, CRLF counts once); returns where to continue. */
  private nextLine(text: string, j: number, c: number): number {
    let next = j + 1;
    if (c === CR) {
      if (next < text.length) {
        if (text.charCodeAt(next) === LF) next++;
      } else {
        this.skipLineFeed = true;
      }
    }
    this.currentLine++;
    this.rowLine = this.currentLine;
    this.lineStart = this.consumed + next;
    return next;
  }

  /** Keeps line numbers right when quoted fields contain line breaks (CRLF counts once). */
  private countBreaksInQuotes(text: string, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === LF) {
        if (k > 0 ? text.charCodeAt(k - 1) === CR : this.endedWithCR) continue;
        this.currentLine++;
        this.lineStart = this.consumed + k + 1;
      } else if (c === CR) {
        this.currentLine++;
        this.lineStart = this.consumed + k + 1;
      }
    }
  }
}

/** Tokenizes a whole string (for tests and small inputs); blank lines appear as `[]`. */
export function tokenizeCsv(text: string, delimiter = ','): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  const tokenizer = new CsvTokenizer(delimiter, (fields, line) => rows.push({ fields, line }));
  tokenizer.push(text);
  tokenizer.finish();
  return rows;
}
