// Which missing-value markers a job applies to a data file: the ONE resolution every front door
// (the CLI's commands, the editor's commands, the jobs that read the project themselves) uses, so
// a file is read the same way by inspect, profile, validate, train, evaluate and predict.
// Order: an explicit list (the CLI's --missing-values, or a run record being reproduced) wins;
// else the dataset's own `missingValues` in mlcycle.yaml (when the file is one of its datasets);
// else the project's top-level `missingValues`; else pandas 2's defaults.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { markersOf, type MissingValuesSetting } from '../data/missingMarkers';
import { parseYaml } from '../yaml/yamlDocument';
import { DATASET_ROLES, findProjectRoot, PROJECT_FILE, type DatasetRole } from './projectFile';

/** What of mlcycle.yaml the resolution needs (a ProjectFile has it; so does a lenient reading). */
export interface MissingValuesConfig {
  missingValues?: MissingValuesSetting;
  datasets?: Partial<Record<DatasetRole, string>>;
  datasetMissingValues?: Partial<Record<DatasetRole, MissingValuesSetting>>;
}

/** The role of `file` (absolute, or relative to root) among the project's datasets. */
export function datasetRoleOf(
  config: MissingValuesConfig | undefined,
  root: string,
  file: string,
): DatasetRole | undefined {
  const absolute = resolve(root, file);
  return DATASET_ROLES.find((role) => {
    const path = config?.datasets?.[role];
    return typeof path === 'string' && resolve(root, path) === absolute;
  });
}

/**
 * The markers read as missing in `file` (besides the empty cell, always missing): sorted, unique.
 * `explicit` (already a full list) replaces everything the project says.
 */
export function resolveMissingMarkers(
  config: MissingValuesConfig | undefined,
  root: string | undefined,
  file: string,
  explicit?: readonly string[],
): string[] {
  if (explicit) return markersOf({ markers: [...explicit], defaults: false });
  const role = root !== undefined ? datasetRoleOf(config, root, file) : undefined;
  const own = role ? config?.datasetMissingValues?.[role] : undefined;
  return markersOf(own ?? config?.missingValues);
}

function validSetting(value: unknown): MissingValuesSetting | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const setting: MissingValuesSetting = {};
  if (Array.isArray(raw.markers)) setting.markers = raw.markers.filter((m): m is string => typeof m === 'string');
  if (typeof raw.defaults === 'boolean') setting.defaults = raw.defaults;
  return setting;
}

/**
 * The missing-value settings of a parsed mlcycle.yaml, read leniently (what is valid applies):
 * `missingValues` at the top, and `datasets.<role>` as a path or `{ path, missingValues }`.
 */
export function missingValuesConfig(
  raw: unknown,
): Required<Pick<MissingValuesConfig, 'datasets' | 'datasetMissingValues'>> & MissingValuesConfig {
  const top = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const datasets: Partial<Record<DatasetRole, string>> = {};
  const datasetMissingValues: Partial<Record<DatasetRole, MissingValuesSetting>> = {};
  const entries =
    top.datasets !== null && typeof top.datasets === 'object' ? (top.datasets as Record<string, unknown>) : {};
  for (const role of DATASET_ROLES) {
    const entry = entries[role];
    if (typeof entry === 'string') datasets[role] = entry;
    else if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      const object = entry as Record<string, unknown>;
      if (typeof object.path === 'string') datasets[role] = object.path;
      const setting = validSetting(object.missingValues);
      if (setting) datasetMissingValues[role] = setting;
    }
  }
  const missingValues = validSetting(top.missingValues);
  return { ...(missingValues ? { missingValues } : {}), datasets, datasetMissingValues };
}

/**
 * The markers for a data file named on the command line: `explicit` when given, else what the
 * mlcycle.yaml at or above the file says (read leniently: its other problems are reported by
 * the command's own project checks), else pandas' defaults.
 */
export async function markersForFile(file: string, explicit?: readonly string[]): Promise<string[]> {
  if (explicit) return resolveMissingMarkers(undefined, undefined, file, explicit);
  const root = await findProjectRoot(dirname(resolve(file)));
  if (!root) return resolveMissingMarkers(undefined, undefined, file);
  let text: string;
  try {
    text = await readFile(join(root, PROJECT_FILE), 'utf8');
  } catch {
    return resolveMissingMarkers(undefined, undefined, file);
  }
  return resolveMissingMarkers(missingValuesConfig(parseYaml(text).value), root, resolve(file));
}
