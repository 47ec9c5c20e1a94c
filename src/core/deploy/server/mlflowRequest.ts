// MLflow's JSON request formats, turned into rows (plain objects) for checkRows: a body holds
// exactly one of dataframe_split ({columns, data[, index]}), dataframe_records (a list of
// records), instances or inputs (a list of records, or a dict of one list per column); `params`
// may sit beside it. Anything else is a 400 that says what was found.
import { badRequest } from './errors';

export const MLFLOW_INPUT_FIELDS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;
export type MlflowInputField = (typeof MLFLOW_INPUT_FIELDS)[number];

export interface MlflowRequest {
  field: MlflowInputField;
  rows: unknown[];
  params: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function splitRows(split: unknown): unknown[] {
  if (!isObject(split) || !Array.isArray(split.columns) || !Array.isArray(split.data))
    throw badRequest(
      'dataframe_split must be an object with "columns" (the column names) and "data" (one array per row).',
    );
  const columns = split.columns;
  if (!columns.every((c) => typeof c === 'string'))
    throw badRequest('dataframe_split.columns must hold the column names as text.');
  return split.data.map((row, r) => {
    if (!Array.isArray(row) || row.length !== columns.length)
      throw badRequest(
        `dataframe_split.data row ${r}: expected an array of ${columns.length} values (one per column), got ${Array.isArray(row) ? `${row.length} values` : typeof row}.`,
      );
    return Object.fromEntries(columns.map((c, i) => [c, row[i]]));
  });
}

/** A dict of equal-length column lists as records. */
function columnRows(field: string, columns: Record<string, unknown>): unknown[] {
  const entries = Object.entries(columns);
  for (const [name, values] of entries)
    if (!Array.isArray(values)) throw badRequest(`${field}.${name} must be a list of values, one per row.`);
  const lengths = new Set(entries.map(([, v]) => (v as unknown[]).length));
  if (lengths.size > 1)
    throw badRequest(
      `The columns of ${field} have different lengths (${[...lengths].join(', ')}): one value per row each.`,
    );
  const n = entries.length === 0 ? 0 : (entries[0][1] as unknown[]).length;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(entries.map(([k, v]) => [k, (v as unknown[])[i]])));
}

function recordRows(field: MlflowInputField, value: unknown): unknown[] {
  if (field === 'dataframe_split') return splitRows(value);
  if (Array.isArray(value)) {
    if (value.some((r) => Array.isArray(r)))
      throw badRequest(
        `${field} holds rows as arrays without column names: send records ({"column": value}) or use dataframe_split with its columns.`,
      );
    return value;
  }
  if (field !== 'dataframe_records' && isObject(value)) return columnRows(field, value);
  throw badRequest(
    `${field} must be a list of records${field === 'dataframe_records' ? '' : ' or a dict of column lists'}.`,
  );
}

export function parseMlflowJson(body: unknown): MlflowRequest {
  if (!isObject(body))
    throw badRequest(
      `The input must be a JSON dictionary with exactly one of the input fields ${JSON.stringify(MLFLOW_INPUT_FIELDS)}.`,
    );
  const present = MLFLOW_INPUT_FIELDS.filter((f) => Object.prototype.hasOwnProperty.call(body, f));
  if (present.length !== 1)
    throw badRequest(
      `Invalid input. The input must be a JSON dictionary with exactly one of the input fields ${JSON.stringify(MLFLOW_INPUT_FIELDS)}. Received dictionary with input fields: ${JSON.stringify(Object.keys(body))}.`,
    );
  const field = present[0];
  const params = body.params === undefined ? {} : body.params;
  if (!isObject(params)) throw badRequest('params must be a JSON dictionary.');
  return { field, rows: recordRows(field, body[field]), params };
}
