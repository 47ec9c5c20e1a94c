// Fits the preprocessing of a pipeline spec on training rows (the trainer calls it once per CV
// fold and once on all training rows): drop → derive → impute → clip → encode → scale, then the
// injected feature selection. Every input column ends with a rationale: kept, dropped with the
// spec's reason, unusable (all missing), or not selected (with the selector's reason).
import type { Frame, FrameColumn } from '../frame';
import type { Matrix, Target } from '../matrix';
import { throwIfAborted } from '../models/estimator';
import type { FeatureRationale } from '../runTypes';
import type { FeatureSelectionSpec, PipelineSpec } from '../specTypes';
import { fitCategorical, fitNumeric, type ColumnPlan } from './columnPlans';
import {
  categoricalValues,
  firstNonNumeric,
  numericValues,
  parseNumber,
  PipelineSpecError,
  whereRow,
} from './columnValues';
import { ExpressionError } from './expression';
import {
  compileDerived,
  computeDerived,
  pipelineFromState,
  PIPELINE_FORMAT,
  PIPELINE_FORMAT_VERSION,
  type FittedPipeline,
  type InputType,
  type PipelineState,
} from './fittedPipeline';

export type { FittedPipeline, PipelineState } from './fittedPipeline';
export { loadPipeline } from './fittedPipeline';

/** Feature selection (src/core/model/selection), injected so the pipeline does not depend on it. */
export type SelectFeatures = (
  X: Matrix,
  y: Target,
  sources: string[],
  spec: FeatureSelectionSpec,
  ctx: { seed: number; signal?: AbortSignal },
) => Promise<{ selectedSources: string[]; rationale: FeatureRationale[] }>;

export interface FitPipelineContext {
  seed: number;
  signal?: AbortSignal;
  selectFeatures?: SelectFeatures;
}

/** Share of present values that must read as numbers for a text column to count as a numeric column with stray values. */
const MOSTLY_NUMERIC = 0.8;

/** The type a column is used as: the spec's override, else its stored type; refuses a numeric column with stray text. */
function columnType(frame: Frame, column: FrameColumn, override: InputType | undefined): InputType {
  if (override) return override;
  if (column.type === 'numeric') return 'numeric';
  let present = 0;
  let numbers = 0;
  for (const v of column.values) {
    if (v === null) continue;
    present++;
    if (!Number.isNaN(parseNumber(v))) numbers++;
  }
  if (present === 0 || numbers < MOSTLY_NUMERIC * present) return 'categorical';
  if (numbers === present) return 'numeric';
  const row = firstNonNumeric(column.values);
  throw new PipelineSpecError(
    `preprocess.columns.${column.name}`,
    `Column "${column.name}" holds numbers, but ${whereRow(frame, row)} has "${column.values[row]}" (${present - numbers} such value${present - numbers === 1 ? '' : 's'}): fix or blank them, or declare it categorical (preprocess.columns: {"${column.name}": {type: categorical}}).`,
  );
}

function allMissing(values: Float64Array | ReadonlyArray<string | null>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && !(typeof v === 'number' && Number.isNaN(v))) return false;
  }
  return true;
}

function checkReferences(frame: Frame, spec: PipelineSpec): void {
  const pre = spec.preprocess;
  const present = new Set(frame.columns.map((c) => c.name));
  const listed = () => frame.columns.map((c) => c.name).join(', ');
  pre.drop.forEach((d, i) => {
    if (!present.has(d.column))
      throw new PipelineSpecError(
        `preprocess.drop.${i}.column`,
        `preprocess.drop: the data has no column "${d.column}" (its columns: ${listed()}).`,
      );
  });
  const derived = new Set<string>();
  pre.derive.forEach((d, i) => {
    if (present.has(d.name))
      throw new PipelineSpecError(
        `preprocess.derive.${i}.name`,
        `The derived feature "${d.name}" has the name of a column of the data: choose another name.`,
      );
    derived.add(d.name);
  });
  for (const name of Object.keys(pre.columns)) {
    if (!present.has(name) && !derived.has(name) && name !== spec.target) {
      throw new PipelineSpecError(
        `preprocess.columns.${name}`,
        `preprocess.columns: the data has no column "${name}" (its columns: ${listed()}).`,
      );
    }
  }
  for (const name of pre.clip.columns ?? []) {
    if (!present.has(name) && !derived.has(name))
      throw new PipelineSpecError(
        'preprocess.clip.columns',
        `preprocess.clip.columns: the data has no column "${name}" (its columns: ${listed()}).`,
      );
  }
}

interface Candidate {
  name: string;
  type: InputType;
  numeric?: Float64Array;
  categorical?: ReadonlyArray<string | null>;
}

export async function fitPipeline(
  frame: Frame,
  target: Target,
  spec: PipelineSpec,
  ctx: FitPipelineContext,
): Promise<FittedPipeline> {
  throwIfAborted(ctx.signal);
  checkReferences(frame, spec);
  const pre = spec.preprocess;
  // Own keys only: a column named "constructor" must not find Object.prototype's.
  const overrideOf = (name: string) => (Object.hasOwn(pre.columns, name) ? pre.columns[name] : undefined);
  const dropReason = new Map(pre.drop.map((d) => [d.column, d.reason]));
  const types = new Map<string, InputType>();
  const numeric = new Map<string, Float64Array>();
  const categorical = new Map<string, ReadonlyArray<string | null>>();
  for (const column of frame.columns) {
    if (column.name === spec.target) continue;
    const type = columnType(frame, column, overrideOf(column.name)?.type);
    types.set(column.name, type);
    // Dropped columns are only read when a derived feature uses them.
    if (dropReason.has(column.name)) continue;
    if (type === 'numeric') numeric.set(column.name, numericValues(frame, column));
    else categorical.set(column.name, categoricalValues(column));
  }

  const compiled = pre.derive.map((d, i) => {
    const at = `preprocess.derive.${i}.expression`;
    let derived;
    try {
      derived = compileDerived(d.name, d.expression);
    } catch (error) {
      if (error instanceof ExpressionError)
        throw new PipelineSpecError(at, `The derived feature "${d.name}": ${error.message}`);
      throw error;
    }
    for (const used of derived.uses) {
      if (numeric.has(used)) continue;
      const type = types.get(used);
      if (type === 'categorical')
        throw new PipelineSpecError(
          at,
          `The derived feature "${d.name}" uses "${used}", a categorical column: expressions compute with numbers.`,
        );
      if (type === 'numeric') {
        numeric.set(used, numericValues(frame, frame.columns.find((c) => c.name === used) as FrameColumn));
        continue;
      }
      throw new PipelineSpecError(
        at,
        `The derived feature "${d.name}" uses "${used}", which is not a column of the data${used === spec.target ? ' (it is the target)' : ''} (columns: ${[...types.keys()].join(', ')}).`,
      );
    }
    numeric.set(d.name, computeDerived(frame, derived, numeric));
    types.set(d.name, 'numeric');
    return derived;
  });

  const rationale: FeatureRationale[] = [];
  const candidates: Candidate[] = [];
  for (const name of types.keys()) {
    const reason = dropReason.get(name);
    if (reason !== undefined) {
      rationale.push({ feature: name, included: false, reason: `dropped in the spec: ${reason}` });
      continue;
    }
    const candidate: Candidate = { name, type: types.get(name) as InputType };
    if (candidate.type === 'numeric') candidate.numeric = numeric.get(name) as Float64Array;
    else candidate.categorical = categorical.get(name) as ReadonlyArray<string | null>;
    if (allMissing(candidate.numeric ?? (candidate.categorical as ReadonlyArray<string | null>))) {
      rationale.push({ feature: name, included: false, reason: 'every value is missing in the training rows' });
      continue;
    }
    candidates.push(candidate);
  }

  const clipColumns = pre.clip.columns ? new Set(pre.clip.columns) : undefined;
  const plans: ColumnPlan[] = candidates.map((c): ColumnPlan => {
    const override = overrideOf(c.name) ?? {};
    if (c.type === 'numeric') {
      return fitNumeric(c.name, c.numeric as Float64Array, {
        impute: override.impute ?? pre.impute.numeric,
        fill: pre.impute.numericFill ?? 0,
        indicator: pre.impute.addIndicators,
        clip: pre.clip.method !== 'none' && (!clipColumns || clipColumns.has(c.name)) ? pre.clip : null,
        scale: override.scale ?? pre.scale,
      });
    }
    const impute = override.impute ?? pre.impute.categorical;
    if (impute === 'mean' || impute === 'median') {
      throw new PipelineSpecError(
        `preprocess.columns.${c.name}.impute`,
        `"${c.name}" is categorical: impute it with most_frequent, constant or none, not ${impute}.`,
      );
    }
    return fitCategorical(c.name, c.categorical as ReadonlyArray<string | null>, target, {
      impute,
      fill: pre.impute.categoricalFill ?? 'missing_value',
      encode: override.encode ?? pre.encode.categorical,
      encodeSpec: pre.encode,
    });
  });
  for (const plan of plans) {
    const constant =
      plan.kind === 'numeric'
        ? plan.constant
        : plan.kind === 'onehot'
          ? plan.categories.length + (plan.infrequent.length > 0 ? 1 : 0) <= 1
          : plan.categories.length <= 1;
    rationale.push({
      feature: plan.column,
      included: true,
      reason: constant ? 'kept; constant in the training rows (carries no information)' : 'kept',
    });
  }
  throwIfAborted(ctx.signal);

  let selected = plans;
  if (spec.featureSelection.method !== 'none' && plans.length > 0) {
    if (!ctx.selectFeatures)
      throw new Error(
        `Feature selection "${spec.featureSelection.method}" was asked for, but no selector was given to fitPipeline.`,
      );
    const full = pipelineFromState(stateOf(plans, compiled, types, rationale));
    const X = full.transform(frame);
    const result = await ctx.selectFeatures(X, target, full.sources, spec.featureSelection, {
      seed: ctx.seed,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const keep = new Set(result.selectedSources);
    selected = plans.filter((p) => keep.has(p.column));
    if (selected.length === 0) {
      throw new PipelineSpecError(
        'featureSelection',
        `Feature selection (${spec.featureSelection.method}) kept no feature: loosen its k or threshold.`,
      );
    }
    const reasons = new Map(result.rationale.map((r) => [r.feature, r]));
    for (const entry of rationale) {
      const chosen = reasons.get(entry.feature);
      if (!plans.some((p) => p.column === entry.feature)) continue;
      entry.included = keep.has(entry.feature);
      if (chosen) {
        entry.reason = chosen.reason;
        if (chosen.score !== undefined) entry.score = chosen.score;
      } else if (!entry.included) {
        entry.reason = `not selected by ${spec.featureSelection.method}`;
      }
    }
  }
  return pipelineFromState(stateOf(selected, compiled, types, rationale));
}

/** The saved state of the chosen plans: only the inputs and derived features they need. */
function stateOf(
  plans: ColumnPlan[],
  derived: Array<{ name: string; expression: string; uses: string[] }>,
  types: Map<string, InputType>,
  rationale: FeatureRationale[],
): PipelineState {
  const byName = new Map(derived.map((d) => [d.name, d]));
  const neededDerived = new Set<string>();
  const neededInputs = new Set<string>();
  const need = (name: string): void => {
    const d = byName.get(name);
    if (!d) {
      neededInputs.add(name);
      return;
    }
    if (neededDerived.has(name)) return;
    neededDerived.add(name);
    d.uses.forEach(need);
  };
  plans.forEach((p) => need(p.column));
  return {
    format: PIPELINE_FORMAT,
    version: PIPELINE_FORMAT_VERSION,
    inputs: [...types.keys()]
      .filter((n) => neededInputs.has(n))
      .map((name) => ({ name, type: types.get(name) as InputType })),
    derive: derived.filter((d) => neededDerived.has(d.name)).map(({ name, expression }) => ({ name, expression })),
    plans,
    rationale: rationale.map((r) => ({ ...r })),
  };
}
