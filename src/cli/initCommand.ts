// `mlcycle init`: create mlcycle.yaml without the editor, with the same checks and the same
// file as "ML Lifecycle: Initialize Project" (the core's initProject). Never overwrites an
// existing project file. Exit 0 when created, 2 when refused (a project file exists, the data
// file is missing or outside the folder, the task is unknown, the target is not a column).
import { resolve } from 'node:path';
import { openDataset } from '../core/duckdb/openDataset';
import {
  checkTaskAndTarget,
  initProject,
  PROJECT_TASKS,
  projectDatasetPath,
  refuseExistingProject,
} from '../core/project/initProject';
import type { CliCommand } from './command';
import { EXIT, UsageError } from './io';
import { writeResult } from './jobOutput';
import { shownPath } from './projectContext';

/** The column names as every job reads them (the data loader's header). */
async function datasetColumns(path: string, root: string, signal: AbortSignal): Promise<string[]> {
  const dataset = await openDataset({ path, root, signal });
  try {
    return dataset.columns.map((c) => c.name);
  } finally {
    dataset.close();
  }
}

export const initCommand: CliCommand = {
  name: 'init',
  summary:
    'Create mlcycle.yaml for a dataset, task and target (as the editor\'s "Initialize Project"); never overwrites.',
  usage: `mlcycle init --dataset <file> --task ${PROJECT_TASKS.join('|')} --target <column> [--name <name>] [--root <dir>] [--json <out.json|->]`,
  options: {
    dataset: { type: 'string', short: 'd', description: 'the training data file, inside the project folder' },
    task: { type: 'string', description: `what the model predicts: ${PROJECT_TASKS.join(' or ')}` },
    target: { type: 'string', short: 't', description: "the column to predict (must be in the data file's header)" },
    name: { type: 'string', description: "the project's name (default: the folder's name)" },
    root: { type: 'string', description: 'the project folder (default: the working directory)' },
    json: { type: 'string', description: 'also write the result as JSON to this file ("-" for stdout only)' },
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length > 0)
      throw new UsageError(`Unexpected argument "${positionals[0]}": give the data file with --dataset <file>.`);
    const missing = ['dataset', 'task', 'target'].filter((k) => typeof values[k] !== 'string');
    if (missing.length > 0) throw new UsageError(`init needs ${missing.map((k) => `--${k}`).join(', ')}.`);
    const folder = resolve(io.cwd, typeof values.root === 'string' ? values.root : '.');
    const dataset = resolve(io.cwd, values.dataset as string);
    const task = values.task as string;
    const target = values.target as string;
    // The cheap refusals first, before the data file is read.
    await refuseExistingProject(folder);
    const train = await projectDatasetPath(folder, dataset);
    checkTaskAndTarget(task, target, train);
    const columns = await datasetColumns(dataset, folder, signal);
    const result = await initProject({
      folder,
      dataset,
      task,
      target,
      columns,
      ...(typeof values.name === 'string' ? { name: values.name } : {}),
    });
    const { project } = result;
    await writeResult(io, values.json, { file: result.file, ...project, columns }, () =>
      [
        `Created ${shownPath(io, result.file)}: project "${project.name}", ${project.task} of "${project.target}", training data ${project.train} (${columns.length} columns).`,
        'Next: mlcycle draft-dictionary, mlcycle draft-expectations, mlcycle status.',
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
