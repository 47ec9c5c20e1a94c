// The next stage's space as a file the user edits before the stage starts. When a run stops
// after a stage (`mlcycle tune --stage K`) and the next stage narrows, the narrowed space is
// written to .mlcycle/studies/<id>/stage-<K+1>.yaml: one line per parameter, its narrowed range
// or choices and, in a comment, the original. The user edits ranges (inside the original ones)
// or drops choices; `--resume` then starts that stage from the file. A parameter left out keeps
// its narrowed range; deleting the file runs the stage as narrowed. Conditions (which parameter
// exists when) and log/step scales come from the study's space and cannot change.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Path } from '../model/spec/specReader';
import { parseYaml, type Problem } from '../yaml/yamlDocument';
import { showValue } from './studyTypes';
import type { Distribution, ParamDef, ParamValue, SearchSpace } from './types';

export const stageFileName = (index: number) => `stage-${index}.yaml`;

const PLAIN = /^[A-Za-z_][\w.-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n|~)$/i;
const scalar = (v: ParamValue) =>
  typeof v === 'string'
    ? PLAIN.test(v) && !YAML_WORDS.test(v)
      ? v
      : JSON.stringify(v)
    : v === null
      ? 'null'
      : String(v);

function showDistribution(d: Distribution): string {
  if (d.type === 'categorical') return `[${d.choices.map(scalar).join(', ')}]`;
  const extras = `${d.log ? ', log: true' : ''}${d.step !== undefined && !(d.type === 'int' && d.step === 1) ? `, step: ${d.step}` : ''}`;
  return `{ low: ${d.low}, high: ${d.high}${extras} }`;
}

function showOriginal(d: Distribution): string {
  if (d.type === 'categorical') return `[${d.choices.map((c) => showValue(c)).join(', ')}]`;
  return `[${d.low}, ${d.high}]${d.log ? ' log' : ''}${d.step !== undefined && !(d.type === 'int' && d.step === 1) ? ` step ${d.step}` : ''}`;
}

export interface StageDraft {
  studyId: string;
  index: number;
  /** The study's whole space (the first stage's), and the narrowed one of this stage. */
  original: SearchSpace;
  narrowed: SearchSpace;
  top: number;
  margin: number;
}

/** The text of a stage file: the narrowed space with the original ranges as comments. */
export function stageDraftText(draft: StageDraft): string {
  const width = Math.max(...draft.original.params.map((p) => p.name.length)) + 1;
  const lines = draft.narrowed.params.map((p, i) => {
    const value = showDistribution(p.distribution);
    const key = `${PLAIN.test(p.name) ? p.name : JSON.stringify(p.name)}:`;
    return `  ${key.padEnd(width + 1)} ${value}   # original: ${showOriginal(draft.original.params[i].distribution)}`;
  });
  return [
    `# Stage ${draft.index + 1} of study ${draft.studyId}: each range narrowed to the ${draft.top} best trials so far,`,
    `# widened by ${draft.margin} of its original width, never outside it. Edit a range (inside the original)`,
    `# or drop choices, save, then run: mlcycle tune --resume ${draft.studyId}`,
    '# A parameter left out keeps its narrowed range; delete this file to run the stage as narrowed.',
    'version: 1',
    `study: ${draft.studyId}`,
    `stage: ${draft.index}`,
    'params:',
    ...lines,
    '',
  ].join('\n');
}

/** Writes the draft unless the user's file is already there; the file's path either way. */
export async function writeStageDraft(dir: string, draft: StageDraft): Promise<{ file: string; written: boolean }> {
  const file = join(dir, stageFileName(draft.index));
  if (existsSync(file)) return { file, written: false };
  await writeFile(file, stageDraftText(draft));
  return { file, written: true };
}

export interface StageEdit {
  space: SearchSpace;
  /** One line per parameter the file changed from the narrowed space. */
  changes: string[];
  problems: Problem[];
}

type Raw = Record<string, unknown>;
const isMap = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads a stage file against the study's space and the narrowed one it edits. */
export function readStageEdit(
  text: string,
  expect: { studyId: string; index: number },
  original: SearchSpace,
  narrowed: SearchSpace,
): StageEdit {
  const parsed = parseYaml(text);
  const problems: Problem[] = [...parsed.problems];
  const fail = (path: Path, message: string, onKey = false) =>
    problems.push({ message, ...parsed.rangeOf(path, onKey), severity: 'error', path: [...path] });
  const none = { space: narrowed, changes: [] };
  if (problems.some((p) => p.severity === 'error')) return { ...none, problems };
  const doc = parsed.value;
  if (!isMap(doc)) {
    fail([], 'A stage file is a mapping with version, study, stage and params.');
    return { ...none, problems };
  }
  if (doc.version !== 1) fail(['version'], 'version must be 1.');
  if (doc.study !== expect.studyId)
    fail(['study'], `This file is for study ${String(doc.study)}, not ${expect.studyId}.`);
  if (doc.stage !== expect.index)
    fail(['stage'], `This file is for stage ${String(doc.stage)}; the next stage of the study is ${expect.index}.`);
  if (!isMap(doc.params)) {
    fail(['params'], 'params must be a mapping of parameter name to its range or choices.');
    return { ...none, problems };
  }
  const byName = new Map(original.params.map((p, i) => [p.name, { original: p, narrowed: narrowed.params[i] }]));
  const edited = new Map<string, Distribution>();
  for (const [name, value] of Object.entries(doc.params)) {
    const at: Path = ['params', name];
    const defs = byName.get(name);
    if (!defs) {
      fail(at, `The study has no parameter "${name}" (its parameters: ${[...byName.keys()].join(', ')}).`, true);
      continue;
    }
    const next = readDistribution(defs.original.distribution, value, (message, sub = []) =>
      fail([...at, ...sub], message, sub.length === 0),
    );
    if (next) edited.set(name, next);
  }
  if (problems.some((p) => p.severity === 'error')) return { ...none, problems };
  const changes: string[] = [];
  const params: ParamDef[] = narrowed.params.map((def) => {
    const d = edited.get(def.name);
    if (!d || showDistribution(d) === showDistribution(def.distribution)) return def;
    changes.push(`${def.name}: ${showOriginal(def.distribution)} → ${showOriginal(d)} (edited)`);
    return { ...def, distribution: d };
  });
  return { space: { params }, changes, problems };
}

function readDistribution(
  original: Distribution,
  value: unknown,
  fail: (message: string, sub?: Path) => void,
): Distribution | undefined {
  if (original.type === 'categorical') {
    if (!Array.isArray(value) || value.length === 0) {
      fail(`A choice parameter takes a non-empty list, from ${showOriginal(original)}.`);
      return undefined;
    }
    const unknown = value.filter((v) => !original.choices.includes(v as ParamValue));
    if (unknown.length > 0) {
      fail(
        `${unknown.map((v) => showValue(v as ParamValue)).join(', ')} not among the original choices ${showOriginal(original)}.`,
      );
      return undefined;
    }
    return { type: 'categorical', choices: original.choices.filter((c) => value.includes(c)) };
  }
  if (!isMap(value)) {
    fail(`A range takes { low, high }, inside the original ${showOriginal(original)}.`);
    return undefined;
  }
  for (const key of Object.keys(value))
    if (!['low', 'high', 'log', 'step'].includes(key)) fail(`Unknown key "${key}": a range has low and high.`, [key]);
  const { low, high } = value;
  let ok = true;
  for (const [key, v] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || (original.type === 'int' && !Number.isInteger(v))) {
      fail(`${key} must be ${original.type === 'int' ? 'an integer' : 'a number'}.`, [key]);
      ok = false;
    } else if (v < original.low || v > original.high) {
      fail(`${key} (${v}) is outside the original range ${showOriginal(original)}.`, [key]);
      ok = false;
    } else if (original.step !== undefined && original.step !== 1) {
      const k = (v - original.low) / original.step;
      if (Math.abs(k - Math.round(k)) > 1e-9) {
        fail(`${key} (${v}) is not on the range's step of ${original.step} from ${original.low}.`, [key]);
        ok = false;
      }
    }
  }
  if ((value.log ?? original.log ?? false) !== (original.log ?? false))
    fail("The scale (log) of a parameter is the study's; it cannot change between stages.", ['log']);
  if (value.step !== undefined && value.step !== (original.step ?? (original.type === 'int' ? 1 : undefined)))
    fail("The step of a parameter is the study's; it cannot change between stages.", ['step']);
  if (!ok) return undefined;
  if ((low as number) > (high as number)) {
    fail(`low (${low}) is above high (${high}).`, ['low']);
    return undefined;
  }
  return { ...original, low: low as number, high: high as number };
}

/** The user's stage file, when there is one: read from the study's folder. */
export async function loadStageEdit(
  dir: string,
  expect: { studyId: string; index: number },
  original: SearchSpace,
  narrowed: SearchSpace,
): Promise<(StageEdit & { file: string }) | undefined> {
  const file = join(dir, stageFileName(expect.index));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  return { ...readStageEdit(text, expect, original, narrowed), file };
}
