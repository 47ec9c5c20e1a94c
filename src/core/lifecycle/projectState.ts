// Everything the lifecycle checklist is derived from, gathered from the project's files in one
// pass: the project file, the lifecycle documents, the datasets, the machine-written records
// and the decision records. Reading only; nothing here writes.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { latestDecisions, readDecisions, type Decision } from '../decisions';
import { isInside } from '../paths';
import {
  DATASET_ROLES,
  readProjectFile,
  type DatasetRole,
  type DocumentKind,
  type ProjectFile,
} from '../project/projectFile';
import {
  inputState,
  readRecords,
  RECORD_KINDS,
  type InputState,
  type RecordEnvelope,
  type RecordKind,
} from '../records';
import { parseYaml, type Problem } from '../yaml/yamlDocument';

export interface DocumentFact {
  kind: DocumentKind;
  path: string;
  exists: boolean;
  /** The parsed document, when it exists and is YAML. */
  value?: unknown;
  problems: Problem[];
}

export interface DatasetFact {
  role: DatasetRole;
  path: string;
  exists: boolean;
  sizeBytes?: number;
}

export interface RecordFact {
  record: RecordEnvelope;
  /** The worst state of the record's inputs: changed or missing inputs make it stale. */
  inputs: InputState;
}

export interface ProjectState {
  root: string;
  collectedAt: number;
  projectFile: { exists: boolean; problems: Problem[]; project?: ProjectFile };
  documents: Partial<Record<DocumentKind, DocumentFact>>;
  datasets: DatasetFact[];
  /** The newest record of each name, per kind, newest first. */
  records: Partial<Record<RecordKind, RecordFact[]>>;
  unreadableRecords: string[];
  decisions: Map<string, Decision>;
  decisionProblems: Problem[];
  /** A CI configuration that calls the mlcycle command line. */
  automatedChecks: string[];
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

async function readDocument(root: string, kind: DocumentKind, path: string): Promise<DocumentFact> {
  let text: string;
  try {
    text = await readFile(join(root, path), 'utf8');
  } catch {
    return { kind, path, exists: false, problems: [] };
  }
  const parsed = parseYaml(text);
  return { kind, path, exists: true, value: parsed.value, problems: parsed.problems };
}

const WORST: Record<InputState, number> = { unchanged: 0, changed: 1, missing: 2 };

async function readRecordFacts(root: string, kind: RecordKind, unreadable: string[]): Promise<RecordFact[]> {
  const { records, unreadable: bad } = await readRecords(root, kind);
  unreadable.push(...bad);
  const newestByName = new Map<string, RecordEnvelope>();
  for (const record of records) if (!newestByName.has(record.name)) newestByName.set(record.name, record);
  return Promise.all(
    [...newestByName.values()].map(async (record) => {
      let worst: InputState = 'unchanged';
      for (const input of record.inputs) {
        if (!isInside(root, join(root, input.path))) continue;
        const state = await inputState(root, input);
        if (WORST[state] > WORST[worst]) worst = state;
      }
      return { record, inputs: worst };
    }),
  );
}

/** CI files that run mlcycle: the sign that checks run without a person pressing a button. */
async function findAutomatedChecks(root: string): Promise<string[]> {
  const candidates = ['.gitlab-ci.yml', 'Jenkinsfile', 'azure-pipelines.yml', '.ci/run'];
  try {
    for (const name of await readdir(join(root, '.github', 'workflows'))) candidates.push(`.github/workflows/${name}`);
  } catch {
    // no GitHub workflows
  }
  const found: string[] = [];
  for (const path of candidates) {
    try {
      if (/\bmlcycle\b/.test(await readFile(join(root, path), 'utf8'))) found.push(path);
    } catch {
      // not there
    }
  }
  return found;
}

export async function collectProjectState(root: string, now = Date.now()): Promise<ProjectState> {
  const loaded = await readProjectFile(root);
  const project = loaded?.project;
  const state: ProjectState = {
    root,
    collectedAt: now,
    projectFile: { exists: loaded !== undefined, problems: loaded?.problems ?? [], project },
    documents: {},
    datasets: [],
    records: {},
    unreadableRecords: [],
    decisions: new Map(),
    decisionProblems: [],
    automatedChecks: [],
  };
  if (!project) return state;

  const kinds = Object.keys(project.documents) as DocumentKind[];
  const docs = await Promise.all(
    kinds.filter((k) => k !== 'decisions').map((k) => readDocument(root, k, project.documents[k])),
  );
  for (const doc of docs) state.documents[doc.kind] = doc;

  state.datasets = await Promise.all(
    DATASET_ROLES.filter((role) => project.datasets[role]).map(async (role) => {
      const path = project.datasets[role]!;
      const sizeBytes = await fileSize(join(root, path));
      return { role, path, exists: sizeBytes !== undefined, sizeBytes };
    }),
  );

  for (const kind of Object.keys(RECORD_KINDS) as RecordKind[]) {
    state.records[kind] = await readRecordFacts(root, kind, state.unreadableRecords);
  }

  const decisions = await readDecisions(join(root, project.documents.decisions));
  if (decisions) {
    state.decisions = latestDecisions(decisions.decisions);
    state.decisionProblems = decisions.problems;
  }
  state.automatedChecks = await findAutomatedChecks(root);
  return state;
}
