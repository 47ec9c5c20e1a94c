// Explanations in the user's columns: a model sees encoded features (one-hot columns, missing
// indicators, derived expressions); a person asks about the columns of their data. Each
// feature's contribution goes to the input column it came from (a one-hot group and a missing
// indicator sum into their column). A derived feature's contribution is split evenly over the
// columns its expression reads (recursively, for a derived feature built on another) — Shapley
// values are additive, so the per-column contributions still add up to the model's output.
import type { FittedPipeline } from '../model/pipeline/fittedPipeline';
import { compileDerived } from '../model/pipeline/fittedPipeline';
import type { ShapValues } from './treeExplainer';

export interface InputGroups {
  /** The input columns, in the pipeline's input order (only those some feature reaches). */
  columns: string[];
  /** Per feature: the columns it goes to and the share of its contribution each gets. */
  shares: Array<Array<{ column: number; share: number }>>;
}

export function inputGroupsOf(pipeline: FittedPipeline): InputGroups {
  const derived = new Map(pipeline.toJSON().derive.map((d) => [d.name, compileDerived(d.name, d.expression).uses]));
  const inputs = pipeline.inputs.map((i) => i.name);
  const inputSet = new Set(inputs);
  const resolve = (source: string, seen: Set<string>): Map<string, number> => {
    const out = new Map<string, number>();
    const uses = derived.get(source);
    if (!uses || inputSet.has(source) || seen.has(source)) {
      out.set(source, 1);
      return out;
    }
    const next = new Set(seen).add(source);
    const distinct = [...new Set(uses)];
    for (const use of distinct)
      for (const [column, share] of resolve(use, next))
        out.set(column, (out.get(column) ?? 0) + share / distinct.length);
    return out;
  };
  const perFeature = pipeline.sources.map((source) => resolve(source, new Set()));
  const reached = new Set(perFeature.flatMap((m) => [...m.keys()]));
  const columns = [...inputs.filter((c) => reached.has(c)), ...[...reached].filter((c) => !inputSet.has(c))];
  const index = new Map(columns.map((c, i) => [c, i]));
  return {
    columns,
    shares: perFeature.map((m) => [...m].map(([column, share]) => ({ column: index.get(column)!, share }))),
  };
}

/** The explanation summed into input columns. */
export function groupByInput(shap: ShapValues, groups: InputGroups): ShapValues {
  const { rows, features, outputs } = shap;
  const G = groups.columns.length;
  const values = new Float64Array(rows * G * outputs);
  for (let i = 0; i < rows; i++)
    for (let f = 0; f < features; f++)
      for (const { column, share } of groups.shares[f])
        for (let k = 0; k < outputs; k++)
          values[(i * G + column) * outputs + k] += share * shap.values[(i * features + f) * outputs + k];
  return { ...shap, features: G, values };
}

/** Standard errors of grouped sampling estimates: the features' errors combined as if independent. */
export function groupErrors(
  errors: Float64Array,
  rows: number,
  features: number,
  outputs: number,
  groups: InputGroups,
): Float64Array {
  const G = groups.columns.length;
  const out = new Float64Array(rows * G * outputs);
  for (let i = 0; i < rows; i++)
    for (let f = 0; f < features; f++)
      for (const { column, share } of groups.shares[f])
        for (let k = 0; k < outputs; k++) {
          const e = share * errors[(i * features + f) * outputs + k];
          out[(i * G + column) * outputs + k] += e * e;
        }
  return out.map(Math.sqrt);
}
