// The artifact of an external model: what a run keeps so the model can predict later, in another
// process, without the pipeline spec. The fitted model is whatever the trainer wrote into its
// model folder (MLCYCLE_MODEL_DIR), kept as .mlcycle/runs/<runId>/<model>.model/; next to it
// <model>.external.json records the columns the trainer was given (names and types, in order),
// the task and classes, the parameters, and the predict command with its working folder, timeout
// and batch size. The run's folder is renamed into place only once everything succeeded, so both
// appear together or not at all. A reference to an external model (a run id whose best model is
// external, "runId/model", "runId:model", or the .external.json file) resolves here; one that
// cannot predict (no predict command, a run from before predict existed) is bad input that says
// what it needs.
import { readFile } from 'node:fs/promises';
import { JobError } from '../../../protocol/jobError';
import { fsErrorCode, fsReason } from '../../fsErrors';
import { RECORDS_DIR } from '../../project/projectFile';
import { jsonProblem, RECORD_KINDS, type RecordEnvelope } from '../../records';
import type { Frame } from '../frame';
import type { Task } from '../models/estimator';
import type { RunData, RunModelResult } from '../runTypes';
import type { ModelSpec } from '../specTypes';
import { DEFAULT_EXTERNAL_TIMEOUT_SECONDS, DEFAULT_PREDICT_BATCH_ROWS } from '../spec/specDefaults';
import { insideProject } from './loadSpec';
import { isSafeName } from './runFiles';
import { findRun, newerVersionMessage } from './runRecord';

export const EXTERNAL_ARTIFACT_FORMAT_VERSION = 1;

export interface ExternalModelArtifact {
  formatVersion: typeof EXTERNAL_ARTIFACT_FORMAT_VERSION;
  kind: 'external';
  runId: string;
  modelName: string;
  task: Task;
  target: string;
  classes?: string[];
  /** The columns the trainer was given (every column but the target), in its CSV's order. */
  inputs: Array<{ name: string; type: 'numeric' | 'categorical' }>;
  params: Record<string, unknown>;
  /** The model folder the trainer wrote, relative to the project root. */
  modelDir: string;
  /** Absent when the spec gave no predict command: the model cannot predict then. */
  predict?: {
    command: string[];
    /** Working folder, relative to the project root. */
    cwd: string;
    timeoutSeconds: number;
    batchRows: number;
  };
  createdAt: string;
}

const runFolder = (runId: string) => `${RECORDS_DIR}/${RECORD_KINDS.run}/${runId}`;

/** Relative path (forward slashes) of an external model's manifest in a run. */
export function externalArtifactPath(runId: string, modelName: string): string {
  return `${runFolder(runId)}/${modelName}.external.json`;
}

/** Relative path (forward slashes) of the folder an external trainer writes its model into. */
export function externalModelDirPath(runId: string, modelName: string): string {
  return `${runFolder(runId)}/${modelName}.model`;
}

export function buildExternalArtifact(
  runId: string,
  model: ModelSpec,
  data: { task: Task; target: string; classes?: string[]; frame: Frame },
): ExternalModelArtifact {
  return {
    formatVersion: EXTERNAL_ARTIFACT_FORMAT_VERSION,
    kind: 'external',
    runId,
    modelName: model.name,
    task: data.task,
    target: data.target,
    ...(data.classes ? { classes: data.classes } : {}),
    inputs: data.frame.columns.map((c) => ({ name: c.name, type: c.type })),
    params: model.params ?? {},
    modelDir: externalModelDirPath(runId, model.name),
    ...(model.predict && model.predict.length > 0
      ? {
          predict: {
            command: [...model.predict],
            cwd: model.cwd ?? '.',
            timeoutSeconds: model.timeoutSeconds ?? DEFAULT_EXTERNAL_TIMEOUT_SECONDS,
            batchRows: model.predictBatchRows ?? DEFAULT_PREDICT_BATCH_ROWS,
          },
        }
      : {}),
    createdAt: new Date().toISOString(),
  };
}

/** What an external model needs to predict, said where it is missing. */
export function noPredictCommand(name: string, runId: string, specPath: string): string {
  return [
    `Model "${name}" of run ${runId} is an external trainer without a predict command, so it cannot be called on new rows.`,
    `Add predict to it in ${specPath}: the command that reads the rows of MLCYCLE_INPUT (a CSV of the columns the trainer got, without the target),`,
    'loads the model the trainer wrote into MLCYCLE_MODEL_DIR, and writes predictions.csv to MLCYCLE_OUTPUT (`prediction`, optional `proba_<class>`), e.g.',
    `  - name: ${name}`,
    '    kind: external',
    '    command: python3 train.py {params}',
    '    predict: python3 predict.py {params}',
    'then train again: the run keeps the model folder and the predict command together.',
  ].join('\n');
}

export interface LoadedExternal {
  artifact: ExternalModelArtifact & { predict: NonNullable<ExternalModelArtifact['predict']> };
  /** Absolute path of the manifest. */
  file: string;
  /** Absolute path of the model folder. */
  modelDir: string;
  runId: string;
  name: string;
}

/** Reads an external model's manifest; every problem is bad input naming the file. */
export async function loadExternalArtifact(root: string, file: string, shown: string): Promise<LoadedExternal> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new JobError(
      'bad-input',
      fsErrorCode(error) === 'ENOENT'
        ? `The external model file ${shown} does not exist.`
        : `Cannot read the external model file ${shown}: ${fsReason(error)}.`,
      { file },
    );
  }
  let artifact: ExternalModelArtifact;
  try {
    artifact = JSON.parse(text) as ExternalModelArtifact;
  } catch (error) {
    throw new JobError('bad-input', `${shown} cannot be read: ${jsonProblem(error, text)}.`, { file });
  }
  if (
    !artifact ||
    typeof artifact !== 'object' ||
    artifact.kind !== 'external' ||
    typeof artifact.formatVersion !== 'number' ||
    !Array.isArray(artifact.inputs) ||
    typeof artifact.modelDir !== 'string'
  )
    throw new JobError('bad-input', `${shown} is not an ML Lifecycle external model file.`, { file });
  if (artifact.formatVersion > EXTERNAL_ARTIFACT_FORMAT_VERSION)
    throw new JobError(
      'bad-input',
      newerVersionMessage(shown, 'external model file', artifact.formatVersion, EXTERNAL_ARTIFACT_FORMAT_VERSION),
      { file },
    );
  if (!artifact.predict) {
    const run = await findRun(root, artifact.runId).catch(() => undefined);
    throw new JobError(
      'bad-input',
      noPredictCommand(artifact.modelName, artifact.runId, run?.data.specPath ?? 'pipeline.yaml'),
      { file },
    );
  }
  const modelDir = insideProject(root, artifact.modelDir, 'external model folder');
  return {
    artifact: artifact as LoadedExternal['artifact'],
    file,
    modelDir,
    runId: artifact.runId,
    name: artifact.modelName,
  };
}

function modelOfRun(run: RecordEnvelope<RunData>, name: string): RunModelResult | undefined {
  return run.data.models.find((m) => m.name === name);
}

/**
 * The external model a reference names, or undefined when it names a built-in model (or
 * nothing usable: resolveModelReference then says why). An external model that cannot predict
 * is bad input here.
 */
export async function findExternalModel(root: string, reference: string): Promise<LoadedExternal | undefined> {
  if (reference.endsWith('.model.json')) return undefined;
  if (reference.endsWith('.external.json'))
    return loadExternalArtifact(root, insideProject(root, reference, 'external model file'), reference);
  const [runId, inner, ...rest] = reference.split(/[/:]/);
  if (rest.length > 0 || !isSafeName(runId) || (inner !== undefined && !isSafeName(inner))) return undefined;
  const run = await findRun(root, runId);
  const model = modelOfRun(run, inner ?? run.data.bestModel);
  if (!model || model.kind !== 'external' || model.error) return undefined;
  if (!model.externalModel) throw new JobError('bad-input', noPredictCommand(model.name, run.name, run.data.specPath));
  return loadExternalArtifact(
    root,
    insideProject(root, model.externalModel, 'external model file'),
    model.externalModel,
  );
}

/** Bad input naming the columns the external model was trained on that the data lacks. */
export function checkExternalInputs(artifact: ExternalModelArtifact, frame: Frame, shown: string, file: string): void {
  const have = new Set(frame.columns.map((c) => c.name));
  const missing = artifact.inputs.filter((i) => !have.has(i.name)).map((i) => i.name);
  if (missing.length > 0)
    throw new JobError(
      'bad-input',
      `${shown} lacks column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} that model ${artifact.modelName} needs (its trainer got ${artifact.inputs.map((i) => i.name).join(', ')}).`,
      { file },
    );
}
