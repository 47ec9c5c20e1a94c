// The `models` list of pipeline.yaml: unique names (a default name is the kind, numbered when
// repeated), the task each kind serves, external trainers' commands (train and predict) split into argv, and each
// built-in model's parameters checked by the model definition itself, its error placed at the
// parameter's line.
import { ModelParamError, type Task } from '../models/estimator';
import { findModel } from '../models/registry';
import type { ModelSpec } from '../specTypes';
import { CommandLineError, splitCommandLine } from './splitCommandLine';
import {
  DEFAULT_EXTERNAL_TIMEOUT_SECONDS,
  DEFAULT_PREDICT_BATCH_ROWS,
  MODEL_KIND_TASKS,
  defaultModelKinds,
} from './specDefaults';
import { isOutsideProject, type Path, type SpecReader } from './specReader';

/** One entry of `models` as the schema allows it. */
export interface RawModel {
  name?: string;
  kind: string;
  params?: Record<string, unknown>;
  command?: string | string[];
  cwd?: string;
  timeoutSeconds?: number;
  predict?: string | string[];
  predictBatchRows?: number;
}

/** The built-in kinds that serve a task, for messages. */
export function builtInKinds(task: Task): string[] {
  return Object.entries(MODEL_KIND_TASKS)
    .filter(([kind, tasks]) => kind !== 'external' && tasks.includes(task))
    .map(([kind]) => kind);
}

export function readModels(reader: SpecReader, models: RawModel[] | undefined, task: Task): ModelSpec[] {
  const listed = models ?? defaultModelKinds(task).map((kind): RawModel => ({ kind }));
  if (listed.length === 0)
    reader.problem(
      ['models'],
      'No models listed: only the baseline will be trained. Remove "models" to train the default set.',
      'warning',
    );
  const explicit = new Map<string, number>();
  listed.forEach((m, i) => {
    if (m.name === undefined) return;
    if (explicit.has(m.name))
      reader.problem(
        ['models', i, 'name'],
        `Another model is already named "${m.name}" (models.${explicit.get(m.name)}): names must be unique.`,
      );
    else explicit.set(m.name, i);
  });
  const used = new Set(explicit.keys());
  return listed.map((m, i): ModelSpec => {
    const at: Path = ['models', i];
    let name = m.name;
    if (name === undefined) {
      name = m.kind;
      for (let n = 2; used.has(name); n++) name = `${m.kind}_${n}`;
      used.add(name);
    }
    const spec: ModelSpec = { name, kind: m.kind, params: m.params ?? {} };
    const tasks = MODEL_KIND_TASKS[m.kind];
    if (!tasks) {
      reader.problem(
        [...at, 'kind'],
        `Unknown model kind "${m.kind}" (for ${task}: ${builtInKinds(task).join(', ')}, or external).`,
        'error',
        false,
      );
      return spec;
    }
    if (!tasks.includes(task)) {
      reader.problem(
        [...at, 'kind'],
        `${m.kind} is a ${tasks[0]} model, and this pipeline's task is ${task} (for ${task}: ${builtInKinds(task).join(', ')}).`,
        'error',
        false,
      );
    }
    if (m.kind === 'external') {
      readExternal(reader, m, at, spec);
    } else {
      for (const key of ['command', 'cwd', 'timeoutSeconds', 'predict', 'predictBatchRows'] as const) {
        if (m[key] !== undefined)
          reader.problem([...at, key], `"${key}" is for kind external only (your own trainer); ${m.kind} is built in.`);
      }
      checkParams(reader, m.kind, spec.params, task, [...at, 'params']);
    }
    return spec;
  });
}

/** A command line or argv list → argv; a quoting mistake is placed inside the line. */
function readArgv(reader: SpecReader, value: string | string[], at: Path): string[] | undefined {
  let argv: string[];
  if (typeof value === 'string') {
    try {
      argv = splitCommandLine(value);
    } catch (error) {
      if (!(error instanceof CommandLineError)) throw error;
      reader.problemInside(at, error.offset, error.message);
      return undefined;
    }
  } else {
    argv = [...value];
  }
  if (argv.length === 0 || argv[0] === '')
    reader.problem(at, 'The command is empty: name the program to run.', 'error', false);
  return argv;
}

function readExternal(reader: SpecReader, m: RawModel, at: Path, spec: ModelSpec): void {
  if (m.command === undefined) {
    reader.problem(
      [...at, 'kind'],
      'An external model needs the command that trains it: add command (e.g. command: python3 train.py).',
    );
    return;
  }
  const command = readArgv(reader, m.command, [...at, 'command']);
  if (!command) return;
  spec.command = command;
  if (m.cwd !== undefined) {
    spec.cwd = m.cwd;
    if (isOutsideProject(m.cwd))
      reader.problem(
        [...at, 'cwd'],
        `"${m.cwd}" is outside the project folder; give a folder inside it.`,
        'error',
        false,
      );
  }
  spec.timeoutSeconds = m.timeoutSeconds ?? DEFAULT_EXTERNAL_TIMEOUT_SECONDS;
  if (m.predict !== undefined) {
    const predict = readArgv(reader, m.predict, [...at, 'predict']);
    if (predict) spec.predict = predict;
    spec.predictBatchRows = m.predictBatchRows ?? DEFAULT_PREDICT_BATCH_ROWS;
  } else if (m.predictBatchRows !== undefined) {
    reader.problem(
      [...at, 'predictBatchRows'],
      'predictBatchRows sizes the batches of the predict command, and this model has none: add predict (e.g. predict: python3 predict.py {params}).',
      'warning',
    );
  }
}

/** The model definition checks its own parameters; its ModelParamError is placed at the parameter. */
function checkParams(reader: SpecReader, kind: string, params: Record<string, unknown>, task: Task, at: Path): void {
  const definition = findModel(kind);
  if (!definition) return;
  try {
    definition.params(params, task);
  } catch (error) {
    if (error instanceof ModelParamError) {
      const known = Object.prototype.hasOwnProperty.call(params, error.param);
      reader.problem(known ? [...at, error.param] : at, error.message, 'error', !known);
    }
    // Anything else is the definition's own failure, reported when the model is trained.
  }
}
