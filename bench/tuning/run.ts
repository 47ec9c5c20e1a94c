// `npm run bench -- tuning`: our samplers side by side with Debian's Optuna 3.1 in one run.
// 1. Formula check: every test function evaluated at the same random points on both sides must
//    agree to 1e-9, so the two sides optimise the same thing.
// 2. Quality: for each test function (bench/tuning/functions.ts) and seed, a sequential study of
//    200 trials per sampler (our TPE, our random, Optuna's TPE, Optuna's random); the best value
//    after 50, 100 and 200 trials is read from the same run's best-so-far curve. The table shows
//    the mean over seeds of each side, and whether ours is at least Optuna's (lower is better:
//    every function is minimised). Each seed's curve is saved as JSON in the cache folder.
// 3. Sampler overhead: ask+tell time per trial over trials 751–1000 of the 4-D mixed space (and
//    9,751–10,000 for ours; Optuna's TPE would take hours there), trivial objective.
// 4. Parallel (bench/tuning/parallel.ts): a real study's wall time at parallel 1 vs 2, and the
//    per-trial cost of trials on threads. `npm run bench -- tuning parallel` runs this part alone.
// Env: MLCYCLE_BENCH_DIR (cache folder), MLCYCLE_BENCH_SEEDS (default 20), MLCYCLE_BENCH_FUNCTIONS
// (comma list), MLCYCLE_BENCH_TRIALS (default 200; budgets reported: 50, 100 and that).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomSampler } from '../../src/core/tuning/samplers/random';
import type { Sampler, TrialView } from '../../src/core/tuning/types';
import { FUNCTIONS, OVERHEAD_SPACE, overheadObjective, type TestFunction } from './functions';
import { parallelSection } from './parallel';
import { makeSampler } from './samplers';

const here = fileURLToPath(new URL('.', import.meta.url));
const cacheDir = join(process.env.MLCYCLE_BENCH_DIR ?? join(homedir(), '.cache', 'mlcycle', 'bench'), 'tuning');
const seedCount = Number(process.env.MLCYCLE_BENCH_SEEDS ?? 20);
const trials = Number(process.env.MLCYCLE_BENCH_TRIALS ?? 200);
const budgets = [50, 100, trials].filter((b, i, all) => b <= trials && all.indexOf(b) === i);
const wanted = process.env.MLCYCLE_BENCH_FUNCTIONS?.split(',');
const functions = FUNCTIONS.filter((f) => !wanted || wanted.includes(f.name));
const seeds = Array.from({ length: seedCount }, (_, i) => i);

function python<T>(request: unknown): T {
  const r = spawnSync('/usr/bin/python3', [join(here, 'optuna_side.py')], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`the Optuna side failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

function checkFormulas(): void {
  const random = new RandomSampler();
  const points = functions.flatMap((f) =>
    Array.from({ length: 20 }, (_, number) => ({
      function: f.name,
      params: random.sample({ space: f.space, number, trials: [], directions: ['minimize'], seed: 1 }),
    })),
  );
  const theirs = python<{ values: number[] }>({ mode: 'check', points }).values;
  points.forEach((pt, i) => {
    const ours = functions.find((f) => f.name === pt.function)!.evaluate(pt.params);
    if (Math.abs(ours - theirs[i]) > 1e-9 * Math.max(1, Math.abs(ours)))
      throw new Error(`${pt.function} differs at ${JSON.stringify(pt.params)}: ours ${ours}, Optuna side ${theirs[i]}`);
  });
  process.stderr.write(`Formula check: ${points.length} points agree on both sides.\n`);
}

/** A sequential study of `n` trials; returns the best-so-far after each trial. */
function runOurs(sampler: Sampler, f: TestFunction, seed: number, n: number): number[] {
  const history: TrialView[] = [];
  const best: number[] = [];
  let b = Infinity;
  for (let i = 0; i < n; i++) {
    const params = sampler.sample({ space: f.space, number: i, trials: history, directions: ['minimize'], seed });
    const value = f.evaluate(params);
    history.push({ number: i, state: 'complete', params, values: [value], intermediate: [] });
    b = Math.min(b, value);
    best.push(b);
  }
  return best;
}

function oursOverhead(n: number, window: [number, number]): number {
  const sampler = makeSampler('tpe');
  const history: TrialView[] = [];
  let spent = 0;
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const params = sampler.sample({
      space: OVERHEAD_SPACE,
      number: i,
      trials: history,
      directions: ['minimize'],
      seed: 0,
    });
    history.push({ number: i, state: 'complete', params, values: [overheadObjective(params)], intermediate: [] });
    if (i + 1 >= window[0] && i + 1 <= window[1]) spent += performance.now() - start;
  }
  return spent / (window[1] - window[0] + 1);
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(2) : v.toPrecision(4));

async function parallelOnly(): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const table = await parallelSection();
  console.log(`\nParallel trials\n\n${table}`);
  writeFileSync(join(cacheDir, 'tuning-parallel.md'), `${table}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes('parallel')) return parallelOnly();
  mkdirSync(cacheDir, { recursive: true });
  checkFormulas();
  process.stderr.write(
    `Quality: ${functions.length} functions × ${seeds.length} seeds × ${trials} trials per sampler.\n`,
  );
  const optuna = python<{ runs: Array<{ function: string; sampler: string; seed: number; best: number[] }> }>({
    mode: 'quality',
    functions: functions.map((f) => f.name),
    seeds,
    trials,
    samplers: ['tpe', 'random'],
  }).runs;
  const runs: Array<{ function: string; side: string; sampler: string; seed: number; best: number[] }> = optuna.map(
    (r) => ({ function: r.function, side: 'optuna', sampler: r.sampler, seed: r.seed, best: r.best }),
  );
  for (const f of functions)
    for (const name of ['tpe', 'random'])
      for (const seed of seeds)
        runs.push({
          function: f.name,
          side: 'ours',
          sampler: name,
          seed,
          best: runOurs(makeSampler(name), f, seed, trials),
        });
  writeFileSync(join(cacheDir, 'tuning-quality-runs.json'), JSON.stringify(runs));
  const meanBest = (fn: string, side: string, sampler: string, at: number) =>
    mean(runs.filter((r) => r.function === fn && r.side === side && r.sampler === sampler).map((r) => r.best[at - 1]));
  const rows = [
    '| function | trials | ours TPE | Optuna TPE | ours random | Optuna random | ours TPE ≤ Optuna TPE | ours TPE < ours random |',
    '|---|---:|---:|---:|---:|---:|:---:|:---:|',
  ];
  let wins = 0;
  let total = 0;
  for (const f of functions)
    for (const at of budgets) {
      const [ot, qt, or, qr] = [
        meanBest(f.name, 'ours', 'tpe', at),
        meanBest(f.name, 'optuna', 'tpe', at),
        meanBest(f.name, 'ours', 'random', at),
        meanBest(f.name, 'optuna', 'random', at),
      ];
      total++;
      if (ot <= qt) wins++;
      rows.push(
        `| ${f.name} | ${at} | ${fmt(ot)} | ${fmt(qt)} | ${fmt(or)} | ${fmt(qr)} | ${ot <= qt ? 'yes' : 'no'} | ${ot < or ? 'yes' : 'no'} |`,
      );
    }
  console.log(`\nBest value found (mean over ${seeds.length} seeds; lower is better)\n`);
  console.log(rows.join('\n'));
  console.log(`\nOurs at least Optuna's TPE in ${wins} of ${total} cells.`);
  const theirs1k = python<{ msPerTrial: number }>({ mode: 'overhead', trials: 1000, window: [751, 1000] }).msPerTrial;
  const ours1k = oursOverhead(1000, [751, 1000]);
  const ours10k = oursOverhead(10_000, [9751, 10_000]);
  const overhead = [
    '| sampler overhead (ask+tell, 4-D mixed) | ours TPE | Optuna TPE | target |',
    '|---|---:|---:|---|',
    `| trials 751–1,000 | ${ours1k.toFixed(2)} ms | ${theirs1k.toFixed(2)} ms | ≤ 5 ms: ${ours1k <= 5 ? 'pass' : 'FAIL'} |`,
    `| trials 9,751–10,000 | ${ours10k.toFixed(2)} ms | — | ≤ 20 ms: ${ours10k <= 20 ? 'pass' : 'FAIL'} |`,
  ];
  console.log(`\n${overhead.join('\n')}`);
  writeFileSync(join(cacheDir, 'tuning-bench.md'), `${rows.join('\n')}\n\n${overhead.join('\n')}\n`);
  console.log(`\nSaved: ${join(cacheDir, 'tuning-quality-runs.json')} (every seed's curve), tuning-bench.md`);
  await parallelOnly();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
