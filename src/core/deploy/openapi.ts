// The OpenAPI 3.1 document of the serving API a package's server offers, built from the model's
// signature: MLflow's scoring protocol (POST /invocations with exactly one of dataframe_split,
// dataframe_records, instances, inputs, or a CSV body → {"predictions": [...]}; /ping, /health,
// /version; {"error_code", "message"} error bodies with 400, 413 and 415), the Open Inference
// Protocol (KServe V2: health, model metadata and readiness, POST /v2/models/{name}/infer with
// tensors {name, shape, datatype, data}), and /metrics in Prometheus' text format. Pure.
import type { ModelSignature, SignatureColumn } from './signature';

type Schema = Record<string, unknown>;

export const V2_DATATYPES = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
] as const;

export interface OpenApiOptions {
  /** The model's name in V2 paths (its name in the run). */
  modelName: string;
  packageId: string;
  runId: string;
  /** Rows used as the request examples. */
  example: Array<Record<string, unknown>>;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function nullable(type: string, column: SignatureColumn): string | string[] {
  return column.nullable ? [type, 'null'] : type;
}

/** The JSON Schema of one column's value. */
export function columnSchema(column: SignatureColumn): Schema {
  if (column.type === 'numeric') {
    const range = column.range ? ` Seen in training: ${column.range.min} to ${column.range.max}.` : '';
    return {
      type: nullable('number', column),
      description: `Numeric.${range}${column.nullable ? ' May be null (missing).' : ''}`,
    };
  }
  const categories = column.categories ?? [];
  const strict = column.unknown === 'error';
  return {
    type: nullable('string', column),
    ...(strict ? { enum: column.nullable ? [...categories, null] : categories } : {}),
    description: `Categorical: ${categories.length} categories learned in training${strict ? '; any other is refused' : '; another category is accepted and encoded as none of them'}.${column.nullable ? ' May be null (missing).' : ''}`,
  };
}

/** The V2 tensor each column travels as: one input per column, shape [rows]. */
export function v2Datatype(column: SignatureColumn): 'FP64' | 'BYTES' {
  return column.type === 'numeric' ? 'FP64' : 'BYTES';
}

function rowSchema(signature: ModelSignature): Schema {
  return {
    type: 'object',
    description: 'One row: every input column by name. Other columns are accepted, ignored and listed in a warning.',
    properties: Object.fromEntries(signature.inputs.map((c) => [c.name, columnSchema(c)])),
    required: signature.inputs.map((c) => c.name),
    additionalProperties: true,
  };
}

function predictionSchema(signature: ModelSignature): Schema {
  const out = signature.outputs;
  if (out.prediction === 'label')
    return {
      type: 'string',
      ...(out.classes ? { enum: out.classes } : {}),
      description: `The predicted ${out.target}.`,
    };
  return { type: 'number', description: `The predicted ${out.target}.` };
}

function mlflowSchemas(signature: ModelSignature): Record<string, Schema> {
  const one = (key: string, schema: Schema): Schema => ({
    type: 'object',
    required: [key],
    properties: { [key]: schema, params: { type: 'object', description: 'Accepted and ignored.' } },
  });
  return {
    Row: rowSchema(signature),
    DataframeSplit: {
      type: 'object',
      description: "pandas' split orientation: the column names once, then one array of values per row.",
      required: ['columns', 'data'],
      properties: {
        columns: { type: 'array', items: { type: 'string' } },
        index: { type: 'array' },
        data: { type: 'array', items: { type: 'array' } },
      },
    },
    ColumnArrays: {
      type: 'object',
      description: 'Column name → one value per row.',
      properties: Object.fromEntries(signature.inputs.map((c) => [c.name, { type: 'array', items: columnSchema(c) }])),
      required: signature.inputs.map((c) => c.name),
    },
    InvocationsRequest: {
      description: 'Exactly one of dataframe_split, dataframe_records, instances or inputs.',
      oneOf: [
        one('dataframe_split', ref('DataframeSplit')),
        one('dataframe_records', { type: 'array', items: ref('Row'), minItems: 1 }),
        one('instances', { oneOf: [{ type: 'array', items: ref('Row'), minItems: 1 }, ref('ColumnArrays')] }),
        one('inputs', { oneOf: [{ type: 'array', items: ref('Row'), minItems: 1 }, ref('ColumnArrays')] }),
      ],
    },
    InvocationsResponse: {
      type: 'object',
      required: ['predictions'],
      properties: {
        predictions: { type: 'array', items: predictionSchema(signature) },
        classes: {
          type: 'array',
          items: { type: 'string' },
          description: 'With params {"probabilities": true}, a classifier: the classes, in probability order.',
        },
        probabilities: {
          type: 'array',
          items: { type: 'array', items: { type: 'number' } },
          description: 'With params {"probabilities": true}, a classifier: one probability per class for each row.',
        },
      },
    },
    RowError: {
      type: 'object',
      required: ['row', 'field', 'code', 'message'],
      properties: {
        row: { type: ['integer', 'null'], description: '0-based row of the request; null for the whole request.' },
        field: { type: ['string', 'null'] },
        code: {
          enum: [
            'empty-batch',
            'not-an-object',
            'missing-column',
            'wrong-type',
            'null-not-allowed',
            'not-finite',
            'unseen-category',
          ],
        },
        message: { type: 'string' },
      },
    },
    Error: {
      type: 'object',
      description: "MLflow's error body.",
      required: ['error_code', 'message'],
      properties: {
        error_code: { enum: ['BAD_REQUEST', 'MALFORMED_REQUEST', 'REQUEST_LIMIT_EXCEEDED', 'INTERNAL_ERROR'] },
        message: { type: 'string' },
        errors: { type: 'array', items: ref('RowError'), description: 'Each invalid value, by row and field.' },
      },
    },
  };
}

function v2Schemas(signature: ModelSignature): Record<string, Schema> {
  const tensorMetadata: Schema = {
    type: 'object',
    required: ['name', 'datatype', 'shape'],
    properties: {
      name: { type: 'string' },
      datatype: { enum: [...V2_DATATYPES] },
      shape: { type: 'array', items: { type: 'integer' } },
      parameters: { type: 'object' },
    },
  };
  const inputNames = signature.inputs.map((c) => c.name);
  return {
    V2TensorMetadata: tensorMetadata,
    V2ModelMetadata: {
      type: 'object',
      required: ['name', 'platform', 'inputs', 'outputs'],
      properties: {
        name: { type: 'string' },
        versions: { type: 'array', items: { type: 'string' } },
        platform: { type: 'string' },
        inputs: { type: 'array', items: ref('V2TensorMetadata') },
        outputs: { type: 'array', items: ref('V2TensorMetadata') },
        parameters: { type: 'object' },
      },
    },
    V2RequestInput: {
      type: 'object',
      required: ['name', 'shape', 'datatype', 'data'],
      properties: {
        name: { enum: inputNames },
        shape: { type: 'array', items: { type: 'integer', minimum: 0 } },
        datatype: { enum: [...V2_DATATYPES] },
        parameters: { type: 'object' },
        data: { type: 'array', description: 'Row-major values; FP64 columns take numbers, BYTES columns text.' },
      },
    },
    V2InferenceRequest: {
      type: 'object',
      required: ['inputs'],
      properties: {
        id: { type: 'string' },
        parameters: { type: 'object' },
        inputs: { type: 'array', items: ref('V2RequestInput'), minItems: 1 },
        outputs: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string' }, parameters: { type: 'object' } },
          },
        },
      },
    },
    V2ResponseOutput: {
      type: 'object',
      required: ['name', 'shape', 'datatype', 'data'],
      properties: {
        name: { type: 'string' },
        shape: { type: 'array', items: { type: 'integer' } },
        datatype: { enum: [...V2_DATATYPES] },
        parameters: { type: 'object' },
        data: { type: 'array' },
      },
    },
    V2InferenceResponse: {
      type: 'object',
      required: ['model_name', 'outputs'],
      properties: {
        model_name: { type: 'string' },
        model_version: { type: 'string' },
        id: { type: 'string' },
        parameters: { type: 'object' },
        outputs: { type: 'array', items: ref('V2ResponseOutput') },
      },
    },
    V2Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
  };
}

/** The output tensors a V2 response holds. */
export function v2Outputs(signature: ModelSignature): Array<{ name: string; datatype: string; shape: number[] }> {
  const out = signature.outputs;
  if (out.prediction === 'value') return [{ name: 'value', datatype: 'FP64', shape: [-1] }];
  return [
    { name: 'label', datatype: 'BYTES', shape: [-1] },
    ...(out.probabilities ? [{ name: 'probabilities', datatype: 'FP64', shape: [-1, out.classes?.length ?? -1] }] : []),
  ];
}

const json = (schema: Schema) => ({ 'application/json': { schema } });
const text = (description: string) => ({ description, content: { 'text/plain': { schema: { type: 'string' } } } });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const v2Error = (description: string) => ({ description, content: json(ref('V2Error')) });

/** The request bodies of the example rows in each format. */
export function exampleRequests(signature: ModelSignature, rows: Array<Record<string, unknown>>) {
  const columns = signature.inputs.map((c) => c.name);
  return {
    dataframe_split: { dataframe_split: { columns, data: rows.map((r) => columns.map((c) => r[c] ?? null)) } },
    dataframe_records: { dataframe_records: rows },
    instances: { instances: rows },
    inputs: { inputs: Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c] ?? null)])) },
    v2: {
      inputs: signature.inputs.map((c) => ({
        name: c.name,
        shape: [rows.length],
        datatype: v2Datatype(c),
        data: rows.map((r) => r[c.name] ?? null),
      })),
    },
  };
}

export function buildOpenApi(signature: ModelSignature, options: OpenApiOptions): Schema {
  const doc = buildUnversioned(signature, options);
  const paths = doc.paths as Record<string, Record<string, Schema>>;
  const version = { name: 'version', in: 'path', required: true, schema: { type: 'string', enum: [options.runId] } };
  // The /versions/{version} forms of the V2 model paths: the same operations, the run id as version.
  for (const tail of ['', '/ready', '/infer']) {
    const item = paths[`/v2/models/{name}${tail}`];
    paths[`/v2/models/{name}/versions/{version}${tail}`] = Object.fromEntries(
      Object.entries(item).map(([method, op]) => [
        method,
        {
          ...op,
          operationId: `${String(op.operationId)}Version`,
          parameters: [...(op.parameters as unknown[]), version],
        },
      ]),
    );
  }
  return doc;
}

function buildUnversioned(signature: ModelSignature, options: OpenApiOptions): Schema {
  const examples = exampleRequests(signature, options.example);
  const name = { name: 'name', in: 'path', required: true, schema: { type: 'string', enum: [options.modelName] } };
  const invocationExamples = Object.fromEntries(
    (['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const).map((k) => [
      k,
      { summary: k, value: examples[k] },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: `${options.modelName} (run ${options.runId})`,
      version: options.packageId,
      summary: `Predicts ${signature.outputs.target} (${signature.outputs.task}).`,
      description:
        "The serving API of an ML Lifecycle package: MLflow's scoring protocol and the Open Inference Protocol (KServe V2).",
    },
    servers: [{ url: 'http://127.0.0.1:{port}', variables: { port: { default: '5000' } } }],
    paths: {
      '/invocations': {
        post: {
          operationId: 'invocations',
          summary: "Predict (MLflow's scoring protocol).",
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('InvocationsRequest'), examples: invocationExamples },
              'text/csv': {
                schema: { type: 'string', description: 'A header row of column names, then one row per line.' },
              },
            },
          },
          responses: {
            '200': { description: 'One prediction per row, in order.', content: json(ref('InvocationsResponse')) },
            '400': error(
              'The body is not valid JSON or CSV, holds no or several input fields, or a value breaks the signature.',
            ),
            '413': error('The body is larger than the server accepts.'),
            '415': error('A content type other than application/json or text/csv, or a charset other than UTF-8.'),
          },
        },
      },
      '/ping': { get: { operationId: 'ping', summary: 'Liveness (MLflow).', responses: { '200': text('Serving.') } } },
      '/health': { get: { operationId: 'health', summary: 'Same as /ping.', responses: { '200': text('Serving.') } } },
      '/version': {
        get: { operationId: 'version', summary: 'The server version.', responses: { '200': text('The version.') } },
      },
      '/v2/health/live': {
        get: {
          operationId: 'v2Live',
          summary: 'Server liveness (V2).',
          responses: { '200': { description: 'Live.' } },
        },
      },
      '/v2/health/ready': {
        get: {
          operationId: 'v2Ready',
          summary: 'Server readiness (V2).',
          responses: { '200': { description: 'Ready.' }, '503': { description: 'Not ready yet.' } },
        },
      },
      '/v2/models/{name}': {
        get: {
          operationId: 'v2ModelMetadata',
          parameters: [name],
          responses: {
            '200': { description: 'The model.', content: json(ref('V2ModelMetadata')) },
            '404': v2Error('No such model.'),
          },
        },
      },
      '/v2/models/{name}/ready': {
        get: {
          operationId: 'v2ModelReady',
          parameters: [name],
          responses: { '200': { description: 'Ready.' }, '404': v2Error('No such model.') },
        },
      },
      '/v2/models/{name}/infer': {
        post: {
          operationId: 'v2Infer',
          parameters: [name],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('V2InferenceRequest'), examples: { rows: { value: examples.v2 } } },
            },
          },
          responses: {
            '200': { description: 'The output tensors.', content: json(ref('V2InferenceResponse')) },
            '400': v2Error('Malformed request or a value that breaks the signature.'),
            '404': v2Error('No such model.'),
            '413': v2Error('The body is larger than the server accepts.'),
            '415': v2Error('A content type other than application/json.'),
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'metrics',
          summary: 'Requests, errors and latency in Prometheus text format.',
          responses: {
            '200': {
              description: 'Metrics.',
              content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } },
            },
          },
        },
      },
    },
    components: { schemas: { ...mlflowSchemas(signature), ...v2Schemas(signature) } },
  };
}
