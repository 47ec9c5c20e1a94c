// What changed between versions of each lifecycle document, as steps on a parsed YAML document
// (so comments and untouched keys survive). Version 0 is a document without `version` as
// earlier releases wrote it (their templates in src/core/project/templates.ts); each step takes
// a document from version N to N + 1 and says in `notes` what it changed, or what it could not.
import { isScalar, type Document, type YAMLMap } from 'yaml';
import type { LifecycleDocumentKind } from '../language/languageTypes';
import {
  deleteKey,
  isEmptyValue,
  mapAt,
  plainAt,
  renameKey,
  scalar,
  setKey,
  stringItemsToObjects,
} from './yamlMapEdits';

export interface StepContext {
  doc: Document;
  map: YAMLMap;
  /** What the step changed, for the user. */
  notes: string[];
  /** What the step could not carry over: the migration is then not offered as an automatic fix. */
  lost: string[];
}

export type MigrationStep = (context: StepContext) => void;

const FEASIBILITY_KEYS = ['dataAvailable', 'wellDefined', 'valueJustifiesCost', 'simplerAlternatives'];

function charterFrom0({ doc, map, notes, lost }: StepContext): void {
  const constraints = plainAt(map, 'constraints');
  if (Array.isArray(constraints)) {
    if (constraints.length === 0) {
      deleteKey(map, 'constraints');
      notes.push(
        'The empty constraints list was removed; constraints is now a mapping (interpretability, latencyMs, compute, privacy ...).',
      );
    } else if (constraints.every((c) => typeof c === 'string')) {
      setKey(doc, map, 'constraints', { other: constraints });
      notes.push(
        'The constraints list moved to constraints.other; consider moving each to its own key (interpretability, latencyMs, compute, privacy ...).',
      );
    } else {
      lost.push(
        'constraints is a list of non-text entries: move them by hand to the keys of constraints (interpretability, latencyMs, compute, privacy, other).',
      );
    }
  }
  const feasibility = mapAt(map, 'feasibility');
  for (const key of FEASIBILITY_KEYS) {
    const entry = feasibility && mapAt(feasibility, key);
    const answer = entry?.get('answer', true);
    if (!entry || !isScalar(answer)) continue;
    const value = answer.value;
    const normalised =
      value === true
        ? 'yes'
        : value === false
          ? 'no'
          : typeof value === 'string' && value.trim() === ''
            ? null
            : typeof value === 'string' && ['yes', 'no', 'unsure'].includes(value.trim().toLowerCase())
              ? value.trim().toLowerCase()
              : value;
    if (normalised !== value) {
      entry.set('answer', scalar(normalised));
      notes.push(
        `feasibility.${key}.answer: ${JSON.stringify(value)} became ${normalised === null ? 'empty (not answered yet)' : normalised}.`,
      );
    }
  }
}

function dictionaryFrom0({ doc, map, notes }: StepContext): void {
  const source = plainAt(map, 'source');
  if (typeof source === 'string' || source === null) {
    if (isEmptyValue(source)) {
      setKey(doc, map, 'source', { name: '', description: '', owner: '', location: '' });
      notes.push('source is now a mapping (name, description, owner, location).');
    } else {
      setKey(doc, map, 'source', { name: source });
      notes.push('source became source.name; add its description, owner and location.');
    }
  }
  if (plainAt(map, 'fields') === undefined) setKey(doc, map, 'fields', []);
}

const IMPUTE_NUMERIC = ['mean', 'median', 'most_frequent', 'constant', 'none'];
const ENCODINGS: Record<string, string> = {
  'one-hot': 'onehot',
  onehot: 'onehot',
  one_hot: 'onehot',
  ordinal: 'ordinal',
  target: 'target',
};
const SCALINGS = ['standard', 'minmax', 'robust', 'none'];

/** One step of the old `preprocessing` list, into the `preprocess` mapping; false when it has no equivalent. */
function preprocessStep(step: unknown, into: Record<string, unknown>): boolean {
  if (!step || typeof step !== 'object' || Array.isArray(step) || Object.keys(step).length !== 1) return false;
  const [name, options] = Object.entries(step)[0] as [string, Record<string, unknown> | string | null];
  const option = (key: string) => (options && typeof options === 'object' ? options[key] : options);
  if (name === 'impute' && IMPUTE_NUMERIC.includes(String(option('strategy')))) {
    into.impute = { numeric: option('strategy') };
    return true;
  }
  if (name === 'encode' && ENCODINGS[String(option('method'))]) {
    into.encode = { categorical: ENCODINGS[String(option('method'))] };
    return true;
  }
  if (name === 'scale' && SCALINGS.includes(String(option('method')))) {
    into.scale = option('method');
    return true;
  }
  return false;
}

function pipelineFrom0({ doc, map, notes, lost }: StepContext): void {
  const split = mapAt(map, 'split');
  if (split) {
    if (split.has('holdoutFraction')) {
      renameKey(doc, split, 'holdoutFraction', 'holdout');
      notes.push('split.holdoutFraction is now split.holdout.');
    }
    const stratified = plainAt(split, 'stratified');
    if (typeof stratified === 'boolean') {
      renameKey(doc, split, 'stratified', 'kind', stratified ? 'stratified' : 'kfold');
      notes.push(`split.stratified: ${stratified} is now split.kind: ${stratified ? 'stratified' : 'kfold'}.`);
    }
  }
  const steps = plainAt(map, 'preprocessing');
  if (Array.isArray(steps)) {
    const preprocess: Record<string, unknown> = {};
    steps.forEach((step, i) => {
      if (!preprocessStep(step, preprocess))
        lost.push(
          `preprocessing step ${i + 1} (${JSON.stringify(step)}) has no direct equivalent in preprocess: rewrite it by hand.`,
        );
    });
    if (Object.keys(preprocess).length > 0) {
      renameKey(doc, map, 'preprocessing', 'preprocess', preprocess);
      notes.push('The preprocessing list is now the preprocess mapping (drop, derive, impute, clip, encode, scale).');
    } else if (lost.length === 0) {
      deleteKey(map, 'preprocessing');
      notes.push('The empty preprocessing list was removed: the default preprocessing applies (see preprocess).');
    }
  }
  const models = plainAt(map, 'models');
  if (Array.isArray(models) && models.length === 0) {
    deleteKey(map, 'models');
    notes.push('The empty models list was removed, so the default models are trained.');
  }
}

function modelCardFrom0({ doc, map, notes }: StepContext): void {
  const details = mapAt(map, 'modelDetails');
  if (!details) {
    setKey(doc, map, 'modelDetails', { name: '' }, 0);
    notes.push('Added modelDetails.');
  } else {
    if (!details.has('name')) setKey(doc, details, 'name', '', 0);
    if (stringItemsToObjects(doc, details, 'owners', 'name') > 0)
      notes.push('modelDetails.owners entries are now { name, contact }.');
  }
  for (const key of ['evaluationData', 'trainingData']) {
    const value = plainAt(map, key);
    if (typeof value === 'string' || value === null) {
      if (isEmptyValue(value)) setKey(doc, map, key, {});
      else setKey(doc, map, key, { description: value });
      notes.push(`${key} is now a mapping (name, path, rows, sensitiveColumns, description).`);
    }
  }
  if (stringItemsToObjects(doc, map, 'factors', 'name') > 0)
    notes.push('factors entries are now { name, description }.');
  if (stringItemsToObjects(doc, map, 'ethicalConsiderations', 'name') > 0)
    notes.push('ethicalConsiderations entries are now { name, mitigation }.');
  const caveats = plainAt(map, 'caveatsAndRecommendations');
  if (typeof caveats === 'string') {
    setKey(doc, map, 'caveatsAndRecommendations', caveats.trim() ? [caveats] : []);
    notes.push('caveatsAndRecommendations is now a list.');
  }
}

/** Migration steps per kind: index N takes version N to N + 1. Adding `version` is done by the runner. */
export const MIGRATION_STEPS: Record<LifecycleDocumentKind, MigrationStep[]> = {
  project: [() => undefined],
  charter: [charterFrom0],
  dataDictionary: [dictionaryFrom0],
  expectations: [],
  pipeline: [pipelineFrom0],
  modelCard: [modelCardFrom0],
  decisions: [],
  tuning: [],
};
