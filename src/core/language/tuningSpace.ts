// Completion and hover for the search space of a tuning study (tuning.yaml, or the `tuning:`
// section of pipeline.yaml) that no schema can give: under `space:` the pipeline spec's model
// names, under `space.<model>:` the parameters of that model's kind (with scikit-learn's default
// and what the model accepts), and in `model:` the model names. The pipeline is resolved lazily,
// only when the cursor is in the space.
import { ModelParamError, type ModelDefinition, type Task } from '../model/models/estimator';
import { findModel } from '../model/models/registry';
import type { StudyPipeline } from '../tuning/spaceCompiler';
import type { Position } from '../yaml/yamlDocument';
import type { CompletionEntry, HoverInfo } from './languageTypes';
import { cursorContext, nodeAt } from './yamlCursor';

export interface TuningTarget {
  /** Where the study sits in the document: [] in tuning.yaml, ['tuning'] in pipeline.yaml. */
  prefix: readonly string[];
  /** The pipeline spec the study tunes; undefined when it cannot be read. */
  pipeline(): StudyPipeline | undefined;
}

type Path = ReadonlyArray<string | number>;

/** The rest of `path` after the study's `space` key, or undefined when `path` is not inside it. */
function inSpace(path: Path, prefix: readonly string[]): Path | undefined {
  const head = [...prefix, 'space'];
  if (path.length < head.length || head.some((k, i) => path[i] !== k)) return undefined;
  return path.slice(head.length);
}

const PROBE = '\u0000probe';

/** What a model accepts for a parameter, from the model's own check ("a number > 0"). */
export function acceptedValues(definition: ModelDefinition, task: Task, param: string): string | undefined {
  if (!(param in definition.defaults(task))) return undefined;
  try {
    definition.params({ [param]: PROBE }, task);
  } catch (error) {
    if (!(error instanceof ModelParamError) || error.param !== param) return undefined;
    return error.message
      .replace(`${definition.kind}: parameter ${param}: `, '')
      .replace(/,? \(?got "[^"]*"\)?\.?$/u, '')
      .replace(/^(expected|must be) /, '');
  }
  return undefined;
}

const show = (value: unknown) => (value === null ? 'null' : JSON.stringify(value));

/** The quoted choices of an "one of "a", "b"" message, when it is one. */
function choicesOf(accepted: string | undefined): string[] | undefined {
  const m = accepted?.match(/^one of (.+?)( for \w+)?$/);
  if (!m) return undefined;
  const quoted = [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
  return quoted.length > 0 ? quoted : m[1].split(/,\s*/);
}

/** A range to start from for a parameter, from its default and what the model accepts. */
function rangeSnippet(param: string, fallback: unknown, accepted: string | undefined): string {
  const choices = choicesOf(accepted);
  if (choices) return `${param}: [${choices.join(', ')}]`;
  if (typeof fallback === 'boolean') return `${param}: [true, false]`;
  const integer = /integer/.test(accepted ?? '') || (typeof fallback === 'number' && Number.isInteger(fallback));
  if (typeof fallback === 'number' && fallback > 0) {
    if (integer)
      return `${param}: { low: \${1:${Math.max(1, Math.floor(fallback / 2))}}, high: \${2:${fallback * 2}} }`;
    return `${param}: { low: \${1:${fallback / 10}}, high: \${2:${fallback * 10}}, log: true }`;
  }
  return `${param}: { low: \${1:low}, high: \${2:high} }`;
}

function modelSummary(name: string, kind: string, task: Task): string {
  const definition = findModel(kind);
  if (!definition) return `**${name}**: model of kind \`${kind}\` (its parameters are not known here).`;
  const defaults = definition.defaults(task);
  const params = Object.entries(defaults).map(([p, v]) => `- \`${p}\` (default \`${show(v)}\`)`);
  return [
    `**${name}**: \`${kind}\` — ${definition.title}`,
    'A model of the pipeline spec; the keys below it are its searched parameters:',
    params.join('\n'),
  ].join('\n\n');
}

function paramDoc(model: { name: string; kind: string }, param: string, task: Task): string | undefined {
  const definition = findModel(model.kind);
  if (!definition) return undefined;
  const defaults = definition.defaults(task) as Record<string, unknown>;
  if (!(param in defaults)) return undefined;
  const accepted = acceptedValues(definition, task, param);
  return [
    `**${model.name}.${param}**: parameter of \`${model.kind}\` (${definition.title})`,
    `Default: \`${show(defaults[param])}\` (scikit-learn's)`,
    ...(accepted ? [`Accepts: ${accepted}`] : []),
    'Search it with a list of choices, or a range `{ low, high }` with optional `log: true`, `step`, `points` (grid) and `when` (only when another parameter has a value).',
  ].join('\n\n');
}

/** Entries the space adds at `position`; the schema's completions are given besides. */
export function tuningCompletions(text: string, position: Position, target: TuningTarget): CompletionEntry[] {
  const cursor = cursorContext(text, position);
  if (!cursor) return [];
  const rest = inSpace(cursor.path, target.prefix);
  if (rest === undefined) return [];
  const pipeline = target.pipeline();
  if (!pipeline) return [];
  if (cursor.kind === 'key' && rest.length === 0) {
    const present = new Set(cursor.presentKeys);
    return pipeline.models
      .filter((m) => !present.has(m.name))
      .map((m) => ({
        label: m.name,
        kind: 'property' as const,
        detail: `${m.kind} (model of the pipeline spec)`,
        documentation: modelSummary(m.name, m.kind, pipeline.task),
        insertText: cursor.hasColon ? m.name : `${m.name}:\n  $0`,
        snippet: !cursor.hasColon,
        replace: cursor.replace,
      }));
  }
  if (cursor.kind === 'key' && rest.length === 1 && typeof rest[0] === 'string') {
    const model = pipeline.models.find((m) => m.name === rest[0]);
    const definition = model && findModel(model.kind);
    if (!model || !definition) return [];
    const present = new Set(cursor.presentKeys);
    const defaults = definition.defaults(pipeline.task) as Record<string, unknown>;
    return Object.keys(defaults)
      .filter((p) => !present.has(p))
      .map((p) => {
        const accepted = acceptedValues(definition, pipeline.task, p);
        return {
          label: p,
          kind: 'property' as const,
          detail: `${model.kind} parameter, default ${show(defaults[p])}`,
          documentation: paramDoc(model, p, pipeline.task),
          insertText: cursor.hasColon ? p : rangeSnippet(p, defaults[p], accepted),
          snippet: !cursor.hasColon,
          replace: cursor.replace,
        };
      });
  }
  const inList = cursor.kind === 'value' || cursor.itemPath !== undefined;
  if (inList && rest[0] === 'model' && (rest.length === 2 || (rest.length === 1 && cursor.kind === 'value'))) {
    const listed = rest.length === 2 ? modelListAbove(text, position) : new Set<string>();
    const space = cursor.kind === 'value' && cursor.needsSpace ? ' ' : '';
    if (rest.length === 1)
      return [
        {
          label: `[${pipeline.models.map((m) => m.name).join(', ')}]`,
          kind: 'value',
          detail: 'every model of the pipeline spec',
          insertText: `${space}[${pipeline.models.map((m) => m.name).join(', ')}]`,
          replace: cursor.replace,
        },
      ];
    return pipeline.models
      .filter((m) => !listed.has(m.name))
      .map((m) => ({
        label: m.name,
        kind: 'value' as const,
        detail: `${m.kind} (model of the pipeline spec)`,
        documentation: modelSummary(m.name, m.kind, pipeline.task),
        insertText: m.name,
        replace: cursor.replace,
      }));
  }
  return [];
}

/** The names on the "- name" lines just above `position` (the items of the same block list). */
function modelListAbove(text: string, position: Position): Set<string> {
  const lines = text.split(/\r?\n/);
  const names = new Set<string>();
  const indent = (lines[position.line - 1] ?? '').search(/\S|$/);
  for (let i = position.line - 2; i >= 0; i--) {
    const m = lines[i].match(/^(\s*)-\s+([^\s#]+)/);
    if (!m || m[1].length !== indent) break;
    names.add(m[2]);
  }
  return names;
}

/** Documentation of a model or parameter of the space under `position`; undefined elsewhere. */
export function tuningHover(text: string, position: Position, target: TuningTarget): HoverInfo | undefined {
  const node = nodeAt(text, position);
  if (!node) return undefined;
  const rest = inSpace(node.path, target.prefix);
  if (rest === undefined || rest.length === 0) return undefined;
  const pipeline = target.pipeline();
  if (!pipeline) return undefined;
  const range = { start: node.start, end: node.end };
  const modelNamed = (name: unknown) => pipeline.models.find((m) => m.name === name);
  if (rest[0] === 'model' && node.part === 'value' && rest.length === 2) {
    const model = modelNamed(node.text);
    return model ? { markdown: modelSummary(model.name, model.kind, pipeline.task), ...range } : undefined;
  }
  const model = modelNamed(rest[0]);
  if (!model) return undefined;
  if (rest.length === 1 && node.part === 'key')
    return { markdown: modelSummary(model.name, model.kind, pipeline.task), ...range };
  if (rest.length === 2 && node.part === 'key' && typeof rest[1] === 'string') {
    const markdown = paramDoc(model, rest[1], pipeline.task);
    return markdown ? { markdown, ...range } : undefined;
  }
  return undefined;
}
