// Why the model card could not be (re)generated, and where: a card that does not parse, or a
// run that does not exist. The card is then left exactly as it was.
import { LineCounter } from 'yaml';

export class ModelCardError extends Error {
  constructor(
    readonly reason: string,
    /** The file at fault (relative path) and the 1-based position, when the problem is in a file. */
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(file && line ? `${file}:${line}:${column ?? 1} ${reason}` : reason);
    this.name = 'ModelCardError';
  }
}

/** Builds errors at offsets of one text. */
export function cardErrorsAt(file: string, lineCounter: LineCounter) {
  return (offset: number, reason: string): ModelCardError => {
    const { line, col } = lineCounter.linePos(offset);
    return new ModelCardError(reason, file, line, col);
  };
}
