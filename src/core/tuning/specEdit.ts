// A promoted trial written into the pipeline spec as a text edit: only the values that change
// are spliced in (the chosen model's params, the preprocessing choices), so every comment,
// blank line, key order and flow/block style of the user's file stays as it was — the way the
// dictionary re-draft edits its document (dictionary/yamlSplice.ts).
import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from 'yaml';
import { isEmptyValue, pairOf, TextPatch } from '../dictionary/yamlSplice';
import { renderInline } from '../dictionary/yamlRender';
import type { Params, ParamValue } from './types';

export class SpecEditError extends Error {}

export interface SpecChange {
  /** Where in the spec, e.g. "models[logistic].params.C" or "preprocess.scale". */
  path: string;
  /** The value the file had (undefined: not written, the default applied). */
  from: unknown;
  to: ParamValue;
}

export interface SpecEdit {
  text: string;
  changes: SpecChange[];
}

type AnyPair = Pair<unknown, unknown>;

/** The value of a scalar node (undefined for anything else). */
const scalarValue = (node: unknown): unknown => (isScalar(node) ? node.value : undefined);

/** Nested entries for a path below a map that lacks it: ["impute", "numeric"], v → { impute: { numeric: v } }. */
function nested(path: string[], value: ParamValue): Record<string, unknown> {
  let out: unknown = value;
  for (const key of [...path].reverse()) out = { [key]: out };
  return out as Record<string, unknown>;
}

class SpecSplicer {
  readonly patch: TextPatch;
  readonly changes: SpecChange[] = [];

  constructor(readonly source: string) {
    this.patch = new TextPatch(source);
  }

  /** Just after the colon of a pair written `key:` with no value node. */
  private afterColon(pair: AnyPair): number {
    const keyEnd = (pair.key as { range?: [number, number, number] }).range?.[1];
    if (keyEnd === undefined) throw new Error('internal: a YAML key without a source range');
    return this.source.indexOf(':', keyEnd) + 1;
  }

  /** Sets `map.<path>` to `value`, adding the keys that are missing; records the change. */
  set(map: YAMLMap, path: string[], value: ParamValue, shown: string): void {
    const [key, ...rest] = path;
    const pair = pairOf(map, key);
    if (!pair) {
      this.patch.addEntries(map, nested(path, value));
      this.changes.push({ path: shown, from: undefined, to: value });
      return;
    }
    if (rest.length === 0) {
      if (pair.value !== null && pair.value !== undefined && !isScalar(pair.value))
        throw new SpecEditError(`${shown} is not a single value in the pipeline spec; it cannot take ${value}.`);
      const from = scalarValue(pair.value);
      if (from === value) return;
      if ((pair.value as { range?: unknown } | null)?.range) this.patch.setScalar(pair, value);
      else this.patch.replace(this.afterColon(pair), this.afterColon(pair), ` ${renderInline(value)}`);
      this.changes.push({ path: shown, from, to: value });
      return;
    }
    if (isMap(pair.value)) {
      this.set(pair.value, rest, value, shown);
      return;
    }
    if (!isEmptyValue(pair.value)) throw new SpecEditError(`${shown}: ${key} is not a mapping in the pipeline spec.`);
    // `key:` with nothing under it: write the rest inline.
    this.patch.setScalar(pair as AnyPair, nested(rest, value) as never);
    this.changes.push({ path: shown, from: undefined, to: value });
  }

  /** Sets the model's params from `values` (name → value), adding `params:` when the model has none. */
  setModelParams(item: YAMLMap, model: string, values: Record<string, ParamValue>): void {
    const entries = Object.entries(values);
    if (entries.length === 0) return;
    const pair = pairOf(item, 'params');
    if (pair && isMap(pair.value)) {
      const missing: Record<string, ParamValue> = {};
      for (const [name, value] of entries) {
        const existing = pairOf(pair.value, name);
        if (existing) this.set(pair.value, [name], value, `models[${model}].params.${name}`);
        else missing[name] = value;
      }
      if (Object.keys(missing).length > 0) {
        this.patch.addEntries(pair.value, missing);
        for (const [name, value] of Object.entries(missing))
          this.changes.push({ path: `models[${model}].params.${name}`, from: undefined, to: value });
      }
      return;
    }
    if (pair && !isEmptyValue(pair.value))
      throw new SpecEditError(`models[${model}].params is not a mapping in the pipeline spec.`);
    if (pair) this.patch.setScalar(pair, Object.fromEntries(entries) as never);
    else this.patch.addEntries(item, { params: Object.fromEntries(entries) });
    for (const [name, value] of entries)
      this.changes.push({ path: `models[${model}].params.${name}`, from: undefined, to: value });
  }
}

function modelItem(root: YAMLMap, model: string): YAMLMap {
  const models = pairOf(root, 'models')?.value;
  if (!isSeq(models)) throw new SpecEditError('The pipeline spec has no models list.');
  for (const item of models.items) if (isMap(item) && scalarValue(pairOf(item, 'name')?.value) === model) return item;
  throw new SpecEditError(`The pipeline spec has no model named "${model}" any more.`);
}

/**
 * The spec's text with a trial's parameters written in: `<model>.<param>` of the chosen model
 * into its params, `preprocess.<path>` into the preprocess section; the `model` choice itself
 * and the parameters of other (inactive) models write nothing.
 */
export function promotionEdit(source: string, params: Params, model: string): SpecEdit {
  const doc = parseDocument(source, { keepSourceTokens: true });
  if (doc.errors.length > 0) throw new SpecEditError(`The pipeline spec does not parse: ${doc.errors[0].message}`);
  const root = doc.contents;
  if (!isMap(root)) throw new SpecEditError('The pipeline spec is not a mapping.');
  const splicer = new SpecSplicer(source);
  const modelParams: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name === 'model') continue;
    const [head, ...rest] = name.split('.');
    if (head === model && rest.length > 0) modelParams[rest.join('.')] = value;
    else if (head === 'preprocess' && rest.length > 0) {
      const pre = pairOf(root, 'preprocess');
      if (pre && isMap(pre.value)) splicer.set(pre.value, rest, value, name);
      else if (!pre) {
        splicer.patch.addEntries(root, nested(['preprocess', ...rest], value));
        splicer.changes.push({ path: name, from: undefined, to: value });
      } else throw new SpecEditError('preprocess is not a mapping in the pipeline spec.');
    }
  }
  splicer.setModelParams(modelItem(root, model), model, modelParams);
  const text = splicer.patch.apply();
  // The edit must say what we meant: read it back.
  const check = parseDocument(text);
  if (check.errors.length > 0)
    throw new Error(`internal: the promoted spec does not parse: ${check.errors[0].message}`);
  return { text, changes: splicer.changes };
}
