// Validates dictionary text against schemas/data-dictionary.schema.json with ajv, as CI and the
// language server will.
import Ajv from 'ajv';
import { parse } from 'yaml';
import schema from '../../../schemas/data-dictionary.schema.json';

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const validate = ajv.compile(schema);

/** The schema errors of a dictionary text, as readable lines; empty when it is valid. */
export function schemaErrors(text: string): string[] {
  if (validate(parse(text))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
