// The "parallel" section of `npm run bench -- tuning` (alone: `npm run bench -- tuning parallel`):
// 1. Wall time of a 40-trial random-search study of a random forest on Seattle weather (vega-
//    datasets, 1,461 days, the weather of the day from precipitation, temperatures and wind;
//    3-fold CV) through the tune job, at parallel 1 (one process; the forest may use 2 threads)
//    and parallel 2 (two trial threads, one core each). Random search makes both do the same
//    fits; the trials' values must agree exactly.
// 2. The per-trial cost apart from the fit: a study of 300 trials whose objective only reports
//    3 intermediate values, with the TPE sampler, in one process vs on two threads; the
//    difference is the messages (trial, reports and their prune answers, the result).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianPruner } from '../../src/core/tuning/pruners';
import { TpeSampler } from '../../src/core/tuning/samplers/tpe';
import { runStudy, type Objective } from '../../src/core/tuning/study';
import { TrialPool } from '../../src/core/tuning/threads/trialPool';
import { tune } from '../../src/core/tuning/tuneJob';
import type { SearchSpace } from '../../src/core/tuning/types';
import { reportingObjective } from './reportingObjective';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TRIALS = 40;

function seattleProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-bench-parallel-'));
  mkdirSync(join(dir, 'data'));
  const lines = readFileSync(join(root, 'node_modules/vega-datasets/data/seattle-weather.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(',').slice(1).join(','));
  writeFileSync(join(dir, 'data/train.csv'), lines.join('\n') + '\n');
  writeFileSync(
    join(dir, 'mlcycle.yaml'),
    'version: 1\nname: Seattle weather\ntask: classification\ntarget: weather\ndatasets:\n  train: data/train.csv\n',
  );
  writeFileSync(
    join(dir, 'pipeline.yaml'),
    'version: 1\nsplit: { kind: stratified, folds: 3, shuffle: true, seed: 1 }\nmodels:\n  - name: forest\n    kind: random_forest\nevaluation: { permutationRepeats: 0 }\n',
  );
  return dir;
}

const quiet = { signal: new AbortController().signal, report: () => undefined };

async function studyWall(dir: string, parallel: number) {
  writeFileSync(
    join(dir, `p${parallel}.yaml`),
    `version: 1\nspec: pipeline.yaml\nobjective: { metric: log_loss }\nsampler: { kind: random }\nbudget: { trials: ${TRIALS} }\nparallel: ${parallel}\nspace:\n  forest:\n    n_estimators: { low: 20, high: 80 }\n    max_depth: { low: 3, high: 12 }\n    min_samples_leaf: { low: 1, high: 8 }\n`,
  );
  const t0 = performance.now();
  const result = await tune({ root: dir, spec: `p${parallel}.yaml` }, quiet);
  const wall = performance.now() - t0;
  const fitMs = result.trials.reduce((s, t) => s + (t.attributes?.fit_ms ?? 0), 0);
  return { wall, fitMs, values: result.trials.map((t) => t.values?.[0]) };
}

const space: SearchSpace = {
  params: [
    { name: 'x', distribution: { type: 'float', low: -5, high: 5 } },
    { name: 'y', distribution: { type: 'float', low: -5, high: 5 } },
  ],
};

async function overhead(objective: Objective, trials: number): Promise<number> {
  const t0 = performance.now();
  await runStudy({
    space,
    sampler: new TpeSampler(),
    pruner: medianPruner({}),
    directions: ['minimize'],
    seed: 3,
    trials,
    parallel: 2,
    objective,
  });
  return (performance.now() - t0) / trials;
}

export async function parallelSection(): Promise<string> {
  const dir = seattleProject();
  try {
    process.stderr.write(`Parallel: ${TRIALS}-trial study of a random forest on Seattle weather, parallel 1 and 2.\n`);
    const one = await studyWall(dir, 1);
    const two = await studyWall(dir, 2);
    const same = one.values.every((v, i) => v === two.values[i]);
    const inline = reportingObjective(3);
    const inProcess = await overhead(async (p, ctx) => (await inline.run(p, ctx)).values, 300);
    const pool = new TrialPool(
      { kind: 'module', path: join(root, 'bench/tuning/reportingObjective.ts'), options: 3 },
      2,
    );
    const w0 = performance.now();
    await pool.warm();
    const warm = performance.now() - w0;
    const threaded = await overhead(pool.objective, 300);
    await pool.close();
    const rows = [
      `| ${TRIALS} trials, random forest, Seattle weather (1,461 rows, 3-fold CV) | parallel 1 | parallel 2 |`,
      '|---|---:|---:|',
      `| wall time of the study | ${(one.wall / 1000).toFixed(1)} s | ${(two.wall / 1000).toFixed(1)} s (×${(one.wall / two.wall).toFixed(2)}) |`,
      `| sum of the trials' fit times | ${(one.fitMs / 1000).toFixed(1)} s | ${(two.fitMs / 1000).toFixed(1)} s |`,
      `| every trial's value the same | — | ${same ? 'yes' : 'NO'} |`,
      '',
      '| per-trial cost apart from the fit (TPE + median pruner, 300 trials, 3 reports each) | ms per trial |',
      '|---|---:|',
      `| in one process (sampler, pruner, bookkeeping) | ${inProcess.toFixed(2)} |`,
      `| on 2 threads (the same + messages) | ${threaded.toFixed(2)} |`,
      `| starting 2 threads and loading their objective (once per study, from sources through tsx) | ${warm.toFixed(0)} ms |`,
    ];
    return rows.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
