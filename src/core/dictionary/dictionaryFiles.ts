// The files behind a re-draft: the dictionary itself (written atomically, so a crash never
// leaves half a document) and the draft baseline under .mlcycle/ that remembers which observed
// values the last draft wrote, so the next one can tell them from the user's edits.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, type AtomicWriteOptions } from '../atomicWrite';
import { RECORDS_DIR } from '../project/projectFile';
import type { DraftBaseline } from './dictionaryTypes';

interface StoredBaseline extends DraftBaseline {
  schemaVersion: 1;
  /** The dictionary this baseline belongs to, relative to the project root. */
  document: string;
  writtenAt: string;
}

export function baselinePath(root: string): string {
  return join(root, RECORDS_DIR, 'drafts', 'data-dictionary.json');
}

/** The text of a file, or undefined when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes through a temp file and a rename: readers see the old text or the new, never half. */
export function writeTextAtomic(path: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  return writeFileAtomic(path, text, { createFolder: true, ...options });
}

/** The baseline of the dictionary at `document`; undefined when there is none (or it is for another file). */
export async function readBaseline(root: string, document: string): Promise<DraftBaseline | undefined> {
  try {
    const stored = JSON.parse((await readTextIfExists(baselinePath(root))) ?? 'null') as StoredBaseline | null;
    if (
      stored?.schemaVersion !== 1 ||
      stored.document !== document ||
      typeof stored.fields !== 'object' ||
      stored.fields === null
    )
      return undefined;
    return { fields: stored.fields };
  } catch {
    // An unreadable baseline only means every differing observed value is treated as the user's.
    return undefined;
  }
}

export async function writeBaseline(
  root: string,
  document: string,
  baseline: DraftBaseline,
  now = new Date(),
): Promise<void> {
  const stored: StoredBaseline = { schemaVersion: 1, document, writtenAt: now.toISOString(), fields: baseline.fields };
  await writeTextAtomic(baselinePath(root), JSON.stringify(stored, null, 2) + '\n', { root });
}
