// Creating a project: the checks and the write behind "ML Lifecycle: Initialize Project" and
// `mlcycle init`. The new mlcycle.yaml is written with 'wx', so an existing project file is
// never replaced, even one that appeared while the user was choosing.
import { realpath, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { JobError } from '../../protocol/jobError';
import { isInside } from '../paths';
import { PROJECT_FILE } from './projectFile';
import { renderProjectFile, type NewProject } from './templates';

export const PROJECT_TASKS: readonly NewProject['task'][] = ['classification', 'regression'];

export interface InitProjectParams {
  /** The project folder (absolute). */
  folder: string;
  /** The training data file, relative to the folder (or absolute, inside it). */
  dataset: string;
  task: string;
  target: string;
  /** Default: the folder's name. */
  name?: string;
  /** The dataset's columns, when known: the target must be one of them. */
  columns?: readonly string[];
}

export interface InitProjectResult {
  /** The project file written (absolute). */
  file: string;
  project: NewProject;
}

const toPosix = (path: string) => path.split('\\').join('/');

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Throws JobError('bad-input') when the project file exists already, naming it. */
export async function refuseExistingProject(folder: string): Promise<void> {
  const file = join(folder, PROJECT_FILE);
  try {
    await stat(file);
  } catch {
    return;
  }
  throw new JobError(
    'bad-input',
    `${file} already exists: init never overwrites a project file. Edit it, or delete it first to start over.`,
    { file },
  );
}

/** The dataset as the project file names it (relative, forward slashes); checks it is a file inside the folder. */
export async function projectDatasetPath(folder: string, dataset: string): Promise<string> {
  const absolute = resolve(folder, dataset);
  if (!isInside(folder, absolute))
    throw new JobError('bad-input', `${dataset} is outside ${folder}: keep the project's data inside its folder.`);
  if (!(await isFile(absolute)))
    throw new JobError('bad-input', `The dataset ${relative(folder, absolute)} does not exist in ${folder}.`, {
      file: absolute,
    });
  // A symlink inside the folder that points outside it leaves the project all the same.
  if (!isInside(await realpath(folder), await realpath(absolute)))
    throw new JobError(
      'bad-input',
      `${dataset} is a link to a file outside ${folder}: keep the project's data inside it.`,
    );
  return toPosix(relative(folder, absolute));
}

/** Checks the task and the target; the target against the dataset's header when the columns are known. */
export function checkTaskAndTarget(
  task: string,
  target: string,
  dataset: string,
  columns?: readonly string[],
): NewProject['task'] {
  if (!(PROJECT_TASKS as readonly string[]).includes(task))
    throw new JobError('bad-input', `Unknown task "${task}": the task is ${PROJECT_TASKS.join(' or ')}.`);
  if (target === '') throw new JobError('bad-input', 'The target must be a column name.');
  if (columns && columns.length > 0 && !columns.includes(target)) {
    const near = columns.find((c) => c.toLowerCase() === target.toLowerCase());
    throw new JobError(
      'bad-input',
      `${dataset} has no column "${target}"${near ? ` (did you mean "${near}"?)` : ''}; its columns are: ${columns.join(', ')}.`,
    );
  }
  return task as NewProject['task'];
}

/** Checks everything, then writes `<folder>/mlcycle.yaml` (never over an existing one). */
export async function initProject(params: InitProjectParams): Promise<InitProjectResult> {
  const folder = resolve(params.folder);
  await refuseExistingProject(folder);
  const train = await projectDatasetPath(folder, params.dataset);
  const task = checkTaskAndTarget(params.task, params.target, train, params.columns);
  const project: NewProject = { name: params.name ?? basename(folder), task, target: params.target, train };
  const file = join(folder, PROJECT_FILE);
  try {
    await writeFile(file, renderProjectFile(project), { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') await refuseExistingProject(folder);
    throw new JobError('failed', `Could not write ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
  return { file, project };
}
