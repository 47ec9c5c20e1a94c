// Real profiles for the report's tests, computed here by the profile engine itself from real
// data: the penguins example project (with its target), and seattle-weather and cars from
// vega-datasets. Nothing is written by hand, so the tests follow the engine as it changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileDataset } from '../../../src/core/profile/profileDataset';
import type { DatasetProfile, ProfileParams } from '../../../src/core/profile/profileTypes';
import { parseProjectFile, PROJECT_FILE } from '../../../src/core/project/projectFile';
import { buildProfileReport } from '../../../src/extension/panels/profilePayload';
import type { ProfileReport, ProjectSummary } from '../../../src/protocol/webview';
import { REPO_ROOT } from '../panels/browserHarness';

export const PENGUINS_ROOT = join(REPO_ROOT, 'examples/penguins');
// vega-datasets' "exports" hide data/, so its files are addressed inside node_modules directly.
export const VEGA_DATA = join(REPO_ROOT, 'node_modules/vega-datasets/data');

const quiet = () => ({ signal: new AbortController().signal, report: () => undefined });

export function profileOf(params: ProfileParams): Promise<DatasetProfile> {
  return profileDataset(params, quiet());
}

export function penguinsProject(): ProjectSummary {
  const { project } = parseProjectFile(readFileSync(join(PENGUINS_ROOT, PROJECT_FILE), 'utf8'), PENGUINS_ROOT);
  if (!project) throw new Error('examples/penguins/mlcycle.yaml is not valid');
  return { name: project.name, task: project.task, target: project.target, root: PENGUINS_ROOT };
}

/** The penguins training data, profiled as the command profiles it (target Species). */
export async function penguinsTrainReport(): Promise<ProfileReport> {
  const profile = await profileOf({
    path: 'data/train.csv',
    root: PENGUINS_ROOT,
    target: 'Species',
    task: 'classification',
  });
  return buildProfileReport({ profile, project: penguinsProject(), role: 'train' });
}

/** A vega-datasets file outside any project, profiled without a target (or with one given). */
export async function vegaReport(
  file: string,
  target?: Pick<ProfileParams, 'target' | 'task'>,
): Promise<ProfileReport> {
  const profile = await profileOf({ path: file, root: VEGA_DATA, ...target });
  return buildProfileReport({
    profile,
    project: {
      name: 'vega-datasets',
      task: target?.task ?? 'classification',
      target: target?.target ?? '',
      root: VEGA_DATA,
    },
  });
}
