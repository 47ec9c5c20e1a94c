// What the explanation tests share: a penguins project trained from a spec (its run id), the
// small spec of a forest and a logistic regression most of them explain, and a plain CSV reader
// for the files the CLI writes (no quoted fields in them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
