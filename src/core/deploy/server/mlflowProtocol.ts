// MLflow's scoring protocol: POST /invocations with application/json (exactly one of
// dataframe_split, dataframe_records, instances, inputs) or text/csv, UTF-8 only; the answer is
// {"predictions": [...]}: labels for a classifier, values for a regressor. With
// params {"probabilities": true} a classifier's answer also holds "classes" and one
// "probabilities" array per row (an addition MLflow clients ignore).
import { parseContentType, requireUtf8 } from './body';
import { parseCsvRows } from './csvRequest';
import { unsupportedMedia } from './errors';
import { parseJsonBody } from './jsonBody';
import type { ServedModel } from './loadServedModel';
import { parseMlflowJson } from './mlflowRequest';
import type { Predictions } from './predictor';
import { checkedPredict } from './validateRows';

export interface ProtocolAnswer {
  status: number;
  json: unknown;
  rows: Array<Record<string, unknown>>;
  predictions: Predictions;
}

/** The media types /invocations reads, checked before the body is read. */
export function invocationsType(header: string | undefined): 'json' | 'csv' {
  const type = parseContentType(header);
  if (type.mime !== 'application/json' && type.mime !== 'text/csv')
    throw unsupportedMedia(
      `This predictor only supports the following content types: ['text/csv', 'application/json']. Got '${header ?? ''}'.`,
    );
  requireUtf8(type);
  return type.mime === 'text/csv' ? 'csv' : 'json';
}

export function invocations(model: ServedModel, kind: 'json' | 'csv', body: string): ProtocolAnswer {
  let rows: unknown[];
  let params: Record<string, unknown> = {};
  if (kind === 'csv') rows = parseCsvRows(model.signature, body);
  else ({ rows, params } = parseMlflowJson(parseJsonBody(body)));
  const { rows: records, predictions } = checkedPredict(model, rows);
  const json: Record<string, unknown> = { predictions: predictions.labels ?? predictions.values };
  if (params.probabilities === true && predictions.probabilities) {
    json.classes = model.classes;
    json.probabilities = predictions.probabilities;
  }
  return { status: 200, json, rows: records, predictions };
}
