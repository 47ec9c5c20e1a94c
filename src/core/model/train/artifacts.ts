// Model artifacts (.mlcycle/runs/<runId>/<model>.model.json): the fitted preprocessing and the
// fitted model, enough to predict in another process. Loading checks the format version first,
// so a file from a newer ML Lifecycle gets a clear message instead of a wrong prediction.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JobError } from '../../../protocol/jobError';
import { RECORDS_DIR } from '../../project/projectFile';
import { jsonProblem, RECORD_KINDS, type RecordEnvelope } from '../../records';
import { fsErrorCode, fsReason } from '../../fsErrors';
import type { Frame } from '../frame';
import type { FittedModel } from '../models/estimator';
import { ModelFormatError } from '../models/estimator';
import { loadModel } from '../models/registry';
import { loadPipeline, type FittedPipeline } from '../pipeline/fitPipeline';
import { ARTIFACT_FORMAT_VERSION, type ModelArtifact, type RunData } from '../runTypes';
import { noPredictCommand } from './externalArtifact';
import { insideProject } from './loadSpec';
import { isSafeName } from './runFiles';
import { findRun, newerVersionMessage } from './runRecord';

export const RUNS_DIR = join(RECORDS_DIR, RECORD_KINDS.run);

/** Relative path (forward slashes) of a model's artifact in a run. */
export function artifactPath(runId: string, modelName: string): string {
  return `${RECORDS_DIR}/${RECORD_KINDS.run}/${runId}/${modelName}.model.json`;
}

export function buildArtifact(
  runId: string,
  modelName: string,
  data: { task: ModelArtifact['task']; target: string; classes?: string[] },
  pipeline: FittedPipeline,
  model: FittedModel,
): ModelArtifact {
  return {
    formatVersion: ARTIFACT_FORMAT_VERSION,
    runId,
    modelName,
    task: data.task,
    target: data.target,
    ...(data.classes ? { classes: data.classes } : {}),
    inputs: pipeline.inputs,
    pipeline: pipeline.toJSON(),
    model: model.toJSON(),
    createdAt: new Date().toISOString(),
  };
}

export interface LoadedArtifact {
  artifact: ModelArtifact;
  pipeline: FittedPipeline;
  model: FittedModel;
  /** Absolute path of the file. */
  file: string;
}

/** Reads and loads an artifact file; every problem is bad input naming the file. */
export async function loadArtifact(file: string, shown: string): Promise<LoadedArtifact> {
  let artifact: ModelArtifact;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new JobError(
      'bad-input',
      fsErrorCode(error) === 'ENOENT'
        ? `The model file ${shown} does not exist.`
        : `Cannot read the model file ${shown}: ${fsReason(error)}.`,
      { file },
    );
  }
  try {
    artifact = JSON.parse(text) as ModelArtifact;
  } catch (error) {
    throw new JobError('bad-input', `The model file ${shown} cannot be read: ${jsonProblem(error, text)}.`, { file });
  }
  if (
    !artifact ||
    typeof artifact !== 'object' ||
    typeof artifact.formatVersion !== 'number' ||
    !artifact.model ||
    !Array.isArray(artifact.inputs)
  ) {
    throw new JobError(
      'bad-input',
      `${shown} is not an ML Lifecycle model file (no formatVersion, inputs and model).`,
      { file },
    );
  }
  if (artifact.formatVersion > ARTIFACT_FORMAT_VERSION) {
    throw new JobError(
      'bad-input',
      newerVersionMessage(shown, 'model file', artifact.formatVersion, ARTIFACT_FORMAT_VERSION),
      { file },
    );
  }
  try {
    return { artifact, pipeline: loadPipeline(artifact.pipeline), model: loadModel(artifact.model), file };
  } catch (error) {
    if (error instanceof ModelFormatError)
      throw new JobError('bad-input', `${shown}: ${error.message}`, { file }, { cause: error });
    throw new JobError(
      'bad-input',
      `${shown} cannot be loaded: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
}

export { findRun };

/** A model of a run: the named one, else the run's best; bad input when it has no artifact. */
export function runModel(run: RecordEnvelope<RunData>, modelName?: string): { name: string; artifact: string } {
  const data = run.data;
  const name = modelName ?? data.bestModel;
  const model = data.models.find((m) => m.name === name);
  if (!model)
    throw new JobError(
      'bad-input',
      `Run ${run.name} has no model "${name}" (models: ${data.models.map((m) => m.name).join(', ')}).`,
    );
  if (!model.artifact)
    throw new JobError(
      'bad-input',
      model.kind === 'external' && !model.error && !model.externalModel
        ? noPredictCommand(name, run.name, data.specPath)
        : `Model "${name}" of run ${run.name} has no saved model file${model.error ? ` (it failed: ${model.error})` : model.kind === 'external' ? ' (an external model predicts through its predict command, not here)' : ''}.`,
    );
  return { name, artifact: model.artifact };
}

/**
 * What predict/evaluate was asked to load: a path to a .model.json file, "runId/modelName" (or
 * "runId:modelName"), or a run id (its best model).
 */
export async function resolveModelReference(
  root: string,
  reference: string,
  modelName?: string,
): Promise<LoadedArtifact & { runId: string; name: string }> {
  if (reference.endsWith('.model.json')) {
    const file = insideProject(root, reference, 'model file');
    const loaded = await loadArtifact(file, reference);
    return { ...loaded, runId: loaded.artifact.runId, name: loaded.artifact.modelName };
  }
  const [runId, inner, ...rest] = reference.split(/[/:]/);
  if (rest.length > 0 || !isSafeName(runId) || (inner !== undefined && !isSafeName(inner))) {
    throw new JobError(
      'bad-input',
      `"${reference}" is neither a run id, "runId/model", "runId:model", nor a .model.json file.`,
    );
  }
  const run = await findRun(root, runId);
  const chosen = runModel(run, inner ?? modelName);
  const loaded = await loadArtifact(insideProject(root, chosen.artifact, 'model file'), chosen.artifact);
  return { ...loaded, runId: run.name, name: chosen.name };
}

/** Bad input naming the columns the model needs that the data lacks. */
export function checkInputColumns(artifact: ModelArtifact, frame: Frame, shown: string, file: string): void {
  const have = new Set(frame.columns.map((c) => c.name));
  const missing = artifact.inputs.filter((i) => !have.has(i.name)).map((i) => i.name);
  if (missing.length > 0) {
    throw new JobError(
      'bad-input',
      `${shown} lacks column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} that model ${artifact.modelName} needs (it was trained on ${artifact.inputs.map((i) => i.name).join(', ')}).`,
      { file },
    );
  }
}
