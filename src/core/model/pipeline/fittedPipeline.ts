// A fitted preprocessing pipeline as plain JSON (saved in every model artifact) and the one
// transform that applies it: check and convert the input columns, compute the derived features,
// then apply each column's plan into a column-major matrix. fitPipeline and loadPipeline both
// build their transform from this state, so training and prediction give identical matrices.
import { JobError } from '../../../protocol/jobError';
import type { Frame } from '../frame';
import { createMatrix, type Matrix } from '../matrix';
import { ModelFormatError } from '../models/estimator';
import type { FeatureRationale } from '../runTypes';
import { applyCategorical, applyNumeric, featureNames, type ColumnPlan } from './columnPlans';
import { categoricalValues, dataError, numericValues, requireColumn, whereRow } from './columnValues';
import { evaluateExpression, expressionColumns, parseExpression, type ExpressionNode } from './expression';

export const PIPELINE_FORMAT = 'mlcycle-pipeline';
export const PIPELINE_FORMAT_VERSION = 1;

export type InputType = 'numeric' | 'categorical';

export interface PipelineState {
  format: typeof PIPELINE_FORMAT;
  version: typeof PIPELINE_FORMAT_VERSION;
  /** Columns the data must have, with the type the pipeline reads them as. */
  inputs: Array<{ name: string; type: InputType }>;
  /** Derived features still needed, in evaluation order. */
  derive: Array<{ name: string; expression: string }>;
  /** One plan per feature column, in feature order. */
  plans: ColumnPlan[];
  rationale: FeatureRationale[];
}

export interface FittedPipeline {
  inputs: Array<{ name: string; type: InputType }>;
  /** One name per matrix column ("Island=Biscoe", "Body Mass (g)", "ratio"). */
  featureNames: string[];
  /** The input (or derived) column each feature comes from. */
  sources: string[];
  /** Every input column (and derived feature): kept, dropped with the spec's reason, or not selected. */
  rationale: FeatureRationale[];
  /** The design matrix of `frame` (which needs the `inputs` columns; others are ignored). */
  transform(frame: Frame): Matrix;
  toJSON(): PipelineState;
}

interface CompiledDerived {
  name: string;
  expression: string;
  node: ExpressionNode;
  uses: string[];
}

/** Evaluates a derived feature; a missing input gives a missing value, a non-finite result from finite inputs is refused. */
export function computeDerived(
  frame: Frame,
  derived: { name: string; expression: string; node: ExpressionNode; uses: string[] },
  env: Map<string, Float64Array>,
): Float64Array {
  const rows = frame.rows;
  let values = evaluateExpression(derived.node, rows, (name) => env.get(name) as Float64Array);
  // A bare column reference returns the column itself: never write into an input.
  if (derived.node.type === 'column') values = values.slice();
  const inputs = derived.uses.map((u) => env.get(u) as Float64Array);
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (Number.isFinite(v)) continue;
    if (inputs.some((column) => Number.isNaN(column[i]))) {
      values[i] = NaN;
      continue;
    }
    const shown = derived.uses.map((u, k) => `${u} = ${inputs[k][i]}`).join(', ');
    throw dataError(
      frame,
      i,
      `The derived feature "${derived.name}" (${derived.expression}) is ${v} at ${whereRow(frame, i)} (${shown}): guard the expression (e.g. a division by zero or the log of a non-positive number) or fix the data.`,
    );
  }
  return values;
}

export function compileDerived(name: string, expression: string): CompiledDerived {
  const node = parseExpression(expression);
  return { name, expression, node, uses: expressionColumns(node).map((c) => c.name) };
}

export function pipelineFromState(state: PipelineState): FittedPipeline {
  const derive = state.derive.map((d) => compileDerived(d.name, d.expression));
  const names = state.plans.flatMap(featureNames);
  const sources = state.plans.flatMap((p) => featureNames(p).map(() => p.column));

  function transform(frame: Frame): Matrix {
    const rows = frame.rows;
    const numeric = new Map<string, Float64Array>();
    const categorical = new Map<string, ReadonlyArray<string | null>>();
    for (const input of state.inputs) {
      const column = requireColumn(frame, input.name, 'the model needs');
      if (input.type === 'numeric') numeric.set(input.name, numericValues(frame, column));
      else categorical.set(input.name, categoricalValues(column));
    }
    for (const d of derive) numeric.set(d.name, computeDerived(frame, d, numeric));
    const X = createMatrix(rows, names);
    let j = 0;
    for (const plan of state.plans) {
      if (plan.kind === 'numeric') applyNumeric(plan, numeric.get(plan.column) as Float64Array, X.data, j * rows, rows);
      else
        applyCategorical(
          plan,
          frame,
          categorical.get(plan.column) as ReadonlyArray<string | null>,
          X.data,
          j * rows,
          rows,
        );
      j += featureNames(plan).length;
    }
    return X;
  }

  return {
    inputs: state.inputs.map((i) => ({ ...i })),
    featureNames: names,
    sources,
    rationale: state.rationale.map((r) => ({ ...r })),
    transform,
    toJSON: () => state,
  };
}

/** A pipeline saved by toJSON (after a JSON round trip); refuses other formats and newer versions. */
export function loadPipeline(json: unknown): FittedPipeline {
  const state = json as Partial<PipelineState> | null;
  if (!state || typeof state !== 'object' || state.format !== PIPELINE_FORMAT) {
    throw new ModelFormatError(
      'This is not a saved ML Lifecycle preprocessing pipeline (the model file is damaged or of another kind).',
    );
  }
  if (typeof state.version !== 'number' || state.version > PIPELINE_FORMAT_VERSION) {
    throw new ModelFormatError(
      `The saved preprocessing pipeline has format version ${String(state.version)}, newer than this version of ML Lifecycle reads (${PIPELINE_FORMAT_VERSION}): update ML Lifecycle to use this model.`,
    );
  }
  if (
    !Array.isArray(state.inputs) ||
    !Array.isArray(state.derive) ||
    !Array.isArray(state.plans) ||
    !Array.isArray(state.rationale)
  ) {
    throw new ModelFormatError(
      'The saved preprocessing pipeline is incomplete (inputs, derive, plans or rationale missing).',
    );
  }
  try {
    return pipelineFromState(state as PipelineState);
  } catch (error) {
    if (error instanceof JobError) throw error;
    throw new ModelFormatError(`The saved preprocessing pipeline cannot be read: ${(error as Error).message}`);
  }
}
