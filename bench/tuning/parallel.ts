// The "parallel" section of `npm run bench -- tuning` (alone: `npm run bench -- tuning parallel`):
// 1. Wall time of 40-trial random-search studies on Seattle weather (vega-datasets, 1,461 days,
//    the weather of the day from precipitation, temperatures and wind; 3-fold CV) through the
//    tune job, at parallel 1 (one process) and parallel 2 (two trial threads, one core per fit):
//    a random forest (whose fit already uses 2 threads at parallel 1) and k-nearest neighbours
//    (one core per fit). Random search without a pruner makes both
//    do the same fits (a pruner sees a different history at a different N, by design); the
//    trials' values must agree exactly.
// 2. The per-trial cost apart from the fit: studies of 300 trials whose objective only reports
//    3 intermediate values, with the TPE and the random sampler, in one process vs on two
//    threads; the difference is the messages (trial, reports and their prune answers, result).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianPruner } from '../../src/core/tuning/pruners';
import { RandomSampler } from '../../src/core/tuning/samplers/random';
import { TpeSampler } from '../../src/core/tuning/samplers/tpe';
import { runStudy, type Objective, type TrialContext } from '../../src/core/tuning/study';
import { TrialPool } from '../../src/core/tuning/threads/trialPool';
import { tune } from '../../src/core/tuning/tuneJob';
import type { Params, SearchSpace } from '../../src/core/tuning/types';
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

interface BenchStudy {
  label: string;
  model: string;
  space: string;
}

/** A forest fits on 2 threads by itself (rows × trees ≥ 100,000); k-neighbours uses one core. */
const STUDIES: BenchStudy[] = [
  {
    label: 'random forest, 100–300 trees (its fit uses 2 threads by itself)',
    model: 'forest\n    kind: random_forest',
    space:
      'forest:\n    n_estimators: { low: 100, high: 300 }\n    max_depth: { low: 6, high: 16 }\n    min_samples_leaf: { low: 1, high: 8 }',
  },
  {
    label: 'k-nearest neighbours (one core per fit)',
    model: 'knn\n    kind: k_neighbors',
    space: 'knn:\n    n_neighbors: { low: 1, high: 60 }\n    weights: [uniform, distance]\n    p: [1, 2]',
  },
];

async function studyWall(dir: string, study: BenchStudy, parallel: number) {
  writeFileSync(
    join(dir, 'pipeline.yaml'),
    `version: 1\nsplit: { kind: stratified, folds: 3, shuffle: true, seed: 1 }\nmodels:\n  - name: ${study.model}\nevaluation: { permutationRepeats: 0 }\n`,
  );
  writeFileSync(
    join(dir, `p${parallel}.yaml`),
    `version: 1\nspec: pipeline.yaml\nobjective: { metric: log_loss }\nsampler: { kind: random }\npruner: { kind: none }\nbudget: { trials: ${TRIALS} }\nparallel: ${parallel}\nspace:\n  ${study.space}\n`,
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

/** The best of 3 runs (the first also warms the JIT up), in ms per trial. */
async function overhead(objective: Objective, trials: number, tpe: boolean): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < 3; run++) best = Math.min(best, await overheadOnce(objective, trials, tpe));
  return best;
}

async function overheadOnce(objective: Objective, trials: number, tpe: boolean): Promise<number> {
  const t0 = performance.now();
  await runStudy({
    space,
    sampler: tpe ? new TpeSampler() : new RandomSampler(),
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
    const rows = [
      `| ${TRIALS} trials, random search, Seattle weather (1,461 rows, 3-fold CV) | parallel 1 | parallel 2 | speed-up | same values |`,
      '|---|---:|---:|---:|:---:|',
    ];
    const load = [os.loadavg()[0]];
    for (const study of STUDIES) {
      process.stderr.write(`Parallel: ${TRIALS} trials of ${study.label}, parallel 1 and 2.\n`);
      const one = await studyWall(dir, study, 1);
      const two = await studyWall(dir, study, 2);
      const same = one.values.every((v, i) => v === two.values[i]);
      rows.push(
        `| ${study.label}: wall time (sum of fit times) | ${(one.wall / 1000).toFixed(1)} s (${(one.fitMs / 1000).toFixed(1)} s) | ${(two.wall / 1000).toFixed(1)} s (${(two.fitMs / 1000).toFixed(1)} s) | ×${(one.wall / two.wall).toFixed(2)} | ${same ? 'yes' : 'NO'} |`,
      );
      load.push(os.loadavg()[0]);
    }
    const inline = reportingObjective(3);
    const here = async (p: Params, ctx: TrialContext) => (await inline.run(p, ctx)).values;
    const tpeHere = await overhead(here, 300, true);
    const randomHere = await overhead(here, 300, false);
    const pool = new TrialPool(
      { kind: 'module', path: join(root, 'bench/tuning/reportingObjective.ts'), options: 3 },
      2,
    );
    const w0 = performance.now();
    await pool.warm();
    const warm = performance.now() - w0;
    const tpeThreads = await overhead(pool.objective, 300, true);
    const randomThreads = await overhead(pool.objective, 300, false);
    await pool.close();
    rows.push(
      '',
      '| per-trial cost apart from the fit (300 trials, median pruner, 3 reports each; best of 3) | in one process | on 2 threads |',
      '|---|---:|---:|',
      `| TPE sampler (sampling + pruning + bookkeeping [+ messages]) | ${tpeHere.toFixed(2)} ms | ${tpeThreads.toFixed(2)} ms |`,
      `| random sampler (≈ bookkeeping [+ messages]) | ${randomHere.toFixed(2)} ms | ${randomThreads.toFixed(2)} ms |`,
      `| starting 2 threads and building their objective (once per study; from sources through tsx) | — | ${warm.toFixed(0)} ms |`,
      '',
      `Machine: ${os.availableParallelism()} cores; 1-minute load average during the studies ${load.map((l) => l.toFixed(1)).join(' → ')} (other work shares the cores).`,
    );
    return rows.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
