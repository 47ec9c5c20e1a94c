// Reads pipeline.yaml into a fully defaulted PipelineSpec. YAML and JSON Schema problems come
// with the line and column of the key at fault (src/core/yaml); the rules a schema says poorly
// (unique model names, a group column for group splits, expressions, model parameters, the task
// each model serves) are checked here with the same positions. What the spec leaves out comes
// from mlcycle.yaml (task, target, datasets, sensitive columns) or from specDefaults.
import schema from '../../../../schemas/pipeline.schema.json';
import { checkAgainstSchema } from '../../yaml/schemaCheck';
import { parseYaml, type ParsedYaml, type Position, type Problem } from '../../yaml/yamlDocument';
import type { Task } from '../models/estimator';
import { ExpressionError, expressionColumns, parseExpression } from '../pipeline/expression';
import type {
  EvaluationSpec,
  FeatureSelectionSpec,
  PipelineSpec,
  PreprocessSpec,
  SpecLocations,
  SplitSpec,
} from '../specTypes';
import {
  DEFAULT_FOLDS,
  DEFAULT_HOLDOUT_FRACTION,
  DEFAULT_SEED,
  METRICS,
  MODEL_KIND_TASKS,
  defaultEvaluation,
  defaultFeatureSelection,
  defaultPreprocess,
} from './specDefaults';
import { builtInKinds, readModels, type RawModel } from './readModels';
import { isOutsideProject, SpecReader, type Path } from './specReader';

/** What the pipeline spec inherits from mlcycle.yaml. */
export interface PipelineProject {
  task?: Task;
  target?: string;
  datasets?: { train?: string; holdout?: string };
  sensitiveColumns?: string[];
}

export interface ParsedPipelineSpec {
  /** The defaulted spec, when the document has no errors. */
  spec?: PipelineSpec;
  problems: Problem[];
  /** Where each key was written (dotted paths), to place later errors (data, fitting) at the user's line. */
  locations: SpecLocations;
}

/** The raw document, as the schema guarantees it (every key optional). */
interface RawSpec {
  task?: Task;
  target?: string;
  data?: { train?: string; holdout?: string };
  split?: {
    holdout?: number;
    kind?: SplitSpec['kind'];
    folds?: number;
    group?: string;
    time?: string;
    shuffle?: boolean;
    seed?: number;
  };
  preprocess?: Partial<Omit<PreprocessSpec, 'impute' | 'clip' | 'encode'>> & {
    impute?: Partial<PreprocessSpec['impute']>;
    clip?: Partial<PreprocessSpec['clip']>;
    encode?: Partial<PreprocessSpec['encode']>;
  };
  featureSelection?: Partial<FeatureSelectionSpec>;
  models?: RawModel[];
  evaluation?: Partial<Omit<EvaluationSpec, 'positiveClass'>> & { positiveClass?: string | number | boolean };
  seed?: number;
}

const FILE_START: Position = { line: 1, column: 1 };

function collectLocations(parsed: ParsedYaml): SpecLocations {
  const locations: SpecLocations = {};
  const visit = (value: unknown, path: Path) => {
    if (path.length > 0) locations[path.join('.')] = parsed.rangeOf(path, true).start;
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(parsed.value, []);
  return locations;
}

function checkDataPath(reader: SpecReader, path: Path, value: string): void {
  if (isOutsideProject(value)) {
    reader.problem(
      path,
      `"${value}" points outside the project folder; keep data inside it and give the path relative to the folder.`,
      'error',
      false,
    );
  }
}

function readData(reader: SpecReader, raw: RawSpec, project: PipelineProject): PipelineSpec['data'] | undefined {
  const train = raw.data?.train ?? project.datasets?.train;
  if (!train) {
    reader.problem(
      raw.data ? ['data'] : [],
      'No training data: give data.train here, or datasets.train in mlcycle.yaml.',
    );
    return undefined;
  }
  const inherited = raw.data?.train === undefined || raw.data.train === project.datasets?.train;
  const holdout = raw.data?.holdout ?? (inherited ? project.datasets?.holdout : undefined);
  if (raw.data?.train !== undefined) checkDataPath(reader, ['data', 'train'], raw.data.train);
  if (raw.data?.holdout !== undefined) checkDataPath(reader, ['data', 'holdout'], raw.data.holdout);
  return holdout ? { train, holdout } : { train };
}

function readSplit(reader: SpecReader, raw: RawSpec, task: Task, hasHoldoutFile: boolean, seed: number): SplitSpec {
  const s = raw.split ?? {};
  let holdoutFraction = s.holdout ?? (hasHoldoutFile ? 0 : DEFAULT_HOLDOUT_FRACTION);
  if (hasHoldoutFile && holdoutFraction > 0) {
    reader.problem(
      ['split', 'holdout'],
      'Ignored: the holdout is the file data.holdout (a split of the training file is only made without one).',
      'warning',
    );
    holdoutFraction = 0;
  }
  const kind = s.kind ?? (task === 'classification' ? 'stratified' : 'kfold');
  if (kind === 'stratified' && task === 'regression') {
    reader.problem(
      ['split', 'kind'],
      'A stratified split spreads each class over the folds: it needs a classification task. Use kfold for regression.',
    );
  }
  if (kind === 'group' && !s.group)
    reader.problem(
      s.kind ? ['split', 'kind'] : ['split'],
      'A group split needs the column that keeps rows together: add split.group (e.g. group: patient_id).',
    );
  if (kind === 'time' && !s.time)
    reader.problem(
      s.kind ? ['split', 'kind'] : ['split'],
      'A time split needs the column that orders rows: add split.time (e.g. time: date).',
    );
  if (s.group && kind !== 'group')
    reader.problem(
      ['split', 'group'],
      `Ignored: split.group only applies to kind group (this split is ${kind}).`,
      'warning',
    );
  if (s.time && kind !== 'time')
    reader.problem(
      ['split', 'time'],
      `Ignored: split.time only applies to kind time (this split is ${kind}).`,
      'warning',
    );
  const split: SplitSpec = {
    holdoutFraction,
    kind,
    folds: s.folds ?? DEFAULT_FOLDS,
    shuffle: s.shuffle ?? true,
    seed: s.seed ?? seed,
  };
  if (kind === 'group' && s.group) split.groupColumn = s.group;
  if (kind === 'time' && s.time) split.timeColumn = s.time;
  return split;
}

function readPreprocess(reader: SpecReader, raw: RawSpec, target: string): PreprocessSpec {
  const p = raw.preprocess ?? {};
  const d = defaultPreprocess();
  const spec: PreprocessSpec = {
    drop: p.drop ?? [],
    derive: p.derive ?? [],
    impute: { ...d.impute, ...p.impute },
    clip: { ...d.clip, ...p.clip },
    encode: { ...d.encode, ...p.encode },
    scale: p.scale ?? d.scale,
    columns: p.columns ?? {},
  };

  const dropped = new Set<string>();
  spec.drop.forEach(({ column }, i) => {
    if (dropped.has(column)) reader.problem(['preprocess', 'drop', i, 'column'], `"${column}" is dropped twice.`);
    if (column === target)
      reader.problem(
        ['preprocess', 'drop', i, 'column'],
        `"${column}" is the target: it is never a feature, no need to drop it.`,
        'warning',
      );
    dropped.add(column);
  });

  const derived = spec.derive.map((x) => x.name);
  spec.derive.forEach(({ name, expression }, i) => {
    const at: Path = ['preprocess', 'derive', i];
    if (derived.indexOf(name) !== i)
      reader.problem([...at, 'name'], `A derived feature "${name}" is already defined above.`);
    if (name === target)
      reader.problem([...at, 'name'], `"${name}" is the target: a derived feature needs another name.`);
    try {
      const node = parseExpression(expression);
      for (const { name: used, offset } of expressionColumns(node)) {
        const j = derived.indexOf(used);
        if (used === name && j === i)
          reader.problemInside([...at, 'expression'], offset, `"${name}" cannot use itself.`);
        else if (j > i)
          reader.problemInside(
            [...at, 'expression'],
            offset,
            `"${used}" is derived further down: move it above "${name}".`,
          );
        else if (used === target)
          reader.problemInside(
            [...at, 'expression'],
            offset,
            `"${used}" is the target: a feature computed from it leaks the answer.`,
          );
      }
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      reader.problemInside([...at, 'expression'], error.offset, `Invalid expression: ${error.message}`);
    }
  });

  if (spec.clip.method === 'quantile' && spec.clip.lower >= spec.clip.upper) {
    reader.problem(
      ['preprocess', 'clip', p.clip?.lower !== undefined ? 'lower' : 'upper'],
      `The lower quantile (${spec.clip.lower}) must be below the upper one (${spec.clip.upper}).`,
    );
  }
  if (spec.impute.numeric === 'none' && spec.impute.addIndicators) {
    reader.problem(
      ['preprocess', 'impute', 'addIndicators'],
      'Missing indicators come with imputation; with numeric: none the values stay missing and the models see that themselves.',
      'warning',
    );
  }
  for (const [column, override] of Object.entries(spec.columns)) {
    if (column === target)
      reader.problem(
        ['preprocess', 'columns', column],
        `"${column}" is the target: it is not preprocessed as a feature.`,
        'warning',
      );
    if (override.type === 'numeric' && override.encode)
      reader.problem(
        ['preprocess', 'columns', column, 'encode'],
        `"${column}" is declared numeric: it is not encoded.`,
      );
    if (override.type === 'categorical' && override.scale)
      reader.problem(
        ['preprocess', 'columns', column, 'scale'],
        `"${column}" is declared categorical: it is encoded, not scaled.`,
      );
    if (override.type === 'categorical' && (override.impute === 'mean' || override.impute === 'median')) {
      reader.problem(
        ['preprocess', 'columns', column, 'impute'],
        `"${column}" is declared categorical: impute it with most_frequent, constant or none.`,
      );
    }
  }
  return spec;
}

function readFeatureSelection(reader: SpecReader, raw: RawSpec, task: Task): FeatureSelectionSpec {
  const f = raw.featureSelection ?? {};
  const spec: FeatureSelectionSpec = { ...defaultFeatureSelection(), ...f };
  if (f.estimator !== undefined) {
    const tasks = MODEL_KIND_TASKS[f.estimator];
    if (!tasks || f.estimator === 'external') {
      reader.problem(
        ['featureSelection', 'estimator'],
        `Unknown model kind "${f.estimator}" (known: ${builtInKinds(task).join(', ')}).`,
        'error',
        false,
      );
    } else if (!tasks.includes(task)) {
      reader.problem(
        ['featureSelection', 'estimator'],
        `${f.estimator} does not do ${task} (for ${task}: ${builtInKinds(task).join(', ')}).`,
        'error',
        false,
      );
    }
    if (spec.method !== 'rfe' && spec.method !== 'forward' && spec.method !== 'tree_importance')
      reader.problem(
        ['featureSelection', 'estimator'],
        `Ignored: only rfe, forward and tree_importance fit an estimator; this method is ${spec.method}.`,
        'warning',
      );
  }
  if (spec.method === 'chi2' && task === 'regression')
    reader.problem(
      ['featureSelection', 'method'],
      'chi2 scores features against classes: it needs a classification task (use anova_f, correlation or mutual_info for regression).',
    );
  return spec;
}

function readEvaluation(reader: SpecReader, raw: RawSpec, task: Task, project: PipelineProject): EvaluationSpec {
  const e = raw.evaluation ?? {};
  const d = defaultEvaluation(task, project.sensitiveColumns ?? []);
  const spec: EvaluationSpec = {
    primaryMetric: e.primaryMetric ?? d.primaryMetric,
    sensitiveColumns: e.sensitiveColumns ?? d.sensitiveColumns,
    permutationRepeats: e.permutationRepeats ?? d.permutationRepeats,
    slices: e.slices ?? d.slices,
    worstRows: e.worstRows ?? d.worstRows,
  };
  const other: Task = task === 'classification' ? 'regression' : 'classification';
  if (METRICS[other].includes(spec.primaryMetric) && !METRICS[task].includes(spec.primaryMetric)) {
    reader.problem(
      ['evaluation', 'primaryMetric'],
      `${spec.primaryMetric} is a ${other} metric; for ${task} use one of: ${METRICS[task].join(', ')}.`,
      'error',
      false,
    );
  } else if (!METRICS[task].includes(spec.primaryMetric)) {
    reader.problem(
      ['evaluation', 'primaryMetric'],
      `"${spec.primaryMetric}" is not a metric ML Lifecycle knows for ${task} (${METRICS[task].join(', ')}).`,
      'warning',
      false,
    );
  }
  if (e.positiveClass !== undefined) {
    if (task === 'regression')
      reader.problem(
        ['evaluation', 'positiveClass'],
        'Ignored: a positive class only applies to classification.',
        'warning',
      );
    else spec.positiveClass = String(e.positiveClass);
  }
  return spec;
}

/** Parses the text of pipeline.yaml; `project` is what mlcycle.yaml says (task, target, datasets ...). */
export function parsePipelineSpec(text: string, project: PipelineProject): ParsedPipelineSpec {
  const parsed = parseYaml(text);
  const problems = [...parsed.problems];
  if (problems.some((p) => p.severity === 'error')) return { problems, locations: {} };
  if (
    parsed.value === null ||
    parsed.value === undefined ||
    typeof parsed.value !== 'object' ||
    Array.isArray(parsed.value)
  ) {
    const message =
      parsed.value === null || parsed.value === undefined
        ? 'The pipeline spec is empty: it needs at least "version: 1" (everything else has a default).'
        : 'The pipeline spec must be a mapping of keys (version, data, split, preprocess, models ...).';
    return {
      problems: [...problems, { message, start: FILE_START, end: FILE_START, severity: 'error', path: [] }],
      locations: {},
    };
  }
  problems.push(...checkAgainstSchema(parsed, schema));
  const locations = collectLocations(parsed);
  if (problems.some((p) => p.severity === 'error')) return { problems, locations };

  const raw = parsed.value as RawSpec;
  const reader = new SpecReader(parsed, text);
  const task = raw.task ?? project.task;
  const target = raw.target ?? project.target;
  if (!task) reader.problem([], 'No task: give task (classification or regression) here or in mlcycle.yaml.');
  if (!target) reader.problem([], 'No target: give target (the column to predict) here or in mlcycle.yaml.');
  const data = readData(reader, raw, project);
  if (!task || !target || !data) return { problems: [...problems, ...reader.problems], locations };

  const seed = raw.seed ?? DEFAULT_SEED;
  const spec: PipelineSpec = {
    version: 1,
    task,
    target,
    data,
    split: readSplit(reader, raw, task, data.holdout !== undefined, seed),
    preprocess: readPreprocess(reader, raw, target),
    featureSelection: readFeatureSelection(reader, raw, task),
    models: readModels(reader, raw.models, task),
    evaluation: readEvaluation(reader, raw, task, project),
    seed,
  };
  for (const column of [spec.split.groupColumn, spec.split.timeColumn]) {
    if (column !== undefined && column === target)
      reader.problem(
        ['split', spec.split.groupColumn === column ? 'group' : 'time'],
        `"${column}" is the target; split by another column.`,
      );
  }
  problems.push(...reader.problems);
  if (reader.failed) return { problems, locations };
  return { spec, problems, locations };
}
