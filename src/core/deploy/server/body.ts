// Reading a request body within a size limit, and its content type. A Content-Length over the
// limit is refused before a byte of the body is read; a chunked body is counted as it streams
// and dropped the moment it passes the limit (the connection is then closed), so a 100 MB body
// is never buffered. The charset must be UTF-8 (MLflow's rule: another one is 415).
import type { IncomingMessage } from 'node:http';
import { tooLarge, unsupportedMedia } from './errors';

export interface ContentType {
  /** The media type, lower case, without parameters ("" when absent). */
  mime: string;
  charset: string;
}

export function parseContentType(header: string | undefined): ContentType {
  const [mime, ...params] = (header ?? '').split(';').map((p) => p.trim());
  let charset = 'utf-8';
  for (const p of params) {
    const [key, ...value] = p.split('=');
    if (key.trim().toLowerCase() === 'charset') charset = value.join('=').trim().replace(/^"|"$/g, '').toLowerCase();
  }
  return { mime: mime.toLowerCase(), charset };
}

/** Refuses a charset other than UTF-8 (415). */
export function requireUtf8(type: ContentType): void {
  if (type.charset !== 'utf-8' && type.charset !== 'utf8')
    throw unsupportedMedia(`The scoring server only supports UTF-8, not the charset "${type.charset}".`);
}

/** The whole body as text, or a 413 ServingError past `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });
}
