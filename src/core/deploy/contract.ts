// CONTRACT.md of a package: the input/output contract in words a person reads before calling the
// server — every column (type, missing values, categories, training range), each request format
// as a curl command on the example rows, the responses, and the errors with their status codes.
// Pure: built from the signature and the same example requests the OpenAPI document shows.
import { exampleRequests, v2Outputs } from './openapi';
import type { ModelSignature, SignatureColumn } from './signature';

export interface ContractOptions {
  packageId: string;
  runId: string;
  modelName: string;
  example: Array<Record<string, unknown>>;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function allowed(column: SignatureColumn): string {
  if (column.type === 'numeric') return column.range ? `${column.range.min} to ${column.range.max} in training` : '—';
  const list = (column.categories ?? []).map((c) => `\`${c}\``);
  const shown = list.length > 12 ? `${list.slice(0, 12).join(', ')} … (${list.length})` : list.join(', ');
  return `${shown}${column.unknown === 'error' ? ' (others refused)' : ' (others accepted, encoded as none)'}`;
}

function missing(column: SignatureColumn): string {
  if (!column.nullable) return 'refused';
  if (column.imputed) return 'accepted (imputed)';
  return 'accepted';
}

function curl(path: string, body: unknown, type = 'application/json'): string {
  const data = type === 'application/json' ? JSON.stringify(body) : String(body);
  return [
    '```sh',
    `curl -s -X POST http://127.0.0.1:5000${path} \\`,
    `  -H 'Content-Type: ${type}' \\`,
    `  --data-binary '${data.replace(/'/g, "'\\''")}'`,
    '```',
  ].join('\n');
}

function csvOf(signature: ModelSignature, rows: Array<Record<string, unknown>>): string {
  const quote = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const names = signature.inputs.map((c) => c.name);
  return [names.map(quote).join(','), ...rows.map((r) => names.map((n) => quote(r[n])).join(','))].join('\n');
}

export function renderContract(signature: ModelSignature, options: ContractOptions): string {
  const requests = exampleRequests(signature, options.example);
  const out = signature.outputs;
  const lines: string[] = [
    `# Input/output contract: ${options.modelName} (run ${options.runId})`,
    '',
    `Package \`${options.packageId}\`. The model predicts **${out.target}** (${out.task}). The same contract, machine-readable, is in \`openapi.json\` (OpenAPI 3.1) and \`signature.json\`.`,
    '',
    '## Input columns',
    '',
    'Every request row must hold each of these columns. Extra columns are accepted, ignored and listed in a warning.',
    '',
    '| Column | Type | Missing value (null) | Allowed values |',
    '| --- | --- | --- | --- |',
    ...signature.inputs.map((c) => `| ${cell(c.name)} | ${c.type} | ${missing(c)} | ${cell(allowed(c))} |`),
    '',
    'NaN and ±Infinity are never valid numbers; NaN is read as a missing value where one is accepted.',
    '',
    '## Output',
    '',
    out.prediction === 'label'
      ? `\`/invocations\` returns \`{"predictions": [...]}\`: one label per row, one of ${(out.classes ?? []).map((c) => `\`${c}\``).join(', ')}.`
      : '`/invocations` returns `{"predictions": [...]}`: one number per row.',
    `\`/v2/models/${options.modelName}/infer\` returns the tensors ${v2Outputs(signature)
      .map((o) => `\`${o.name}\` (${o.datatype})`)
      .join(' and ')}${out.probabilities ? ', the probabilities row-major in the classes order above' : ''}.`,
    '',
    "## Requests (MLflow's scoring protocol)",
    '',
    '`POST /invocations` takes `application/json` with exactly one of the fields below, or `text/csv`.',
    '',
  ];
  for (const key of ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const)
    lines.push(`### \`${key}\``, '', curl('/invocations', requests[key]), '');
  lines.push('### CSV', '', curl('/invocations', csvOf(signature, options.example), 'text/csv'), '');
  lines.push(
    '## Requests (Open Inference Protocol, KServe V2)',
    '',
    'One input tensor per column, shape `[rows]`: `FP64` for numeric columns, `BYTES` (text) for categorical ones.',
    '',
    curl(`/v2/models/${options.modelName}/infer`, requests.v2),
    '',
    'Health and metadata: `GET /ping`, `/health`, `/version`, `/v2/health/live`, `/v2/health/ready`, ' +
      `\`/v2/models/${options.modelName}\`, \`/v2/models/${options.modelName}/ready\`; metrics: \`GET /metrics\` (Prometheus text).`,
    '',
    '## Errors',
    '',
    '`/invocations` answers errors as `{"error_code": "...", "message": "...", "errors": [{"row", "field", "code", "message"}]}`; the V2 paths as `{"error": "..."}`.',
    '',
    '| Status | error_code | When |',
    '| --- | --- | --- |',
    '| 400 | MALFORMED_REQUEST | the body is not valid JSON or CSV |',
    '| 400 | BAD_REQUEST | no input field or several; an empty batch; a missing column, a wrong type, a category never seen in training (where refused), null or NaN where refused, ±Infinity |',
    '| 413 | REQUEST_LIMIT_EXCEEDED | the body is larger than the server accepts |',
    '| 415 | BAD_REQUEST | a content type other than application/json or text/csv, or a charset other than UTF-8 |',
    '',
    'Each entry of `errors` names the 0-based `row` and the `field`; its `code` is one of `empty-batch`, `not-an-object`, `missing-column`, `wrong-type`, `null-not-allowed`, `not-finite`, `unseen-category`.',
    '',
  );
  return lines.join('\n');
}
