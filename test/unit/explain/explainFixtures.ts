// What the explanation tests share: a penguins project trained from a spec (its run id), the
// small spec of a forest and a logistic regression most of them explain, and a plain CSV reader
// for the files the CLI writes (no quoted fields in them), the explain and predict CLI calls the
// tests make, and a synthetic explanation for the report page's capacity.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExplainResult } from '../../../src/core/explain/explainTypes';
import type { ExplanationPlots } from '../../../src/core/explain/plotTypes';
import { seededRandom } from '../../../src/core/seededRandom';
import { tempProject } from '../model/train/trainFixtures';
import { runMlcycle } from '../support/runCliInProcess';

export const FOREST_SPEC = `version: 1
split: { folds: 3 }
preprocess:
  impute: { numeric: median, categorical: most_frequent }
  encode: { categorical: onehot }
models:
  - name: forest
    kind: random_forest
    params: { n_estimators: 30, max_depth: 5 }
  - name: logistic
    kind: logistic_regression
evaluation:
  permutationRepeats: 2
`;

export function csv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.trim().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** A copy of the penguins example with `spec` as its pipeline, trained by `mlcycle train`. */
export async function trainedPenguins(
  spec: string,
): Promise<{ project: ReturnType<typeof tempProject>; runId: string }> {
  const project = tempProject('penguins', spec);
  const train = await runMlcycle(project.root, 'train', 'pipeline.yaml', '--json', 'run.json');
  assert.ok(train.code <= 1, train.stderr);
  const runId = JSON.parse(readFileSync(join(project.root, 'run.json'), 'utf8')).runId as string;
  return { project, runId };
}

/** `mlcycle explain <args> --json x.json`: its exit, output, and the JSON result (none on exit 2). */
export async function explainCli(root: string, ...args: string[]) {
  const r = await runMlcycle(root, 'explain', ...args, '--json', 'x.json');
  return {
    ...r,
    json: r.code === 2 ? undefined : (JSON.parse(readFileSync(join(root, 'x.json'), 'utf8')) as ExplainResult),
  };
}

/** What `mlcycle predict <model> <data>` writes, as a table (written to `out` in the project). */
export async function predictedCsv(root: string, model: string, data: string, out = 'p.csv') {
  const predicted = await runMlcycle(root, 'predict', model, data, '--out', out);
  assert.equal(predicted.code, 0, predicted.stderr);
  return csv(readFileSync(join(root, out), 'utf8'));
}

/** A synthetic explanation of `rows` × `columns` (seed 3, values uniform in [0, 10), contributions linear in them plus noise), for the page's capacity. */
export function syntheticPlots(rows: number, columns: number): ExplanationPlots {
  const random = seededRandom(3);
  return {
    schemaVersion: 1,
    explainedRows: rows,
    sampledRows: rows,
    sample: Array.from({ length: rows }, (_, i) => i),
    outputNames: ['value'],
    outputKind: 'value',
    base: [1],
    columns: Array.from({ length: columns }, (_, c) => {
      const values = Array.from({ length: rows }, () => random() * 10);
      return {
        name: `x${c}`,
        kind: 'numeric' as const,
        values,
        contributions: [values.map((v) => (v - 5) / (c + 1) + 0.1 * random())],
        meanAbs: [2.5 / (c + 1)],
        direction: 'higher raises' as const,
      };
    }),
    otherColumns: 0,
    waterfalls: [],
    waterfallsAre: 'rows',
  };
}
