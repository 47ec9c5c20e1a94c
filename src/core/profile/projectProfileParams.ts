// The profile job's parameters for a file of a project: the project's alert thresholds and
// sampling always, its missing-value markers (the file's own when it is one of the datasets),
// and its target and task when the file is one of the project's datasets.
// The editor's commands and the CLI's drafts build them here, so a profile recorded by one is
// reused by the other (same parameters, same cache key).
import { isDefaultMarkers } from '../data/missingMarkers';
import { resolveMissingMarkers } from '../project/missingValues';
import type { ProjectFile } from '../project/projectFile';
import type { ProfileParams } from './profileTypes';

export function projectProfileParams(
  file: string,
  root: string,
  project: ProjectFile | undefined,
  withTarget: boolean,
  /** The CLI's --missing-values: replaces what the project says. */
  missingValues?: readonly string[],
): ProfileParams {
  const params: ProfileParams = { path: file, root };
  if (project && withTarget) {
    params.target = project.target;
    params.task = project.task;
  }
  if (project?.profile?.thresholds) params.thresholds = project.profile.thresholds;
  if (project?.profile?.sampling) params.sampling = project.profile.sampling;
  params.missingValues = resolveMissingMarkers(project, root, file, missingValues);
  return params;
}

/** Whether a recorded profile was read with the markers `params` ask for (none recorded: pandas' defaults). */
export function sameMissingValues(recorded: readonly string[] | undefined, params: ProfileParams): boolean {
  const wanted = params.missingValues;
  if (!wanted || isDefaultMarkers(wanted)) return !recorded || isDefaultMarkers(recorded);
  if (!recorded) return false;
  const a = [...new Set(recorded)].sort();
  const b = [...new Set(wanted)].sort();
  return a.length === b.length && a.every((m, i) => m === b[i]);
}
