// The profile job's parameters for a file of a project: the project's alert thresholds and
// sampling always, and its target and task when the file is one of the project's datasets.
// The editor's commands and the CLI's drafts build them here, so a profile recorded by one is
// reused by the other (same parameters, same cache key).
import type { ProjectFile } from '../project/projectFile';
import type { ProfileParams } from './profileTypes';

export function projectProfileParams(
  file: string,
  root: string,
  project: ProjectFile | undefined,
  withTarget: boolean,
): ProfileParams {
  const params: ProfileParams = { path: file, root };
  if (project && withTarget) {
    params.target = project.target;
    params.task = project.task;
  }
  if (project?.profile?.thresholds) params.thresholds = project.profile.thresholds;
  if (project?.profile?.sampling) params.sampling = project.profile.sampling;
  return params;
}
