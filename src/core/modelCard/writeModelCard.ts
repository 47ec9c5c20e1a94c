// Generating the project's model card on disk, for the CLI and the editor: read the card,
// generate, write it atomically (only when it changed) with its baseline, and write the
// requested exports from the card as written. A card that does not parse is never touched.
import { relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { isReallyInside } from '../paths';
import { exportPathFor, readTextIfExists, writeCardBaseline, writeTextAtomic } from './modelCardFiles';
import { generateModelCard } from './generateModelCard';
import { readProject } from './cardSources';
import { modelCardToHtml } from './exportHtml';
import { modelCardToMarkdown } from './exportMarkdown';
import { ModelCardError } from './modelCardError';
import { parseCard } from './mergeCard';

export interface WriteModelCardOptions {
  root: string;
  run?: string;
  /** The card file (absolute, or relative to the root); default the project's documents.modelCard. */
  card?: string;
  /** Export files (absolute, or relative to the root); `true` for next to the card (.md / .html). */
  markdown?: string | true;
  html?: string | true;
  /** Only export the card as it is, without generating. */
  exportOnly?: boolean;
  now?: Date;
}

export interface WriteModelCardResult {
  /** The card, absolute. */
  card: string;
  written: boolean;
  changes: string[];
  run?: string;
  exports: string[];
}

const toPosix = (path: string) => path.split('\\').join('/');

/** The card's text parsed for export; refuses a card with YAML errors. */
export function cardForExport(text: string, file: string): unknown {
  parseCard(text, file);
  return parse(text);
}

export async function writeModelCard(options: WriteModelCardOptions): Promise<WriteModelCardResult> {
  const root = resolve(options.root);
  const project = await readProject(root);
  const card = resolve(root, options.card ?? project.documents.modelCard);
  if (!isReallyInside(root, card))
    throw new ModelCardError(`${card} is outside the project folder ${root}: keep the model card inside it.`);
  const document = toPosix(relative(root, card));
  const existing = await readTextIfExists(card);

  let text = existing;
  let changes: string[] = [];
  let run: string | undefined;
  let written = false;
  if (!options.exportOnly) {
    const result = await generateModelCard({
      root,
      run: options.run,
      existingText: existing,
      file: document,
      now: options.now,
    });
    ({ text, changes, run } = result);
    if (result.text !== existing) {
      await writeTextAtomic(card, result.text);
      written = true;
    }
    await writeCardBaseline(root, document, result.baseline, options.now);
  } else if (existing === undefined) {
    throw new ModelCardError(`No model card at ${document} to export: generate it first.`);
  }

  const exports: string[] = [];
  if (options.markdown !== undefined || options.html !== undefined) {
    const parsed = cardForExport(text!, document);
    const target = (given: string | true, extension: 'md' | 'html') =>
      given === true ? exportPathFor(card, extension) : resolve(root, given);
    if (options.markdown !== undefined)
      exports.push(await writeExport(target(options.markdown, 'md'), modelCardToMarkdown(parsed)));
    if (options.html !== undefined)
      exports.push(await writeExport(target(options.html, 'html'), modelCardToHtml(parsed)));
  }
  return { card, written, changes, run, exports };
}

async function writeExport(path: string, text: string): Promise<string> {
  // An export file the user names is an output like any other: its folder must exist.
  await writeTextAtomic(path, text, { createFolder: false });
  return path;
}
