// A trial's parameters applied to the pipeline spec: the spec a normal run would train for that
// trial. Names follow one convention (the tuning spec compiles to it):
//   model                  which of the spec's models (by name) the trial trains
//   <modelName>.<param>    a parameter of that model, over the spec's own params
//   preprocess.<path>      a preprocessing choice, e.g. preprocess.scale, preprocess.impute.numeric
import type { ModelSpec, PipelineSpec } from '../model/specTypes';
import type { Params } from './types';

export class TrialParamsError extends Error {}

export interface TrialSpec {
  spec: PipelineSpec;
  model: ModelSpec;
}

function chosenModel(spec: PipelineSpec, params: Params): ModelSpec {
  const names = spec.models.map((m) => m.name);
  let name: string | undefined;
  if ('model' in params) name = String(params.model);
  else {
    const prefixes = new Set(
      Object.keys(params)
        .map((k) => k.split('.')[0])
        .filter((p) => names.includes(p)),
    );
    if (prefixes.size === 1) name = [...prefixes][0];
    else if (spec.models.length === 1) name = names[0];
    else
      throw new TrialParamsError(
        `The trial does not say which model to train: search "model" over ${names.join(', ')}, or tune one model's parameters.`,
      );
  }
  const model = spec.models.find((m) => m.name === name);
  if (!model)
    throw new TrialParamsError(
      `The trial chose the model "${name}", which the pipeline spec does not have (${names.join(', ')}).`,
    );
  return model;
}

function setPreprocess(preprocess: Record<string, unknown>, path: string[], value: unknown, name: string): void {
  let node = preprocess;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next))
      throw new TrialParamsError(`"${name}" is not a preprocessing choice of the pipeline spec.`);
    node = next as Record<string, unknown>;
  }
  const leaf = path[path.length - 1];
  const current = node[leaf];
  if (!(leaf in node) || (typeof current === 'object' && current !== null))
    throw new TrialParamsError(`"${name}" is not a preprocessing choice of the pipeline spec.`);
  node[leaf] = value;
}

/** The spec one trial trains: only the chosen model, its parameters and the preprocessing set from `params`. */
export function applyParams(spec: PipelineSpec, params: Params): TrialSpec {
  const model = chosenModel(spec, params);
  const modelParams: Record<string, unknown> = { ...model.params };
  const preprocess = structuredClone(spec.preprocess) as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(params)) {
    if (name === 'model') continue;
    const [head, ...rest] = name.split('.');
    if (rest.length === 0)
      throw new TrialParamsError(
        `"${name}" is not a tuning parameter name (model, <model>.<param> or preprocess.<choice>).`,
      );
    if (head === 'preprocess') setPreprocess(preprocess, rest, value, name);
    else if (head === model.name) modelParams[rest.join('.')] = value;
    else if (!spec.models.some((m) => m.name === head))
      throw new TrialParamsError(`"${name}" names the model "${head}", which the pipeline spec does not have.`);
    // A parameter of another model (inactive in this trial) is ignored.
  }
  const trialModel: ModelSpec = { ...model, params: modelParams };
  return {
    spec: { ...spec, preprocess: preprocess as unknown as PipelineSpec['preprocess'], models: [trialModel] },
    model: trialModel,
  };
}
