// The project a CLI command works on: --root, else the mlcycle.yaml at or above the working
// directory, read and checked; an invalid project file is an error naming its first problem.
import { join, relative } from 'node:path';
import { PROJECT_FILE, readProjectFile, type ProjectFile } from '../core/project/projectFile';
import type { CliIO } from './io';
import { UsageError } from './io';
import { projectRootFor } from './modelOutput';

export interface CliProject {
  root: string;
  project: ProjectFile;
}

export async function loadProject(values: Record<string, unknown>, io: CliIO): Promise<CliProject> {
  const root = await projectRootFor(values, io);
  const loaded = await readProjectFile(root);
  if (!loaded) throw new UsageError(`No ${PROJECT_FILE} in ${root}: create one with \`mlcycle init\`.`);
  if (!loaded.project) {
    const first = loaded.problems.find((p) => p.severity === 'error');
    const where = `${join(root, PROJECT_FILE)}${first ? `:${first.start.line}:${first.start.column}` : ''}`;
    throw new UsageError(`The project file is not valid (${where}${first ? `: ${first.message}` : ''}); fix it first.`);
  }
  return { root, project: loaded.project };
}

/** A path as the user should read it: relative to the working directory when inside it. */
export function shownPath(io: CliIO, absolute: string): string {
  const rel = relative(io.cwd, absolute);
  return rel === '' || rel.startsWith('..') ? absolute : rel;
}
