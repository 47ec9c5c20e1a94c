// `mlcycle model-card`: generate (or regenerate) the project's model card from the charter, the
// data dictionary and a run, keeping what the user wrote, and export it to Markdown / HTML.
// Exit 0 when the card is written (or up to date), 2 when it cannot be: no project, no run, or
// a card with YAML errors (reported with its position and left untouched).
import { relative, resolve } from 'node:path';
import { writeModelCard } from '../core/modelCard/writeModelCard';
import type { CliCommand } from './command';
import { EXIT, UsageError } from './io';
import { projectRootFor } from './modelOutput';

export const modelCardCommand: CliCommand = {
  name: 'model-card',
  summary:
    'Generate the model card from the charter, the data dictionary and a run (keeping your text); export it to Markdown or HTML.',
  usage:
    'mlcycle model-card [--run <runId>] [--root <dir>] [--out <card.yaml>] [--markdown <file.md>] [--html <file.html>] [--export-only]',
  options: {
    run: { type: 'string', description: 'the run to describe (default: the newest run in .mlcycle/runs/)' },
    root: {
      type: 'string',
      description: 'the project folder (default: the folder holding mlcycle.yaml at or above the working directory)',
    },
    out: {
      type: 'string',
      description: "the card to write (default: the project's documents.modelCard, docs/model-card.yaml)",
    },
    markdown: { type: 'string', description: 'also export the card as Markdown to this file' },
    html: { type: 'string', description: 'also export the card as one self-contained HTML file' },
    'export-only': { type: 'boolean', description: 'export the card as it is, without generating' },
  },
  async run({ positionals, values, io }) {
    if (positionals.length > 0)
      throw new UsageError(`Unexpected argument "${positionals[0]}": give the run with --run <runId>.`);
    const root = await projectRootFor(values, io);
    const absolute = (key: string) =>
      typeof values[key] === 'string' ? resolve(io.cwd, values[key] as string) : undefined;
    const result = await writeModelCard({
      root,
      run: typeof values.run === 'string' ? values.run : undefined,
      card: absolute('out'),
      markdown: absolute('markdown'),
      html: absolute('html'),
      exportOnly: values['export-only'] === true,
    });
    const shown = (path: string) => (relative(io.cwd, path).startsWith('..') ? path : relative(io.cwd, path));
    const card = shown(result.card);
    if (values['export-only'] !== true) {
      io.stdout.write(
        result.written
          ? `${card}: generated from run ${result.run}.\n`
          : `${card}: up to date with run ${result.run}.\n`,
      );
      for (const change of result.changes.filter((c) => c !== 'up to date')) io.stdout.write(`  ${change}\n`);
    }
    for (const file of result.exports) io.stdout.write(`exported ${shown(file)}\n`);
    return EXIT.ok;
  },
};
