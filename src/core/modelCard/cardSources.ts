// What a model card is generated from, read from the project: mlcycle.yaml, the charter, the
// data dictionary and the chosen run record. Documents that are missing or do not parse are
// noted (the card says less) rather than fatal; a missing run or project file is.
import { readFile } from 'node:fs/promises';
import { fsErrorCode, fsReason } from '../fsErrors';
import { RUN_FORMAT_VERSION, type RunData } from '../model/runTypes';
import { newerVersionMessage } from '../model/train/runRecord';
import { OutsideWorkspaceError, resolveInside } from '../paths';
import { PROJECT_FILE, readProjectFile, RECORDS_DIR, type ProjectFile } from '../project/projectFile';
import { readRecords, RECORD_KINDS } from '../records';
import { formatPosition, parseYaml } from '../yaml/yamlDocument';
import { ModelCardError } from './modelCardError';

/** What the card reads of an explanation record (src/core/explain/explainJob.ts). */
export interface CardExplanationData {
  runId: string;
  model: string;
  data: string;
  method: string;
  methodNote?: string;
  outputKind: string;
  outputNames: string[];
  rows: number;
  global: Array<{ column: string; meanAbs: number[]; direction: string }>;
}

export interface CardSources {
  /** The project folder. */
  root: string;
  project: ProjectFile;
  /** The charter as plain data; undefined when absent or unreadable. */
  charter?: Record<string, unknown>;
  dictionary?: Record<string, unknown>;
  run: RunData;
  /** The newest explanation of the card's run (its best model's first), when there is one. */
  explanation?: { path: string; data: CardExplanationData };
  /** When the run was recorded (ISO). */
  runCreatedAt: string;
  /** Why a document was left out ("docs/charter.yaml:3:1 ..."). */
  notes: string[];
}

/** A YAML document as a plain mapping; a note when it exists but cannot be used. */
async function readDocument(root: string, path: string, notes: string[]): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(resolveInside(root, path), 'utf8');
  } catch (error) {
    if (error instanceof OutsideWorkspaceError) notes.push(`${error.message} Not used for the card.`);
    else if (fsErrorCode(error) !== 'ENOENT')
      notes.push(`Cannot read ${path}: ${fsReason(error)}. Not used for the card.`);
    return undefined;
  }
  const parsed = parseYaml(text);
  const error = parsed.problems.find((p) => p.severity === 'error');
  if (error) {
    notes.push(`${formatPosition(path, error.start)} ${error.message}: not used for the card.`);
    return undefined;
  }
  const value = parsed.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    notes.push(`${path} is not a mapping of keys: not used for the card.`);
    return undefined;
  }
  return value as Record<string, unknown>;
}

/** The run with this id, or the newest run; throws ModelCardError when there is none. */
export async function readRun(root: string, runId?: string): Promise<{ run: RunData; createdAt: string }> {
  const { records } = await readRecords(root, 'run');
  const usable = records.filter((r) => {
    const data = r.data as Partial<RunData> | null;
    return data && typeof data.runId === 'string' && Array.isArray(data.models) && !r.name.startsWith('.');
  });
  const record = runId === undefined ? usable[0] : usable.find((r) => r.name === runId);
  if (!record) {
    if (runId !== undefined) {
      const known = usable.slice(0, 5).map((r) => r.name);
      throw new ModelCardError(
        `No run "${runId}" in .mlcycle/runs/${known.length ? ` (recent runs: ${known.join(', ')})` : ''}.`,
      );
    }
    throw new ModelCardError(
      'No training run yet: train models first ("ML Lifecycle: Train Models" or `mlcycle train`), then generate the model card.',
    );
  }
  const version = (record.data as Partial<RunData>).formatVersion;
  if (typeof version === 'number' && version > RUN_FORMAT_VERSION)
    throw new ModelCardError(
      newerVersionMessage(`The run record .mlcycle/runs/${record.name}.json`, 'run', version, RUN_FORMAT_VERSION),
    );
  return { run: record.data as RunData, createdAt: record.createdAt };
}

export async function readProject(root: string): Promise<ProjectFile> {
  const loaded = await readProjectFile(root);
  if (!loaded) throw new ModelCardError(`No ${PROJECT_FILE} in ${root}.`);
  if (!loaded.project) {
    const first = loaded.problems.find((p) => p.severity === 'error');
    throw new ModelCardError(
      `The project file is not valid${first ? `: ${first.message}` : ''}.`,
      PROJECT_FILE,
      first?.start.line,
      first?.start.column,
    );
  }
  return loaded.project;
}

/** The newest explanation record of the run: of its best model first, else of any of its models. */
async function readExplanation(root: string, run: RunData): Promise<CardSources['explanation']> {
  const { records } = await readRecords(root, 'explanation');
  const ofRun = records.filter((r) => {
    const d = r.data as Partial<CardExplanationData> | null;
    return d?.runId === run.runId && Array.isArray(d.global) && Array.isArray(d.outputNames);
  });
  const chosen = ofRun.find((r) => (r.data as CardExplanationData).model === run.bestModel) ?? ofRun[0];
  if (!chosen) return undefined;
  return {
    path: `${RECORDS_DIR}/${RECORD_KINDS.explanation}/${chosen.name}.json`,
    data: chosen.data as CardExplanationData,
  };
}

export async function readCardSources(root: string, runId?: string): Promise<CardSources> {
  const project = await readProject(root);
  const { run, createdAt } = await readRun(root, runId);
  const notes: string[] = [];
  const charter = await readDocument(root, project.documents.charter, notes);
  const dictionary = await readDocument(root, project.documents.dataDictionary, notes);
  const explanation = await readExplanation(root, run);
  return {
    root,
    project,
    charter,
    dictionary,
    run,
    ...(explanation ? { explanation } : {}),
    runCreatedAt: createdAt,
    notes,
  };
}
