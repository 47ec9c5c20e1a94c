// An Open Inference Protocol (KServe V2) inference request as rows: one input tensor per column
// ({name, shape, datatype, data}), shape [n] (or [n, 1]), data row-major and possibly nested.
// Numeric columns travel as FP*/INT*/UINT* tensors, categorical ones as BYTES; the tensors must
// agree on n. `outputs` may name which of the model's outputs to return.
import { V2_DATATYPES } from '../openapi';
import type { ModelSignature } from '../signature';
import { badRequest } from './errors';

export interface V2Request {
  id?: string;
  rows: unknown[];
  /** Output names asked for; undefined: all of them. */
  outputs?: string[];
}

const NUMERIC = new Set(V2_DATATYPES.filter((t) => t !== 'BYTES' && t !== 'BOOL'));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function flatten(data: unknown[]): unknown[] {
  return data.some(Array.isArray) ? data.flat(Infinity) : data;
}

export function parseV2Request(signature: ModelSignature, body: unknown): V2Request {
  if (!isObject(body)) throw badRequest('The inference request must be a JSON object with "inputs".');
  if (body.id !== undefined && typeof body.id !== 'string') throw badRequest('"id" must be a string.');
  if (!Array.isArray(body.inputs) || body.inputs.length === 0)
    throw badRequest('"inputs" must be a non-empty list of tensors {name, shape, datatype, data}.');
  const columns = new Map(signature.inputs.map((c) => [c.name, c]));
  const tensors = new Map<string, unknown[]>();
  let rows: number | undefined;
  body.inputs.forEach((input, t) => {
    if (!isObject(input) || typeof input.name !== 'string')
      throw badRequest(`inputs[${t}] must be a tensor object with a "name".`);
    const at = `input "${input.name}"`;
    if (!Array.isArray(input.shape) || !input.shape.every((d) => Number.isInteger(d) && d >= 0))
      throw badRequest(`${at}: "shape" must be a list of non-negative whole numbers.`);
    if (typeof input.datatype !== 'string' || !(V2_DATATYPES as readonly string[]).includes(input.datatype))
      throw badRequest(`${at}: "datatype" must be one of ${V2_DATATYPES.join(', ')}.`);
    if (!Array.isArray(input.data)) throw badRequest(`${at}: "data" must be a list.`);
    const shape = input.shape as number[];
    if (shape.length === 0 || shape.length > 2 || (shape.length === 2 && shape[1] !== 1))
      throw badRequest(`${at}: shape must be [n] or [n, 1] (one value per row), not [${shape.join(', ')}].`);
    const data = flatten(input.data);
    if (data.length !== shape[0])
      throw badRequest(`${at}: shape [${shape.join(', ')}] says ${shape[0]} values, data holds ${data.length}.`);
    if (rows !== undefined && rows !== shape[0])
      throw badRequest(`${at} has ${shape[0]} rows where the other inputs have ${rows}.`);
    rows = shape[0];
    const column = columns.get(input.name);
    if (column?.type === 'numeric' && !NUMERIC.has(input.datatype as never))
      throw badRequest(`${at}: a numeric column travels as FP64 (or another numeric datatype), not ${input.datatype}.`);
    if (column?.type === 'categorical' && input.datatype !== 'BYTES')
      throw badRequest(`${at}: a categorical column travels as BYTES, not ${input.datatype}.`);
    if (tensors.has(input.name)) throw badRequest(`${at} is given twice.`);
    tensors.set(input.name, data);
  });
  let outputs: string[] | undefined;
  if (body.outputs !== undefined) {
    if (!Array.isArray(body.outputs) || !body.outputs.every((o) => isObject(o) && typeof o.name === 'string'))
      throw badRequest('"outputs" must be a list of {name}.');
    outputs = body.outputs.map((o) => (o as { name: string }).name);
  }
  const n = rows ?? 0;
  const entries = [...tensors];
  const result = Array.from({ length: n }, (_, i) => Object.fromEntries(entries.map(([k, v]) => [k, v[i]])));
  return { ...(body.id !== undefined ? { id: body.id as string } : {}), rows: result, ...(outputs ? { outputs } : {}) };
}
