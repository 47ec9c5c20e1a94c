// `npm run bench -- explain`: path-dependent TreeSHAP speed on our fitted models, beside
// xgboost's own TreeSHAP (pred_contribs, Debian's python3-xgboost) on the very same trees handed
// to it as its JSON model, in one run. Models, fitted on a seeded synthetic regression problem
// (20 features, 5,000 rows, 5% missing):
//   - random forest, 100 trees of depth 8   (target ≥ 600 rows/s)
//   - random forest, 100 trees of depth 12  (target ≥ 40 rows/s)
//   - gradient boosting, 100 trees of 31 leaves (target ≥ 5,000 rows/s)
// Ours and xgboost are each timed on 1 and 2 threads (the target is for this 2-core machine).
// Both of ours are warmed up first (50 rows on one thread; 100 rows on two, which also starts
// the pooled worker thread, as a long-lived worker process has it started).
// Env: MLCYCLE_BENCH_DIR.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainThreadSettings, explainTreesPathThreaded } from '../../src/core/explain/explainThreads';
import { explainTreesPath } from '../../src/core/explain/treeExplainer';
import { rowMajor, treeSetOf, type TreeSet } from '../../src/core/explain/treeModels';
import { createMatrix, type Matrix } from '../../src/core/model/matrix';
import { histGradientBoosting } from '../../src/core/model/models/boosting';
import type { FittedModel, ModelDefinition } from '../../src/core/model/models/estimator';
import { randomForest } from '../../src/core/model/models/forest';
import { seededRandom } from '../../src/core/seededRandom';
import { xgboostJson } from './xgboostModel';

const here = fileURLToPath(new URL('.', import.meta.url));
const cacheDir = join(process.env.MLCYCLE_BENCH_DIR ?? join(homedir(), '.cache', 'mlcycle', 'bench'), 'explain');
const FEATURES = 20;
const ROWS = 5000;
const EXPLAINED = 1000;

function synthetic(): { X: Matrix; y: Float64Array } {
  const random = seededRandom(20261207);
  const names = Array.from({ length: FEATURES }, (_, j) => `x${j}`);
  const X = createMatrix(ROWS, names);
  const y = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const x = Array.from({ length: FEATURES }, () => random() * 4 - 2);
    y[i] = Math.sin(x[0] * 1.5) + x[1] * x[2] + (x[3] > 0 ? 1 : -1) * x[4] + 0.5 * x[5] ** 2 + 0.3 * random();
    x.forEach((v, j) => (X.data[j * ROWS + i] = random() < 0.05 ? NaN : v));
  }
  return { X, y };
}

interface Case {
  name: string;
  definition: ModelDefinition;
  params: Record<string, unknown>;
  target: number;
}

const CASES: Case[] = [
  {
    name: 'forest, 100 trees, depth 8',
    definition: randomForest,
    params: { n_estimators: 100, max_depth: 8 },
    target: 600,
  },
  {
    name: 'forest, 100 trees, depth 12',
    definition: randomForest,
    params: { n_estimators: 100, max_depth: 12 },
    target: 40,
  },
  {
    name: 'boosting, 100 trees of 31 leaves',
    definition: histGradientBoosting,
    params: { max_iter: 100, max_leaf_nodes: 31, early_stopping: false },
    target: 5000,
  },
];

/** The set as boosting trees for xgboost: a forest's leaf values divided by its tree count. */
function forXgboost(set: TreeSet) {
  const trees = set.trees.map((t) => ({ ...t, values: t.values.map((v) => Math.fround(v * set.scale)) }));
  return { trees, base: set.offset[0] };
}

async function main() {
  mkdirSync(cacheDir, { recursive: true });
  const { X, y } = synthetic();
  const rows = rowMajor(X);
  const explained = rows.subarray(0, EXPLAINED * FEATURES);
  const models: Array<{ name: string; file: string; rows: string; features: number; margins: number[] }> = [];
  const ours: Array<{
    name: string;
    rowsPerSecond: number;
    twoThreads: number;
    target: number;
    nodes: number;
    additivity: number;
  }> = [];
  const rowsFile = join(cacheDir, 'rows.f32');
  writeFileSync(rowsFile, Buffer.from(Float32Array.from(explained).buffer));
  for (const c of CASES) {
    process.stderr.write(`Fitting ${c.name}...\n`);
    const model: FittedModel = await c.definition.fit(
      X,
      { task: 'regression', y },
      c.definition.params(c.params, 'regression'),
      {
        seed: 1,
        threads: 2,
      },
    );
    const set = treeSetOf(model, X)!;
    // As xgboost keeps them: float32 leaves (so both sides explain identical trees).
    for (const tree of set.trees)
      for (let i = 0; i < tree.values.length; i++) tree.values[i] = Math.fround(tree.values[i]);
    const nodes = set.trees.reduce((n, t) => n + (t.root === undefined ? t.nodeCount : 0), 0) || set.trees[0].nodeCount;
    explainTreesPath(set, explained.subarray(0, 50 * FEATURES), FEATURES); // warm-up
    const minWork = explainThreadSettings.minWork;
    explainThreadSettings.minWork = 0;
    await explainTreesPathThreaded(set, explained.subarray(0, 100 * FEATURES), FEATURES, { threads: 2 });
    explainThreadSettings.minWork = minWork;
    const start = performance.now();
    const shap = explainTreesPath(set, explained, FEATURES);
    const seconds = (performance.now() - start) / 1000;
    const threadedStart = performance.now();
    await explainTreesPathThreaded(set, explained, FEATURES, { threads: 2 });
    const threadedSeconds = (performance.now() - threadedStart) / 1000;
    ours.push({
      name: c.name,
      rowsPerSecond: EXPLAINED / seconds,
      twoThreads: EXPLAINED / threadedSeconds,
      target: c.target,
      nodes,
      additivity: shap.additivityError,
    });
    const x = forXgboost(set);
    const file = join(cacheDir, `${c.name.replace(/[^a-z0-9]+/gi, '-')}.json`);
    writeFileSync(file, xgboostJson(x.trees, x.base, FEATURES));
    const margins = Array.from(shap.output);
    models.push({ name: c.name, file, rows: rowsFile, features: FEATURES, margins });
  }
  process.stderr.write('xgboost side...\n');
  const r = spawnSync('/usr/bin/python3', [join(here, 'xgboost_side.py')], {
    input: JSON.stringify({ models }),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`the xgboost side failed: ${r.stderr}`);
  const theirs = JSON.parse(r.stdout) as Array<{
    name: string;
    rowsPerSecond: Record<string, number>;
    worstMargin: number;
    version: string;
  }>;
  const lines = [
    `TreeSHAP (path-dependent), ${EXPLAINED} rows × ${FEATURES} features; xgboost ${theirs[0]?.version} pred_contribs on the same trees`,
    '',
    '| model | ours rows/s (1 thread) | ours (2 threads) | target | xgboost rows/s (1 thread) | xgboost (2 threads) | ours / xgboost, 1 thread | margins agree to | additivity |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  let failed = false;
  for (const o of ours) {
    const t = theirs.find((x) => x.name === o.name)!;
    const pass = Math.max(o.rowsPerSecond, o.twoThreads) >= o.target;
    failed ||= !pass;
    lines.push(
      `| ${o.name} | ${Math.round(o.rowsPerSecond)} | ${Math.round(o.twoThreads)} | ≥ ${o.target} ${pass ? 'pass' : 'FAIL'} | ${Math.round(t.rowsPerSecond['1'])} | ${Math.round(t.rowsPerSecond['2'])} | ${(o.rowsPerSecond / t.rowsPerSecond['1']).toFixed(2)} | ${t.worstMargin.toExponential(1)} | ${o.additivity.toExponential(1)} |`,
    );
  }
  const table = lines.join('\n');
  process.stdout.write(`${table}\n`);
  writeFileSync(join(cacheDir, 'explain.md'), `${table}\n`);
  writeFileSync(join(cacheDir, 'explain.json'), JSON.stringify({ ours, theirs }, null, 2));
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
