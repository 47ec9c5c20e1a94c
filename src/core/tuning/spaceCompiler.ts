// The `space:` of a tuning study into a SearchSpace: `model` (a categorical over the pipeline
// spec's model names), each model's parameters (named `<model>.<param>`, conditional on that
// model when `model` is searched) and preprocessing choices (`preprocess.<path>`). Every range
// and choice is checked against the model it belongs to, each problem placed at its YAML line.
import { ModelParamError, type Task } from '../model/models/estimator';
import { findModel } from '../model/models/registry';
import type { Path, SpecReader } from '../model/spec/specReader';
import pipelineSchema from '../../../schemas/pipeline.schema.json';
import { showValue } from './studyTypes';
import type {
  Condition,
  Distribution,
  FloatDistribution,
  IntDistribution,
  ParamDef,
  ParamValue,
  SearchSpace,
} from './types';

/** What the study needs to know of its pipeline spec. */
export interface StudyPipeline {
  task: Task;
  /** The spec's models (defaulted names and kinds), in order. */
  models: ReadonlyArray<{ name: string; kind: string }>;
  seed?: number;
  /** evaluation.primaryMetric: the objective when the study names none. */
  primaryMetric?: string;
}

export interface CompiledSpace {
  space: SearchSpace;
  models: string[];
  gridPoints: Record<string, number>;
}

interface RawRange {
  type?: 'int' | 'float' | 'categorical';
  low?: number;
  high?: number;
  log?: boolean;
  step?: number;
  points?: number;
  choices?: ParamValue[];
  when?: Record<string, ParamValue | ParamValue[]>;
}
type RawParam = ParamValue[] | RawRange;

/** The preprocessing choices a study may search, with the values pipeline.yaml allows. */
export const PREPROCESS_CHOICES: Readonly<Record<string, readonly string[]>> = (() => {
  const p = pipelineSchema.properties.preprocess.properties;
  return {
    'impute.numeric': p.impute.properties.numeric.enum,
    'impute.categorical': p.impute.properties.categorical.enum,
    scale: p.scale.enum,
    'encode.categorical': p.encode.properties.categorical.enum,
  };
})();

const isInt = (x: number) => Number.isInteger(x);
const list = (xs: readonly unknown[]) => xs.map((x) => showValue(x as ParamValue)).join(', ');

/** Whether the model accepts `value` for `param` (other parameters at their defaults); the error when it does not. */
function modelRejects(kind: string, task: Task, param: string, value: ParamValue): string | undefined {
  const definition = findModel(kind);
  if (!definition) return undefined;
  try {
    definition.params({ [param]: value }, task);
  } catch (error) {
    if (error instanceof ModelParamError && error.param === param) return error.message;
  }
  return undefined;
}

class SpaceCompiler {
  readonly params: ParamDef[] = [];
  readonly gridPoints: Record<string, number> = {};

  constructor(
    private readonly reader: SpecReader,
    private readonly pipeline: StudyPipeline,
    /** Every parameter name the space declares, in order (to tell "later" from "unknown" in when:). */
    private readonly declared: readonly string[],
  ) {}

  private find(name: string): ParamDef | undefined {
    return this.params.find((p) => p.name === name);
  }

  /** One parameter; `kind` is the model kind it belongs to (undefined for preprocessing). */
  add(name: string, group: string, raw: RawParam, at: Path, base: Condition[], kind?: string): void {
    const distribution = Array.isArray(raw)
      ? this.categorical(raw, at, kind, name)
      : this.fromObject(name, raw, at, kind);
    if (!distribution) return;
    const conditions = [...base, ...(Array.isArray(raw) ? [] : this.when(name, group, raw, at))];
    this.params.push(conditions.length ? { name, distribution, conditions } : { name, distribution });
  }

  private param(name: string): string {
    return name.slice(name.indexOf('.') + 1);
  }

  private categorical(
    choices: ParamValue[],
    at: Path,
    kind: string | undefined,
    name: string,
  ): Distribution | undefined {
    if (choices.length === 0) {
      this.reader.problem(at, `${name} has no choices: list at least one value.`, 'error', false);
      return undefined;
    }
    let ok = true;
    choices.forEach((choice, i) => {
      const j = choices.findIndex((c) => c === choice);
      if (j < i) {
        this.reader.problem(
          [...at, i],
          `${showValue(choice)} is listed twice in ${name} (also item ${j + 1}).`,
          'error',
          false,
        );
        ok = false;
      }
    });
    if (kind) {
      const param = this.param(name);
      choices.forEach((choice, i) => {
        const why = modelRejects(kind, this.pipeline.task, param, choice);
        if (why) {
          this.reader.problem([...at, i], `${name} = ${showValue(choice)} is not accepted: ${why}`, 'error', false);
          ok = false;
        }
      });
    }
    return ok ? { type: 'categorical', choices } : undefined;
  }

  private fromObject(name: string, raw: RawRange, at: Path, kind: string | undefined): Distribution | undefined {
    const problem = (key: string, message: string) => this.reader.problem([...at, key], message, 'error', false);
    if (raw.choices !== undefined || raw.type === 'categorical') {
      if (raw.choices === undefined) {
        this.reader.problem(at, `${name} is categorical: give its values as choices: [...].`);
        return undefined;
      }
      for (const key of ['low', 'high', 'log', 'step', 'points'] as const)
        if (raw[key] !== undefined) problem(key, `${key} is for ranges; ${name} has choices.`);
      if (raw.type !== undefined && raw.type !== 'categorical')
        problem('type', `${name} has choices: its type is categorical, not ${raw.type}.`);
      return this.categorical(raw.choices, [...at, 'choices'], kind, name);
    }
    if (raw.low === undefined || raw.high === undefined) {
      this.reader.problem(
        at,
        `${name} needs ${raw.low === undefined ? 'low' : 'high'}: a range is { low, high } (or give choices: [...]).`,
      );
      return undefined;
    }
    const { low, high } = raw;
    const errorsBefore = this.reader.problems.length;
    if (low > high) problem('low', `low (${low}) is above high (${high}).`);
    const type = raw.type ?? this.inferType(name, raw, kind);
    if (type === 'int') {
      if (!isInt(low)) problem('low', `${name} is an integer parameter: low must be an integer (got ${low}).`);
      if (!isInt(high)) problem('high', `${name} is an integer parameter: high must be an integer (got ${high}).`);
      if (raw.step !== undefined && !isInt(raw.step))
        problem('step', `${name} is an integer parameter: step must be an integer (got ${raw.step}).`);
      if (raw.log && low < 1) problem('low', `A log range of integers starts at 1 or above: low is ${low}.`);
      if (raw.log && raw.step !== undefined && raw.step !== 1)
        problem('step', `A log range has no step: sample in log space or on a step, not both.`);
      if (raw.points !== undefined)
        problem('points', `points is for float ranges; ${name} is an integer range (its grid is every step).`);
    } else {
      if (raw.log && low <= 0)
        problem(
          'low',
          `A log range must be above 0: low is ${low} (log of ${low <= 0 ? 'zero or a negative number' : low} is undefined).`,
        );
      if (raw.log && raw.step !== undefined)
        problem('step', `A log range has no step: sample in log space or on a step, not both.`);
      if (raw.points !== undefined && raw.step !== undefined)
        problem('points', `Give step or points, not both: both say which values the grid tries.`);
      if (raw.points === 1 && low !== high)
        problem('points', `One point of a range is its low end only: give at least 2 points, or a single choice.`);
    }
    if (kind) {
      const param = this.param(name);
      for (const key of ['low', 'high'] as const) {
        const why = modelRejects(kind, this.pipeline.task, param, raw[key]!);
        if (why) problem(key, `${name} = ${raw[key]} is not accepted: ${why}`);
      }
    }
    if (this.reader.problems.slice(errorsBefore).some((p) => p.severity === 'error')) return undefined;
    if (raw.step !== undefined && low <= high) {
      const count = Math.floor((high - low) / raw.step + 1e-9);
      const last = low + count * raw.step;
      if (Math.abs(last - high) > 1e-9 * Math.max(1, Math.abs(high)))
        this.reader.problem(
          [...at, 'step'],
          `high (${high}) is not on a step from low: the values end at ${Number(last.toPrecision(12))}.`,
          'warning',
          false,
        );
    }
    if (type === 'float' && raw.points !== undefined) this.gridPoints[name] = raw.points;
    const distribution: FloatDistribution | IntDistribution = { type, low, high };
    if (raw.log) distribution.log = true;
    if (raw.step !== undefined) distribution.step = raw.step;
    return distribution;
  }

  /**
   * Int or float when the YAML does not say: the model's own check decides when it rejects a
   * fractional value in the range; otherwise int when the model's default is an integer and
   * both bounds are integers.
   */
  private inferType(name: string, raw: RawRange, kind: string | undefined): 'int' | 'float' {
    const low = raw.low!;
    const high = raw.high!;
    if (!kind || kind === 'external' || !findModel(kind) || !isInt(low) || !isInt(high)) return 'float';
    const param = this.param(name);
    if (low < high && !modelRejects(kind, this.pipeline.task, param, low)) {
      return modelRejects(kind, this.pipeline.task, param, low + 0.5) ? 'int' : 'float';
    }
    const fallback = findModel(kind)!.defaults(this.pipeline.task)[param];
    return typeof fallback === 'number' && isInt(fallback) ? 'int' : 'float';
  }

  /** The conditions of `when:`, each naming an earlier parameter and values it can take. */
  private when(name: string, group: string, raw: RawRange, at: Path): Condition[] {
    if (!raw.when) return [];
    const conditions: Condition[] = [];
    for (const [key, value] of Object.entries(raw.when)) {
      const where: Path = [...at, 'when', key];
      const candidates = key === 'model' || key.startsWith('preprocess.') ? [key] : [`${group}.${key}`, key];
      const target = candidates.map((c) => this.find(c)).find((d) => d !== undefined);
      if (!target) {
        const later = candidates.find((c) => this.declared.indexOf(c) > this.declared.indexOf(name));
        const earlier = this.params.filter((p) => p.name.startsWith(`${group}.`) && p.name !== name).map((p) => p.name);
        this.reader.problem(
          where,
          later !== undefined
            ? `${name} depends on ${later}, which comes after it: move ${later} above ${name}.`
            : candidates.some((c) => c === name)
              ? `${name} cannot depend on itself.`
              : `when names "${key}", which is not a parameter before ${name}${earlier.length ? ` (before it: ${earlier.join(', ')})` : ''}.`,
        );
        continue;
      }
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0) {
        this.reader.problem(where, `when: ${key} lists no values: ${name} would never exist.`, 'error', false);
        continue;
      }
      let ok = true;
      values.forEach((v, i) => {
        const why = cannotTake(target.distribution, v);
        if (why) {
          ok = false;
          this.reader.problem(
            Array.isArray(value) ? [...where, i] : where,
            `${target.name} never is ${showValue(v)}: ${why}`,
            'error',
            false,
          );
        }
      });
      if (ok) conditions.push({ param: target.name, values });
    }
    return conditions;
  }
}

/** Why a distribution never yields `value` (undefined when it can). */
function cannotTake(d: Distribution, value: ParamValue): string | undefined {
  if (d.type === 'categorical')
    return d.choices.some((c) => c === value) ? undefined : `its choices are ${list(d.choices)}.`;
  if (typeof value !== 'number') return `it is a number from ${d.low} to ${d.high}.`;
  if (value < d.low || value > d.high) return `its range is ${d.low} to ${d.high}.`;
  if (d.type === 'int' && !isInt(value)) return 'it takes integers.';
  const step = d.step ?? (d.type === 'int' ? 1 : undefined);
  if (step !== undefined && !d.log) {
    const k = (value - d.low) / step;
    if (Math.abs(k - Math.round(k)) > 1e-9) return `its values are ${d.low}, ${d.low + step}, ... (step ${step}).`;
  }
  return undefined;
}

/** Leaf parameters of `preprocess:` by dotted path, in written order. */
function preprocessLeaves(raw: Record<string, unknown>, prefix: string[] = []): Array<[string[], RawParam]> {
  return Object.entries(raw).flatMap(([key, value]): Array<[string[], RawParam]> => {
    const path = [...prefix, key];
    const isGroup =
      value !== null && typeof value === 'object' && !Array.isArray(value) && !(path.join('.') in PREPROCESS_CHOICES);
    return isGroup ? preprocessLeaves(value as Record<string, unknown>, path) : [[path, value as RawParam]];
  });
}

/** Compiles `space:` (found at `at` in the document); problems go to `reader`. */
export function compileSpace(
  reader: SpecReader,
  raw: Record<string, unknown>,
  at: Path,
  pipeline: StudyPipeline,
): CompiledSpace {
  const names = pipeline.models.map((m) => m.name);
  const modelChoices = raw.model as string[] | undefined;
  const groups = Object.entries(raw).filter(([key]) => key !== 'model' && key !== 'preprocess') as Array<
    [string, Record<string, RawParam>]
  >;
  const preprocess = preprocessLeaves((raw.preprocess as Record<string, unknown> | undefined) ?? {});
  const declared = [
    ...(modelChoices ? ['model'] : []),
    ...Object.keys(raw).flatMap((key) =>
      key === 'model'
        ? []
        : key === 'preprocess'
          ? preprocess.map(([path]) => `preprocess.${path.join('.')}`)
          : Object.keys(raw[key] ?? {}).map((p) => `${key}.${p}`),
    ),
  ];
  const compiler = new SpaceCompiler(reader, pipeline, declared);

  let searched: string[] | undefined;
  if (modelChoices) {
    searched = [];
    modelChoices.forEach((name, i) => {
      if (!names.includes(name))
        reader.problem(
          [...at, 'model', i],
          `Unknown model "${name}": the pipeline spec's models are ${names.join(', ')}.`,
          'error',
          false,
        );
      else if (searched!.includes(name))
        reader.problem([...at, 'model', i], `"${name}" is listed twice in model.`, 'error', false);
      else searched!.push(name);
    });
    if (searched.length)
      compiler.params.push({ name: 'model', distribution: { type: 'categorical', choices: searched } });
  }

  for (const key of Object.keys(raw)) {
    if (key === 'model') continue;
    if (key === 'preprocess') {
      for (const [path, param] of preprocess) {
        const dotted = path.join('.');
        const where: Path = [...at, 'preprocess', ...path];
        const allowed = PREPROCESS_CHOICES[dotted];
        if (!allowed) {
          reader.problem(
            where,
            `preprocess.${dotted} cannot be searched (the choices that can: ${Object.keys(PREPROCESS_CHOICES)
              .map((k) => `preprocess.${k}`)
              .join(', ')}).`,
          );
          continue;
        }
        const choices = Array.isArray(param) ? param : param.choices;
        if (!choices) {
          reader.problem(
            where,
            `preprocess.${dotted} is a choice: list the values to try (among ${allowed.join(', ')}).`,
          );
          continue;
        }
        const itemsAt: Path = Array.isArray(param) ? where : [...where, 'choices'];
        const bad = choices.findIndex((c) => !allowed.includes(c as string));
        if (bad >= 0) {
          reader.problem(
            [...itemsAt, bad],
            `preprocess.${dotted} is one of ${allowed.join(', ')} (got ${showValue(choices[bad])}).`,
            'error',
            false,
          );
          continue;
        }
        compiler.add(`preprocess.${dotted}`, 'preprocess', param, where, []);
      }
      continue;
    }
    const model = pipeline.models.find((m) => m.name === key);
    const params = (raw[key] ?? {}) as Record<string, RawParam>;
    if (!model) {
      reader.problem(
        [...at, key],
        `Unknown model "${key}": the pipeline spec's models are ${names.join(', ')} (or search model, or preprocess).`,
      );
      continue;
    }
    if (searched && !searched.includes(key)) {
      reader.problem(
        [...at, key],
        `${key} is not among the searched models (model: [${searched.join(', ')}]): add it there, or remove its parameters.`,
      );
      continue;
    }
    const definition = findModel(model.kind);
    const known = definition ? Object.keys(definition.defaults(pipeline.task)) : undefined;
    const base: Condition[] = searched ? [{ param: 'model', values: [key] }] : [];
    for (const [param, value] of Object.entries(params)) {
      if (known && !known.includes(param)) {
        reader.problem(
          [...at, key, param],
          `${model.kind} has no parameter "${param}" (its parameters: ${known.join(', ')}).`,
        );
        continue;
      }
      compiler.add(`${key}.${param}`, key, value, [...at, key, param], base, model.kind);
    }
  }

  let models: string[] = searched ?? [];
  if (!modelChoices) {
    const tuned = groups.map(([key]) => key).filter((key) => names.includes(key));
    if (tuned.length > 1)
      reader.problem(
        [...at, tuned[1]],
        `The space has parameters of ${tuned.join(' and ')}: search the model too (model: [${tuned.join(', ')}]) so each trial trains one of them.`,
      );
    else if (tuned.length === 1) models = tuned;
    else if (names.length === 1) models = names;
    else if (compiler.params.length > 0)
      reader.problem(
        at,
        `The pipeline spec has ${names.length} models (${names.join(', ')}): say which one the study trains (model: [${names[0]}], or its parameters).`,
      );
  }
  if (declared.length === 0)
    reader.problem(
      at,
      'The search space is empty: give at least one parameter to search (e.g. model: [...], or a model name with its parameters).',
    );
  return { space: { params: compiler.params }, models, gridPoints: compiler.gridPoints };
}
