// Machine-written records under .mlcycle/: one envelope for every kind, so the sidebar can
// tell from any record what it was computed from (and so whether it is stale) and whether it
// passed. Jobs write them; the lifecycle reads them.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { isReallyInside } from './paths';
import { RECORDS_DIR } from './project/projectFile';

/** The kinds of record, each in its own folder below .mlcycle/. */
export const RECORD_KINDS = {
  inspection: 'datasets',
  profile: 'profiles',
  validation: 'validations',
  run: 'runs',
  study: 'studies',
  explanation: 'explanations',
  package: 'packages',
  servingCheck: 'serving-checks',
  loadTest: 'load-tests',
  drift: 'drift',
  performance: 'performance',
  registry: 'registry',
} as const;
export type RecordKind = keyof typeof RECORD_KINDS;

/** What a record was computed from: enough to tell later whether the input changed. */
export interface InputFingerprint {
  /** Relative to the project root, with forward slashes. */
  path: string;
  sizeBytes: number;
  mtimeMs: number;
  sha256: string;
}

export interface RecordEnvelope<T = unknown> {
  schemaVersion: 1;
  kind: RecordKind;
  /** Stable name within its kind: the dataset role, the run id ... */
  name: string;
  createdAt: string;
  inputs: InputFingerprint[];
  /** pass / fail for records that are checks (validation, drift, baseline comparison ...). */
  outcome?: 'pass' | 'fail';
  /** One line for the sidebar. */
  summary?: string;
  data: T;
}

export function recordPath(root: string, kind: RecordKind, name: string): string {
  return join(root, RECORDS_DIR, RECORD_KINDS[kind], `${name}.json`);
}

/**
 * Writes a record atomically (temp file + rename): a crash never leaves half a record. Refused
 * when .mlcycle/ (or its folder of the kind) is a link to a place outside the project.
 */
export async function writeRecord(root: string, record: RecordEnvelope): Promise<string> {
  const path = recordPath(root, record.kind, record.name);
  await writeFileAtomic(path, JSON.stringify(record, null, 2) + '\n', {
    createFolder: true,
    root,
    shown: relative(root, path).split('\\').join('/'),
  });
  return path;
}

/** Why a JSON text does not parse, without quoting it (a damaged file's content stays out of messages). */
export function jsonProblem(error: unknown, text?: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const at = position ? Number(position[1]) : undefined;
  if (
    /Unexpected end of JSON input|Unterminated/i.test(message) ||
    (at !== undefined && text !== undefined && at >= text.trimEnd().length)
  )
    return 'it ends too early (truncated?)';
  return at !== undefined ? `it is not valid JSON (at character ${at + 1})` : 'it is not valid JSON';
}

/** Every readable record of a kind, newest first; unreadable files are reported, not thrown. */
export async function readRecords(
  root: string,
  kind: RecordKind,
): Promise<{ records: RecordEnvelope[]; unreadable: string[] }> {
  const dir = join(root, RECORDS_DIR, RECORD_KINDS[kind]);
  // A .mlcycle/ (or runs/ ...) that links out of the project is not this project's records.
  if (!isReallyInside(root, dir)) return { records: [], unreadable: [join(RECORDS_DIR, RECORD_KINDS[kind])] };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch {
    return { records: [], unreadable: [] };
  }
  const records: RecordEnvelope[] = [];
  const unreadable: string[] = [];
  for (const name of names) {
    try {
      const value = JSON.parse(await readFile(join(dir, name), 'utf8')) as RecordEnvelope;
      if (value?.schemaVersion !== 1 || value.kind !== kind) throw new Error('not a record of this version');
      records.push(value);
    } catch {
      unreadable.push(join(RECORDS_DIR, RECORD_KINDS[kind], name));
    }
  }
  records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { records, unreadable };
}

/** Streams a file through SHA-256. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

export async function fingerprint(root: string, absolutePath: string, sha256?: string): Promise<InputFingerprint> {
  const info = await stat(absolutePath);
  return {
    path: relative(root, absolutePath).split('\\').join('/'),
    sizeBytes: info.size,
    mtimeMs: info.mtimeMs,
    sha256: sha256 ?? (await sha256File(absolutePath)),
  };
}

export type InputState = 'unchanged' | 'changed' | 'missing';

/**
 * Whether an input is still what a record was computed from. Size and mtime decide when they
 * agree; when only the mtime moved (a git checkout, a copy) the content hash decides, so a
 * touched file does not make every report stale.
 */
export async function inputState(root: string, input: InputFingerprint, hash = sha256File): Promise<InputState> {
  const absolute = join(root, input.path);
  if (!isReallyInside(root, absolute)) return 'missing';
  let info;
  try {
    info = await stat(absolute);
  } catch {
    return 'missing';
  }
  if (info.size !== input.sizeBytes) return 'changed';
  if (info.mtimeMs === input.mtimeMs) return 'unchanged';
  return (await hash(absolute)) === input.sha256 ? 'unchanged' : 'changed';
}

/** Fingerprints of the files a record was computed from (those that exist). */
export async function inputFingerprints(root: string, files: Array<string | undefined>): Promise<InputFingerprint[]> {
  const out: InputFingerprint[] = [];
  for (const file of files) {
    if (!file) continue;
    try {
      await stat(file);
    } catch {
      continue;
    }
    out.push(await fingerprint(root, file));
  }
  return out;
}
