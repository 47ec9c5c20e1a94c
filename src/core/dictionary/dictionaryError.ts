// Why an existing dictionary cannot be merged into, and where: the draft refuses to touch a
// file it does not fully understand, and says which line and column to fix.
import { LineCounter } from 'yaml';

export class DictionaryError extends Error {
  constructor(
    /** The file as the user knows it (relative path), or a generic name. */
    readonly file: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column} ${reason}`);
    this.name = 'DictionaryError';
  }
}

/** Builds errors at offsets of one text. */
export function errorsAt(file: string, lineCounter: LineCounter) {
  return (offset: number, reason: string): DictionaryError => {
    const { line, col } = lineCounter.linePos(offset);
    return new DictionaryError(file, line, col, reason);
  };
}
