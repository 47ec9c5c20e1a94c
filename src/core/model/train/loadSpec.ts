// Reading what a training run is defined by: mlcycle.yaml (defaults for task, target, data and
// sensitive columns) and the pipeline spec. Anything wrong is bad input named at its file,
// line and column; every problem of the spec is listed in the message, the first one located.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { JobError } from '../../../protocol/jobError';
import { fsReason } from '../../fsErrors';
import { OutsideWorkspaceError, resolveInside } from '../../paths';
import { PROJECT_FILE, readProjectFile, type ProjectFile } from '../../project/projectFile';
import { formatPosition, type Problem } from '../../yaml/yamlDocument';
import { parsePipelineSpec } from '../spec/parsePipelineSpec';
import type { PipelineSpec } from '../specTypes';

export interface LoadedSpec {
  project: ProjectFile;
  spec: PipelineSpec;
  /** Absolute path of the spec file. */
  specFile: string;
  /** Relative to the root, forward slashes. */
  specPath: string;
}

/** The project file, or bad input saying what is wrong with it. */
export async function requireProject(root: string): Promise<ProjectFile> {
  const loaded = await readProjectFile(root);
  const file = join(root, PROJECT_FILE);
  if (!loaded)
    throw new JobError(
      'bad-input',
      `No ${PROJECT_FILE} in ${root}: training needs a project (run "ML Lifecycle: Initialize Project").`,
      { file },
    );
  if (loaded.project) return loaded.project;
  const first = loaded.problems.find((p) => p.severity === 'error');
  throw new JobError(
    'bad-input',
    `${first ? formatPosition(PROJECT_FILE, first.start) + ': ' + first.message : 'The project file is not valid'}.`,
    { file, ...(first ? { line: first.start.line, column: first.start.column } : {}) },
  );
}

/** Resolves a path from a document or a parameter inside the project, or throws bad input. */
export function insideProject(root: string, path: string, what: string): string {
  try {
    return resolveInside(root, path);
  } catch (error) {
    if (error instanceof OutsideWorkspaceError)
      throw new JobError(
        'bad-input',
        error.link
          ? `The ${what} "${path}" leaves the project: ${error.link.path} is a symbolic link to ${error.link.target}, outside the project folder ${root}.`
          : `The ${what} "${path}" is outside the project folder ${root}.`,
        { file: resolve(root, path) },
      );
    throw error;
  }
}

/** Throws the spec's errors as one bad-input error located at the first. */
export function throwSpecProblems(problems: Problem[], shown: string, file: string, what = 'The pipeline spec'): void {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  const first = errors[0];
  const lines = errors.map((p) => `${formatPosition(shown, p.start)}: ${p.message}`);
  const message = errors.length === 1 ? lines[0] : `${what} has ${errors.length} problems:\n${lines.join('\n')}`;
  throw new JobError('bad-input', message, { file, line: first.start.line, column: first.start.column });
}

export async function loadSpec(root: string, specOption?: string): Promise<LoadedSpec> {
  const project = await requireProject(root);
  const specPath = (specOption ?? project.documents.pipeline).split('\\').join('/');
  const specFile = insideProject(root, specPath, 'pipeline spec');
  let text: string;
  try {
    text = await readFile(specFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist: write one (schema schemas/pipeline.schema.json) or name another with --spec'
        : `cannot be read: ${fsReason(error)}`;
    throw new JobError('bad-input', `The pipeline spec ${specPath} ${reason}.`, { file: specFile });
  }
  const shown = specPath;
  const parsed = parsePipelineSpec(text, project);
  throwSpecProblems(parsed.problems, shown, specFile);
  if (!parsed.spec)
    throw new JobError('bad-input', `The pipeline spec ${shown} could not be read.`, { file: specFile });
  return { project, spec: parsed.spec, specFile, specPath: relativePath(root, specFile) };
}

function relativePath(root: string, file: string): string {
  const rel = file.startsWith(root) ? file.slice(root.length).replace(/^[\\/]+/, '') : file;
  return rel.split('\\').join('/');
}
