// Reads a UTF-8 text file as a stream of decoded chunks, never holding the whole file: it hashes
// the raw bytes on the way (SHA-256), refuses binary files from their first bytes, checks the
// bytes are valid UTF-8, reports bytes read, and stops between chunks when the job is cancelled.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { JobError, throwIfCancelled } from '../../protocol/jobError';
import { describeBinary } from './binarySniff';

export const DEFAULT_CHUNK_BYTES = 1 << 20;
/** How much of the file's start is checked for signs of a binary file. */
const HEAD_BYTES = 64 * 1024;

/**
 * Thrown after the valid text before the bad bytes has been yielded, so the parser has reached
 * the exact place and can name the line and column.
 */
export class InvalidUtf8Error extends Error {
  constructor(readonly byteOffset: number) {
    super(`Invalid UTF-8 at byte offset ${byteOffset} (save the file as UTF-8)`);
    this.name = 'InvalidUtf8Error';
  }
}

export interface TextFileStreamOptions {
  signal: AbortSignal;
  /** How to name the file in messages (e.g. relative to the workspace). */
  displayName?: string;
  chunkBytes?: number;
  /** Called after each chunk with the bytes read so far. */
  onBytes?(bytesRead: number): void;
}

export class TextFileStream implements AsyncIterable<string> {
  /** Set once the file has been read to the end. */
  sha256 = '';
  bom = false;
  bytesRead = 0;

  constructor(
    readonly path: string,
    private readonly options: TextFileStreamOptions,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    const { signal, onBytes } = this.options;
    throwIfCancelled(signal);
    const hash = createHash('sha256');
    // `fatal` makes bad bytes an error instead of silent U+FFFD; the BOM is stripped here.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const stream = createReadStream(this.path, { highWaterMark: this.options.chunkBytes ?? DEFAULT_CHUNK_BYTES });
    // Text is held back until the file's head has been checked, so a binary file is refused
    // before any parser sees it (with the usual 1 MB chunks, nothing is ever held).
    const head: Buffer[] = [];
    let headLength = 0;
    let headChecked = false;
    let held = '';
    const checkHead = () => {
      headChecked = true;
      const bytes = Buffer.concat(head).subarray(0, HEAD_BYTES);
      head.length = 0;
      const what = describeBinary(bytes);
      if (what) {
        const shown = this.options.displayName ?? this.path;
        throw new JobError('bad-input', `${shown} is ${what}, not a text data file (CSV, TSV, JSON or NDJSON).`, {
          file: this.path,
        });
      }
      this.bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    };
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        throwIfCancelled(signal);
        if (!headChecked) {
          head.push(chunk);
          headLength += chunk.length;
          if (headLength >= HEAD_BYTES) checkHead();
        }
        hash.update(chunk);
        const offset = this.bytesRead;
        this.bytesRead += chunk.length;
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          if (!headChecked) checkHead();
          // Not found inside the chunk: a character begun in the previous chunk was cut short.
          const found = firstInvalidUtf8(chunk);
          const bad = found < chunk.length ? found : 0;
          yield held + new TextDecoder('utf-8').decode(chunk.subarray(0, bad));
          throw new InvalidUtf8Error(offset + bad);
        }
        if (!headChecked) {
          held += text;
        } else if (held.length > 0 || text.length > 0) {
          yield held + text;
          held = '';
        }
        onBytes?.(this.bytesRead);
      }
      if (!headChecked) checkHead();
      let tail: string;
      try {
        tail = decoder.decode();
      } catch {
        throw new InvalidUtf8Error(this.bytesRead);
      }
      if (held.length > 0 || tail.length > 0) yield held + tail;
      this.sha256 = hash.digest('hex');
    } finally {
      stream.destroy();
    }
  }
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence in `bytes` (only called on the
 * slow path, after the decoder failed). A sequence cut at the end of the chunk is not invalid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  // Skip continuation bytes of a character begun in the previous chunk.
  while (i < 3 && i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return bytes.length;
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
