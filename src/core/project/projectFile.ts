// The project file, mlcycle.yaml: reading it, checking it against its schema, and resolving
// the paths it names inside the project folder.
import { access, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import schema from '../../../schemas/mlcycle.schema.json';
import { JobError } from '../../protocol/jobError';
import type { MissingValuesSetting } from '../data/missingMarkers';
import { fileSystemError } from '../fsErrors';
import { isInside, isReallyInside } from '../paths';
import { checkAgainstSchema } from '../yaml/schemaCheck';
import { parseYaml, type Problem } from '../yaml/yamlDocument';
import { missingValuesConfig } from './missingValues';

export const PROJECT_FILE = 'mlcycle.yaml';
/** The project's tuning study, when it has one outside pipeline.yaml's `tuning:` section. */
export const TUNING_FILE = 'tuning.yaml';
export const RECORDS_DIR = '.mlcycle';

export const DATASET_ROLES = ['train', 'holdout', 'current'] as const;
export type DatasetRole = (typeof DATASET_ROLES)[number];

export type DocumentKind = 'charter' | 'dataDictionary' | 'expectations' | 'pipeline' | 'modelCard' | 'decisions';

export const DEFAULT_DOCUMENTS: Record<DocumentKind, string> = {
  charter: 'docs/charter.yaml',
  dataDictionary: 'docs/data-dictionary.yaml',
  expectations: 'docs/expectations.yaml',
  pipeline: 'pipeline.yaml',
  modelCard: 'docs/model-card.yaml',
  decisions: 'docs/decisions.yaml',
};

export interface Monitoring {
  driftThreshold?: number;
  reviewEveryDays?: number;
  retrainEveryDays?: number;
  alerts?: Record<string, number>;
}

export interface ProfileSettings {
  thresholds?: Partial<
    Record<
      | 'zerosPercent'
      | 'correlation'
      | 'cardinality'
      | 'duplicatesPercent'
      | 'skewness'
      | 'imbalance'
      | 'missingPercent'
      | 'leakage'
      | 'uniformPValue',
      number
    >
  >;
  sampling?: { mode: 'first' | 'random' | 'stratified'; rows: number; seed?: number };
}

export interface ProjectFile {
  version: 1;
  name: string;
  description?: string;
  task: 'classification' | 'regression';
  target: string;
  /** Each dataset's path (written as a path, or as `{ path, missingValues }`). */
  datasets: Partial<Record<DatasetRole, string>> & { train: string };
  /** The project's missing-value markers (`missingValues:`); default pandas 2's. */
  missingValues?: MissingValuesSetting;
  /** A dataset's own markers (`datasets.<role>.missingValues`), replacing the project's for it. */
  datasetMissingValues?: Partial<Record<DatasetRole, MissingValuesSetting>>;
  documents: Record<DocumentKind, string>;
  sensitiveColumns: string[];
  monitoring: Monitoring;
  profile: ProfileSettings;
}

export interface ProjectFileResult {
  /** The project, when the file is valid enough to use (no errors). */
  project?: ProjectFile;
  problems: Problem[];
}

/** Parses and checks the text of a project file. Paths are checked to stay inside the folder. */
export function parseProjectFile(text: string, root: string): ProjectFileResult {
  const parsed = parseYaml(text);
  const problems = [...parsed.problems];
  if (problems.some((p) => p.severity === 'error')) return { problems };
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    const at = { line: 1, column: 1 };
    return {
      problems: [
        {
          message: 'The project file must be a mapping of keys (name, task, target, datasets ...).',
          start: at,
          end: at,
          severity: 'error',
          path: [],
        },
      ],
    };
  }
  problems.push(...checkAgainstSchema(parsed, schema));

  const raw = parsed.value as Omit<ProjectFile, 'documents' | 'datasets' | 'datasetMissingValues'> & {
    documents?: Partial<Record<DocumentKind, string>>;
    datasets?: Record<string, unknown>;
  };
  const missing = missingValuesConfig(raw);
  const pathsToCheck: Array<[Array<string>, string | undefined]> = [
    ...Object.entries(raw.datasets ?? {}).map(
      ([role, p]) =>
        (typeof p === 'string'
          ? [['datasets', role], p]
          : [['datasets', role, 'path'], missing.datasets[role as DatasetRole]]) as [string[], string | undefined],
    ),
    ...Object.entries(raw.documents ?? {}).map(([kind, p]) => [['documents', kind], p] as [string[], string]),
  ];
  for (const [path, value] of pathsToCheck) {
    if (typeof value === 'string' && !isInside(root, join(root, value))) {
      problems.push({
        message: `"${value}" points outside the project folder; keep data and documents inside it.`,
        ...parsed.rangeOf(path),
        severity: 'error',
        path,
      });
    }
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };
  return {
    project: {
      ...raw,
      datasets: missing.datasets as ProjectFile['datasets'],
      datasetMissingValues: missing.datasetMissingValues,
      documents: { ...DEFAULT_DOCUMENTS, ...(raw.documents ?? {}) },
      sensitiveColumns: raw.sensitiveColumns ?? [],
      monitoring: raw.monitoring ?? {},
      profile: raw.profile ?? {},
    },
    problems,
  };
}

/** Reads `<root>/mlcycle.yaml`; undefined when the folder has none. */
export async function readProjectFile(root: string): Promise<ProjectFileResult | undefined> {
  let text: string;
  const file = join(root, PROJECT_FILE);
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileSystemError('read', `the project file ${file}`, file, error);
  }
  if (!isReallyInside(root, file))
    throw new JobError(
      'bad-input',
      `The project file ${file} is a symbolic link to a place outside the project folder: refused.`,
      { file },
    );
  return parseProjectFile(text, root);
}

/** The nearest folder at or above `start` that holds mlcycle.yaml (how the CLI finds its project). */
export async function findProjectRoot(start: string): Promise<string | undefined> {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    try {
      await access(join(dir, PROJECT_FILE));
      return dir;
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}
