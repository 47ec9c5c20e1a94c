// Hover documentation from a JSON Schema: for the key or value under the cursor, its
// description, what it accepts, its default, examples and the allowed values (with their meaning
// when the schema gives one). Also the Markdown the completion shows for each key.
import type { Position } from '../yaml/yamlDocument';
import type { HoverInfo } from './languageTypes';
import {
  alternatives,
  schemasAt,
  typeLabel,
  valueChoices,
  yamlScalar,
  type SchemaObject,
} from './schemaFeaturesNavigate';
import { nodeAt } from './yamlCursor';

/** Markdown about what `schema` accepts: description, type, allowed values, default, examples. */
export function describeSchema(root: SchemaObject, schema: SchemaObject): string {
  const alts = alternatives(root, schema);
  const descriptions = [
    ...new Set([schema, ...alts].map((s) => s.description).filter((d): d is string => typeof d === 'string')),
  ];
  const parts: string[] = [];
  if (descriptions.length) parts.push(descriptions.join('\n\n'));
  parts.push(`Type: \`${typeLabel(root, schema)}\``);
  const choices = valueChoices(root, [schema]);
  const allowed = choices.filter((c) => c.source === 'enum' || c.source === 'const');
  if (allowed.length > 1 && allowed.some((c) => c.meaning)) {
    parts.push(
      [
        'Allowed values:',
        ...allowed.map((c) => `- \`${yamlScalar(c.value)}\`${c.meaning ? `: ${c.meaning}` : ''}`),
      ].join('\n'),
    );
  }
  const fallback = choices.find((c) => c.source === 'default');
  if (fallback) parts.push(`Default: \`${yamlScalar(fallback.value)}\``);
  const examples = choices.filter((c) => c.source === 'example');
  if (examples.length) parts.push(`Examples: ${examples.map((c) => `\`${yamlScalar(c.value)}\``).join(', ')}`);
  return parts.join('\n\n');
}

/** Documentation of the key or value at `position` (1-based); undefined where the schema says nothing. */
export function hover(text: string, position: Position, schema: object): HoverInfo | undefined {
  const root = schema as SchemaObject;
  const node = nodeAt(text, position);
  if (!node) return undefined;
  const schemas = schemasAt(root, node.path);
  if (schemas.length === 0 || node.path.length === 0) return undefined;
  const name = node.path[node.path.length - 1];
  const title = typeof name === 'number' ? `item ${name + 1}` : name;
  let markdown = `**${title}**\n\n${schemas.map((s) => describeSchema(root, s)).join('\n\n---\n\n')}`;
  if (node.part === 'value') {
    const choice = valueChoices(root, schemas).find(
      (c) => (c.source === 'enum' || c.source === 'const') && yamlScalar(c.value) === node.text,
    );
    if (choice?.meaning)
      markdown = `**${title}: ${node.text}**: ${choice.meaning}\n\n${markdown.split('\n\n').slice(1).join('\n\n')}`;
  }
  return { markdown, start: node.start, end: node.end };
}
