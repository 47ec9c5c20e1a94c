// A served penguins model for the server tests: the example's train and holdout files without
// their rows with a missing value, a pipeline that neither imputes nor accepts unseen
// categories (so null, NaN and a new island are refused by the signature), the forest
// packaged, `mlcycle predict`'s CSV of the holdout as the reference, and a server started in
// this process on a free loopback port.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPackage, type ServedModel } from '../../../src/core/deploy/server/loadServedModel';
import { startServer, type RunningServer, type ServerOptions } from '../../../src/core/deploy/server/server';
import { tempProject } from '../model/train/trainFixtures';
import { runMlcycle } from '../support/runCliInProcess';

export const STRICT_SPEC = `version: 1
split: { folds: 3 }
preprocess:
  impute: { numeric: none, categorical: none }
  encode: { unknown: error }
  scale: standard
models:
  - name: forest
    kind: random_forest
    params: { n_estimators: 15, max_depth: 6 }
evaluation:
  permutationRepeats: 2
`;

/** The rows of a simple CSV (no quoted fields), as text. */
export function readCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trim().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

function dropMissing(path: string): void {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const kept = lines.filter((l, i) => i === 0 || !l.split(',').some((v) => v === '' || v === 'NA' || v === '.'));
  writeFileSync(path, `${kept.join('\n')}\n`);
}

export interface ServedPenguins {
  project: ReturnType<typeof tempProject>;
  runId: string;
  dir: string;
  model: ServedModel;
  /** The holdout rows as JSON records (numbers as numbers), the target left out. */
  rows: Array<Record<string, unknown>>;
  columns: string[];
  /** `mlcycle predict`'s output for those rows. */
  expected: { labels: string[]; probabilities: number[][]; classes: string[] };
}

export async function servedPenguins(): Promise<ServedPenguins> {
  const project = tempProject('penguins', STRICT_SPEC);
  dropMissing(join(project.root, 'data/train.csv'));
  dropMissing(join(project.root, 'data/holdout.csv'));
  const train = await runMlcycle(project.root, 'train', 'pipeline.yaml', '--json', 'run.json');
  assert.ok(train.code <= 1, train.stderr);
  const runId = JSON.parse(readFileSync(join(project.root, 'run.json'), 'utf8')).runId as string;
  const packaged = await runMlcycle(project.root, 'package', `${runId}:forest`, '--json', 'package.json');
  assert.equal(packaged.code, 0, packaged.stderr);
  const dir = join(project.root, JSON.parse(readFileSync(join(project.root, 'package.json'), 'utf8')).dir);
  const predicted = await runMlcycle(project.root, 'predict', `${runId}/forest`, 'data/holdout.csv', '--out', 'p.csv');
  assert.equal(predicted.code, 0, predicted.stderr);
  const model = await loadPackage(dir);
  const numeric = new Set(model.signature.inputs.filter((c) => c.type === 'numeric').map((c) => c.name));
  const columns = model.signature.inputs.map((c) => c.name);
  const rows = readCsv(readFileSync(join(project.root, 'data/holdout.csv'), 'utf8')).map((r) =>
    Object.fromEntries(columns.map((c) => [c, numeric.has(c) ? Number(r[c]) : r[c]])),
  );
  const out = readCsv(readFileSync(join(project.root, 'p.csv'), 'utf8'));
  const classes = Object.keys(out[0])
    .filter((k) => k.startsWith('proba_'))
    .map((k) => k.slice('proba_'.length));
  return {
    project,
    runId,
    dir,
    model,
    rows,
    columns,
    expected: {
      labels: out.map((r) => r.prediction),
      probabilities: out.map((r) => classes.map((c) => Number(r[`proba_${c}`]))),
      classes,
    },
  };
}

export function serve(model: ServedModel, options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({ model, serverVersion: 'test', port: 0, ...options });
}

/** Probabilities equal to 1e-12, row by row. */
export function assertClose(actual: number[][], expected: number[][], what: string): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((row, i) =>
    row.forEach((p, c) =>
      assert.ok(Math.abs(p - expected[i][c]) <= 1e-12, `${what} row ${i} class ${c}: ${p} vs ${expected[i][c]}`),
    ),
  );
}
