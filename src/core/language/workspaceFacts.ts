// Gathers what the cross-file checks compare a document with (WorkspaceFacts): mlcycle.yaml,
// the column names of each dataset (header rows only, src/core/language/crossChecks/datasetHeader),
// the recorded runs, newest first, and the other lifecycle documents, parsed. Built for the
// language server: fast (a few reads of small files), and robust — a missing, unreadable or
// malformed file leaves its entry undefined, and nothing is ever read outside the workspace.
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import type { RunData } from '../model/runTypes';
import { resolveInside } from '../paths';
import {
  DEFAULT_DOCUMENTS,
  parseProjectFile,
  PROJECT_FILE,
  type DocumentKind,
  type ProjectFile,
} from '../project/projectFile';
import { readRecords } from '../records';
import { parseYaml } from '../yaml/yamlDocument';
import { readDatasetColumns } from './crossChecks/datasetHeader';
import type { WorkspaceFacts } from './languageTypes';

export interface GatherOptions {
  signal?: AbortSignal;
}

/** A relative path as documents write it, normalised for comparison ("./data/a.csv" → "data/a.csv"). */
export function normalizeDataPath(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '');
}

async function readText(root: string, relative: string): Promise<string | undefined> {
  try {
    return await readFile(resolveInside(root, relative), 'utf8');
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Dataset paths by role: from the valid project, else leniently from whatever the file says. */
function datasetPaths(project: ProjectFile | undefined, raw: unknown): Record<string, string> {
  const datasets = asRecord(project?.datasets) ?? asRecord(asRecord(raw)?.datasets) ?? {};
  // A dataset is a path, or { path, missingValues }.
  const pathOf = (entry: unknown) => (typeof entry === 'string' ? entry : asRecord(entry)?.path);
  return Object.fromEntries(
    Object.entries(datasets)
      .map(([role, entry]) => [role, pathOf(entry)])
      .filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function documentPaths(project: ProjectFile | undefined, raw: unknown): Record<DocumentKind, string> {
  const named = asRecord(asRecord(raw)?.documents) ?? {};
  const paths = { ...DEFAULT_DOCUMENTS, ...(project?.documents ?? {}) };
  for (const [kind, path] of Object.entries(named)) {
    if (kind in DEFAULT_DOCUMENTS && typeof path === 'string') paths[kind as DocumentKind] = path;
  }
  return paths;
}

/** Columns of a data file named relative to the root; undefined outside the workspace or unreadable. */
async function columnsOf(root: string, relative: string, signal?: AbortSignal): Promise<string[] | undefined> {
  let absolute: string;
  try {
    absolute = resolveInside(root, relative);
  } catch {
    return undefined;
  }
  return readDatasetColumns(absolute, signal);
}

async function readRuns(root: string): Promise<RunData[]> {
  try {
    const { records } = await readRecords(root, 'run');
    return records
      .map((r) => r.data as RunData)
      .filter((d) => asRecord(d) !== undefined && typeof d.runId === 'string');
  } catch {
    return [];
  }
}

/**
 * Everything the cross-file checks know about the project at `root`. Never throws; a cancelled
 * gathering returns what it has.
 */
export async function gatherWorkspaceFacts(root: string, options: GatherOptions = {}): Promise<WorkspaceFacts> {
  const { signal } = options;
  const facts: WorkspaceFacts = { root, datasetColumns: {}, runs: [], documents: {} };
  const projectText = await readText(root, PROJECT_FILE);
  let raw: unknown;
  if (projectText !== undefined) {
    try {
      raw = parseYaml(projectText).value;
      const { project } = parseProjectFile(projectText, root);
      if (project) facts.project = project;
      facts.documents.project = raw;
    } catch {
      // A project file the parser chokes on gives no facts; its own diagnostics say why.
    }
  }
  if (signal?.aborted) return facts;

  const datasets = datasetPaths(facts.project, raw);
  const documents = documentPaths(facts.project, raw);
  const [columns, runs, parsedDocuments] = await Promise.all([
    Promise.all(
      Object.entries(datasets).map(async ([role, path]) => [role, await columnsOf(root, path, signal)] as const),
    ),
    readRuns(root),
    Promise.all(
      (Object.entries(documents) as Array<[DocumentKind, string]>).map(async ([kind, path]) => {
        const text = await readText(root, path);
        if (text === undefined) return [kind, undefined] as const;
        try {
          return [kind, parseYaml(text).value] as const;
        } catch {
          return [kind, undefined] as const;
        }
      }),
    ),
  ]);
  for (const [role, names] of columns) facts.datasetColumns[role] = names;
  facts.runs = runs;
  for (const [kind, value] of parsedDocuments) if (value !== undefined && value !== null) facts.documents[kind] = value;

  // Data files a document names that mlcycle.yaml does not (a pipeline's own data.train ...),
  // keyed by their relative path, so checks of those documents have columns too.
  const known = new Set(Object.values(datasets).map(normalizeDataPath));
  const extra = referencedDataPaths(facts.documents).filter((p) => !known.has(normalizeDataPath(p)));
  if (!signal?.aborted) {
    await Promise.all(
      extra.map(async (path) => {
        facts.datasetColumns[normalizeDataPath(path)] = await columnsOf(root, path, signal);
      }),
    );
  }
  return facts;
}

/** Data files named by the pipeline spec (data.train / data.holdout) and the dictionary (observedIn.path). */
function referencedDataPaths(documents: WorkspaceFacts['documents']): string[] {
  const pipelineData = asRecord(asRecord(documents.pipeline)?.data);
  const observed = asRecord(asRecord(documents.dataDictionary)?.observedIn)?.path;
  return [pipelineData?.train, pipelineData?.holdout, observed].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  );
}

/**
 * The columns of the data file at `path` (relative to the root, as a document names it): the
 * dataset role with that path, or a file some document named. Undefined when unknown.
 */
export function columnsForPath(facts: WorkspaceFacts, path: string): string[] | undefined {
  const wanted = normalizeDataPath(path);
  const roles = datasetPathsOf(facts);
  for (const [role, rolePath] of Object.entries(roles)) {
    if (normalizeDataPath(rolePath) === wanted && facts.datasetColumns[role]) return facts.datasetColumns[role];
  }
  return facts.datasetColumns[wanted];
}

/** The dataset paths by role that the facts were gathered with. */
export function datasetPathsOf(facts: WorkspaceFacts): Record<string, string> {
  return datasetPaths(facts.project, facts.documents.project);
}
