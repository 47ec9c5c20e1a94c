// JSON Schema validation of a parsed YAML document, with each error placed at the line and
// column of the offending key or value. `schemaErrors` gives the raw errors (with the schema
// that failed) to the language features, which word them and offer fixes themselves.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { ParsedYaml, Problem } from './yamlDocument';

// verbose: each error carries the failing schema (`parentSchema`) and value (`data`).
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const compiled = new Map<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Every error of `value` against `schema` (empty when valid). */
export function schemaErrors(value: unknown, schema: object): ErrorObject[] {
  const validate = validatorFor(schema);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** The key path of the value an error is about; for an unknown key, the path of that key. */
export function pathOf(error: ErrorObject): Array<string | number> {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (error.keyword === 'additionalProperties') segments.push(String(error.params.additionalProperty));
  return segments;
}

function describe(error: ErrorObject, path: Array<string | number>): string {
  const where = path.length ? `"${path.join('.')}"` : 'the document';
  switch (error.keyword) {
    case 'required':
      return `${where} is missing the required key "${error.params.missingProperty}".`;
    case 'additionalProperties':
      return `Unknown key "${error.params.additionalProperty}".`;
    case 'enum':
      return `${where} must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}.`;
    case 'const':
      return `${where} must be ${JSON.stringify(error.params.allowedValue)}.`;
    case 'type':
      return `${where} must be of type ${error.params.type}.`;
    case 'pattern':
      return `${where} does not have an expected form (${error.params.pattern}).`;
    case 'minProperties':
      return `${where} is empty: it needs at least ${error.params.limit} key${error.params.limit === 1 ? '' : 's'}.`;
    case 'minItems':
      return `${where} needs at least ${error.params.limit} item${error.params.limit === 1 ? '' : 's'}.`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}

/**
 * Problems of `parsed` against `schema`, each with the range of the key or value at fault.
 * With `at`, the value at that key path is checked (a section of the document, like `tuning`).
 */
export function checkAgainstSchema(
  parsed: ParsedYaml,
  schema: object,
  at: ReadonlyArray<string | number> = [],
): Problem[] {
  const value = at.reduce<unknown>(
    (v, key) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined),
    parsed.value,
  );
  return (
    schemaErrors(value, schema)
      .filter((e) => e.keyword !== 'if')
      .map((error) => {
        const path = [...at, ...pathOf(error)];
        const range = parsed.rangeOf(path, error.keyword === 'additionalProperties');
        return { message: describe(error, path), ...range, severity: 'error' as const, path };
      })
      // A wrong value names its own line; a missing key can only point at its parent: first things first.
      .sort(
        (a, b) =>
          Number(a.message.includes('missing the required key')) -
            Number(b.message.includes('missing the required key')) || a.start.line - b.start.line,
      )
  );
}
