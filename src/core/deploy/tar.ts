// A small ustar (POSIX.1-1988) writer for package archives: regular files and folders, names
// split into prefix/name when longer than 100 bytes, a fixed mtime and owner so the same folder
// always gives the same bytes, gzip through node:zlib. Only what packages need: no links, no
// pax headers (a name that cannot fit ustar's 255 bytes is refused).
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const BLOCK = 512;

export interface TarEntry {
  /** Forward slashes, relative; folders end without a slash. */
  path: string;
  /** Absent for a folder. */
  data?: Uint8Array;
}

function writeString(header: Buffer, offset: number, length: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > length) throw new Error(`tar: "${text}" does not fit ${length} bytes`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  // length - 1 octal digits, then NUL.
  const text = value.toString(8).padStart(length - 1, '0');
  if (text.length > length - 1) throw new Error(`tar: ${value} does not fit a ${length}-byte field`);
  writeString(header, offset, length, `${text}\0`);
}

/** Splits a path into ustar's prefix (≤155 bytes) and name (≤100 bytes) at a slash. */
function splitName(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { prefix, name };
  }
  throw new Error(`tar: the path "${path}" is too long for a ustar archive`);
}

function header(entry: TarEntry, mtime: number): Buffer {
  const folder = entry.data === undefined;
  const { prefix, name } = splitName(folder ? `${entry.path}/` : entry.path);
  const h = Buffer.alloc(BLOCK);
  writeString(h, 0, 100, name);
  writeOctal(h, 100, 8, folder ? 0o755 : 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, folder ? 0 : entry.data!.length);
  writeOctal(h, 136, 12, Math.floor(mtime));
  h.fill(0x20, 148, 156); // the checksum counts its own field as spaces
  h[156] = folder ? 0x35 : 0x30; // '5' folder, '0' file
  writeString(h, 257, 6, 'ustar\0');
  writeString(h, 263, 2, '00');
  writeString(h, 345, 155, prefix);
  let sum = 0;
  for (const byte of h) sum += byte;
  writeString(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** The uncompressed archive of `entries`, in the order given; `mtime` in seconds since 1970. */
export function tarArchive(entries: readonly TarEntry[], mtime: number): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry, mtime));
    if (entry.data !== undefined) {
      parts.push(Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength));
      const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
      if (pad > 0) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** A .tgz of `entries`. */
export async function tgzArchive(entries: readonly TarEntry[], mtime: number): Promise<Buffer> {
  return gzipAsync(tarArchive(entries, mtime), { level: 9 });
}
