// The Open Inference Protocol (KServe V2) for the served model: its metadata (name, versions,
// platform, input and output tensors) and inference. Outputs: "label" (BYTES, [n]) and
// "probabilities" (FP64, [n, classes], row-major, classes in parameters) for a classifier,
// "value" (FP64, [n]) for a regressor; `outputs` in the request picks some of them.
import { v2Datatype, v2Outputs } from '../openapi';
import { parseContentType, requireUtf8 } from './body';
import { badRequest, notFound, unsupportedMedia } from './errors';
import { parseJsonBody } from './jsonBody';
import type { ServedModel } from './loadServedModel';
import type { ProtocolAnswer } from './mlflowProtocol';
import { parseV2Request } from './v2Request';
import { checkedPredict } from './validateRows';

export const V2_PLATFORM = 'mlcycle';

/** Refuses a name or version the server does not serve (404). */
export function checkModelPath(model: ServedModel, name: string, version: string | undefined): void {
  if (name !== model.name) throw notFound(`No model "${name}" here: this server serves "${model.name}".`);
  if (version !== undefined && version !== model.version)
    throw notFound(`Model "${name}" has no version "${version}" here: it serves version ${model.version}.`);
}

export function v2Metadata(model: ServedModel): Record<string, unknown> {
  return {
    name: model.name,
    versions: [model.version],
    platform: V2_PLATFORM,
    inputs: model.signature.inputs.map((c) => ({ name: c.name, datatype: v2Datatype(c), shape: [-1] })),
    outputs: v2Outputs(model.signature).map((o) =>
      o.name === 'probabilities' ? { ...o, parameters: { classes: model.classes } } : o,
    ),
  };
}

export function v2ContentType(header: string | undefined): void {
  const type = parseContentType(header);
  if (type.mime !== 'application/json' && type.mime !== '')
    throw unsupportedMedia(`The inference endpoint reads application/json, not '${header}'.`);
  requireUtf8(type);
}

export function v2Infer(model: ServedModel, body: string, requestId: string): ProtocolAnswer & { id: string } {
  const request = parseV2Request(model.signature, parseJsonBody(body));
  const { rows, predictions } = checkedPredict(model, request.rows);
  const n = predictions.rows;
  const all = [];
  if (predictions.values) all.push({ name: 'value', datatype: 'FP64', shape: [n], data: predictions.values });
  if (predictions.labels) all.push({ name: 'label', datatype: 'BYTES', shape: [n], data: predictions.labels });
  if (predictions.probabilities && model.signature.outputs.probabilities) {
    const k = model.classes?.length ?? 0;
    all.push({
      name: 'probabilities',
      datatype: 'FP64',
      shape: [n, k],
      data: predictions.probabilities.flat(),
      parameters: { classes: model.classes },
    });
  }
  const wanted = request.outputs;
  for (const name of wanted ?? [])
    if (!all.some((o) => o.name === name))
      throw badRequest(`The model has no output "${name}" (outputs: ${all.map((o) => o.name).join(', ')}).`);
  const id = request.id ?? requestId;
  return {
    status: 200,
    id,
    json: {
      model_name: model.name,
      model_version: model.version,
      id,
      outputs: wanted ? all.filter((o) => wanted.includes(o.name)) : all,
    },
    rows,
    predictions,
  };
}
