// A package's manifest, mlcycle-package.json: where the model came from (run, model, the data
// fingerprints the run recorded, its metrics) and the sha256 of every other file in the folder,
// so a server can refuse a package whose files were altered. verifyPackage re-hashes the folder
// against it; readPackageManifest refuses a package of a newer format than this version knows.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { JobError } from '../../protocol/jobError';
import { fsErrorCode, fsReason } from '../fsErrors';
import type { InputFingerprint } from '../records';
import type { Task } from '../model/models/estimator';

export const PACKAGE_FORMAT = 'mlcycle-package';
export const PACKAGE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'mlcycle-package.json';

export interface PackageFile {
  sha256: string;
  sizeBytes: number;
}

export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  formatVersion: number;
  /** `<runId>--<model>`: also the folder's name. */
  id: string;
  runId: string;
  model: string;
  /** "builtin": our pipeline + model JSON; "external": a trainer's model folder and its predict command. */
  kind: 'builtin' | 'external';
  modelKind: string;
  task: Task;
  target: string;
  created: string;
  generator: string;
  /** The data (and spec) files the run trained on, as the run fingerprinted them. */
  data: InputFingerprint[];
  /** The model's metrics in the run: CV means and holdout values. */
  metrics: { primary: string; cv?: Record<string, number>; holdout?: Record<string, number> };
  /** Every file of the folder but this manifest, by relative path (forward slashes), sorted. */
  files: Record<string, PackageFile>;
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file under `dir` (relative, forward slashes, sorted); folders are walked, not listed. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/** The files entry of a manifest for the folder as it is now (the manifest itself excluded). */
export async function hashFiles(dir: string): Promise<Record<string, PackageFile>> {
  const files: Record<string, PackageFile> = {};
  for (const path of await listFiles(dir)) {
    if (path === MANIFEST_FILE) continue;
    const data = await readFile(join(dir, ...path.split('/')));
    files[path] = { sha256: sha256(data), sizeBytes: data.length };
  }
  return files;
}

/** Reads a package's manifest: bad input when absent, unreadable or of a newer format. */
export async function readPackageManifest(dir: string): Promise<PackageManifest> {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new JobError(
      'bad-input',
      fsErrorCode(error) === 'ENOENT'
        ? `${dir} is not an ML Lifecycle package (it has no ${MANIFEST_FILE}).`
        : `Cannot read ${file}: ${fsReason(error)}.`,
      { file },
    );
  }
  let manifest: PackageManifest;
  try {
    manifest = JSON.parse(text) as PackageManifest;
  } catch (error) {
    throw new JobError('bad-input', `${file} is not valid JSON: ${(error as Error).message}`, { file });
  }
  if (
    !manifest ||
    manifest.format !== PACKAGE_FORMAT ||
    typeof manifest.formatVersion !== 'number' ||
    !manifest.files ||
    typeof manifest.files !== 'object'
  )
    throw new JobError('bad-input', `${file} is not an ML Lifecycle package manifest.`, { file });
  if (manifest.formatVersion > PACKAGE_FORMAT_VERSION)
    throw new JobError(
      'bad-input',
      `The package ${manifest.id ?? dir} has format version ${manifest.formatVersion}, made by a newer ML Lifecycle; this version reads packages up to version ${PACKAGE_FORMAT_VERSION}. Update ML Lifecycle, or package the model again with this version.`,
      { file },
    );
  return manifest;
}

export interface PackageVerification {
  ok: boolean;
  /** Files whose content no longer matches their sha256. */
  altered: string[];
  /** Files the manifest lists that are gone. */
  missing: string[];
  /** Files in the folder the manifest does not list. */
  unexpected: string[];
}

/** Re-hashes a package folder against its manifest. */
export async function verifyPackage(dir: string): Promise<PackageVerification> {
  const manifest = await readPackageManifest(dir);
  const now = await hashFiles(dir);
  const altered: string[] = [];
  const missing: string[] = [];
  for (const [path, expected] of Object.entries(manifest.files)) {
    const found = now[path];
    if (!found) missing.push(path);
    else if (found.sha256 !== expected.sha256 || found.sizeBytes !== expected.sizeBytes) altered.push(path);
  }
  const unexpected = Object.keys(now).filter((p) => !Object.prototype.hasOwnProperty.call(manifest.files, p));
  return {
    ok: altered.length + missing.length + unexpected.length === 0,
    altered: altered.sort(),
    missing: missing.sort(),
    unexpected: unexpected.sort(),
  };
}
