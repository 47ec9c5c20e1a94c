// Streams a JSON array of records (`[{...}, {...}]`) without loading the file: a small scanner
// finds where each top-level element begins and ends (tracking strings, escapes and nesting),
// and only that element's text is handed to JSON.parse. Memory stays at one record.
import { JsonSyntaxError, parseJsonAt, RecordTable } from './jsonRecords';
import type { TableScanner, TableSummary } from './tableScan';

const enum State {
  BeforeArray,
  /** After `[` or `,`: an element (or, right after `[`, the closing `]`) comes next. */
  BeforeElement,
  InElement,
  AfterElement,
  AfterArray,
}

const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === LF || c === 0x0d || c === 0x09;
}

export class JsonArrayTableScanner implements TableScanner {
  private readonly table = new RecordTable();
  private state = State.BeforeArray;
  private currentLine = 1;
  /** Characters consumed in earlier chunks, and where the current line starts (for columns). */
  private consumed = 0;
  private lineStart = 0;
  /** The element being read: its text from earlier chunks, nesting depth, string state. */
  private parts: string[] = [];
  private depth = 0;
  private inString = false;
  /** A backslash ended the previous chunk inside a string: the next character is escaped. */
  private escaped = false;
  private elementLine = 0;
  private elementColumn = 0;
  private afterComma = false;

  get line(): number {
    return this.currentLine;
  }

  push(text: string): void {
    const n = text.length;
    let state = this.state;
    let depth = this.depth;
    let elementStart = state === State.InElement ? 0 : -1;
    let i = 0;
    if (this.escaped) {
      this.escaped = false;
      i = 1;
    }
    for (; i < n; i++) {
      let c = text.charCodeAt(i);
      if (state === State.InElement) {
        if (this.inString) {
          // Skip through the string: no structure inside, and (in valid JSON) no line breaks.
          while (c !== QUOTE) {
            if (c === BACKSLASH) i++;
            if (++i >= n) break;
            c = text.charCodeAt(i);
          }
          if (i >= n) {
            this.escaped = i > n;
            break;
          }
          this.inString = false;
          continue;
        }
        if (c === QUOTE) {
          this.inString = true;
        } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          depth++;
        } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (depth === 0) {
            // A `]` closing the array right after a bare value (a number, true ...).
            this.endElement(text.slice(elementStart, i));
            elementStart = -1;
            state = State.AfterElement;
            i--;
            continue;
          }
          if (--depth === 0) {
            this.endElement(text.slice(elementStart, i + 1));
            elementStart = -1;
            state = State.AfterElement;
          }
        } else if (c === COMMA && depth === 0) {
          this.endElement(text.slice(elementStart, i));
          elementStart = -1;
          state = State.AfterElement;
          i--;
          continue;
        } else if (c === LF) {
          this.newLine(i);
        }
        continue;
      }
      if (c === LF) this.newLine(i);
      if (isSpace(c)) continue;
      switch (state) {
        case State.BeforeArray:
          if (c !== OPEN_BRACKET) this.fail('Expected a JSON array of records ("[")', i);
          state = State.BeforeElement;
          break;
        case State.BeforeElement:
          if (c === CLOSE_BRACKET) {
            if (this.afterComma) this.fail('Trailing comma before "]"', i);
            state = State.AfterArray;
            break;
          }
          state = State.InElement;
          depth = 0;
          elementStart = i;
          this.elementLine = this.currentLine;
          this.elementColumn = this.columnAt(i);
          i--; // InElement reads this character again
          break;
        case State.AfterElement:
          if (c === COMMA) {
            state = State.BeforeElement;
            this.afterComma = true;
          } else if (c === CLOSE_BRACKET) {
            state = State.AfterArray;
          } else {
            this.fail('Expected "," or "]" after a record', i);
          }
          break;
        case State.AfterArray:
          this.fail('Unexpected text after the end of the array', i);
      }
    }
    if (state === State.InElement && elementStart !== -1) this.parts.push(text.slice(elementStart));
    this.state = state;
    this.depth = depth;
    this.consumed += n;
  }

  finish(): TableSummary {
    if (this.state === State.BeforeArray) this.fail('The file is empty: expected a JSON array of records');
    if (this.state !== State.AfterArray) {
      this.fail(
        `The array is not closed: the file ends inside ${this.state === State.InElement ? 'a record' : 'the array'}`,
      );
    }
    return this.table.summary('json');
  }

  private newLine(i: number): void {
    this.currentLine++;
    this.lineStart = this.consumed + i + 1;
  }

  private columnAt(i: number): number {
    return this.consumed + i - this.lineStart + 1;
  }

  private endElement(tail: string): void {
    this.parts.push(tail);
    const text = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    this.afterComma = false;
    const value = parseJsonAt(text.trimEnd(), this.elementLine, this.elementColumn);
    this.table.add(value, this.elementLine, this.elementColumn);
  }

  /** `at` is the offset in the current chunk; without it, the end of what was read. */
  private fail(message: string, at?: number): never {
    const column = at === undefined ? this.consumed - this.lineStart + 1 : this.columnAt(at);
    throw new JsonSyntaxError(message, this.currentLine, column);
  }
}
