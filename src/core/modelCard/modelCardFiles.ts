// The files behind a generation: the card (written atomically) and its baseline under
// .mlcycle/drafts/ that remembers which values the last generation wrote, so the next one can
// tell them from the user's edits. Exports go next to the card unless told otherwise.
import { join } from 'node:path';
import { readTextIfExists, writeTextAtomic } from '../dictionary/dictionaryFiles';
import { RECORDS_DIR } from '../project/projectFile';
import type { CardBaseline } from './modelCardTypes';

export { readTextIfExists, writeTextAtomic };

interface StoredBaseline extends CardBaseline {
  schemaVersion: 1;
  /** The card this baseline belongs to, relative to the project root. */
  document: string;
  writtenAt: string;
}

export function cardBaselinePath(root: string): string {
  return join(root, RECORDS_DIR, 'drafts', 'model-card.json');
}

/** The baseline of the card at `document`; undefined when there is none, it is unreadable, or it is another card's. */
export async function readCardBaseline(root: string, document: string): Promise<CardBaseline | undefined> {
  try {
    const stored = JSON.parse((await readTextIfExists(cardBaselinePath(root))) ?? 'null') as StoredBaseline | null;
    if (
      stored?.schemaVersion !== 1 ||
      stored.document !== document ||
      typeof stored.fields !== 'object' ||
      !Array.isArray(stored.caveats)
    )
      return undefined;
    return { fields: stored.fields, caveats: stored.caveats.filter((c) => typeof c === 'string') };
  } catch {
    return undefined;
  }
}

export async function writeCardBaseline(
  root: string,
  document: string,
  baseline: CardBaseline,
  now = new Date(),
): Promise<void> {
  const stored: StoredBaseline = { schemaVersion: 1, document, writtenAt: now.toISOString(), ...baseline };
  await writeTextAtomic(cardBaselinePath(root), JSON.stringify(stored, null, 2) + '\n', { root });
}

/** The card's path with another extension: docs/model-card.yaml → docs/model-card.md. */
export function exportPathFor(cardPath: string, extension: 'md' | 'html'): string {
  return cardPath.replace(/\.ya?ml$/i, '') + `.${extension}`;
}
