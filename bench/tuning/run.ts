// `npm run bench -- tuning`: our samplers side by side with Debian's Optuna 3.1 in one run.
// 1. Formula check: every test function evaluated at the same random points on both sides must
//    agree to 1e-9, so the two sides optimise the same thing.
// 2. Quality on test functions: for each function (bench/tuning/functions.ts) and seed (40), a
//    sequential study of 200 trials per sampler (our TPE, our TPE with Optuna's exact defaults,
//    our random; Optuna's TPE and random); the best value after 50, 100 and 200 trials is read
//    from the same run's best-so-far curve. Optuna's runs are cached per (function, sampler, seed,
//    trials, Optuna version) and computed, when missing, in a child process while ours run.
// 3. Quality on real data: two of our models tuned on two examples' datasets (modelCases.ts), our
//    objective for both sides, Optuna's TPE choosing through an ask/tell bridge.
// 4. Sampler overhead: ask+tell per trial over trials 751–1,000 of the 4-D mixed space, and
//    9,751–10,000 for ours (Optuna's TPE would take hours there: its 1,000 figure is given).
// Tables: mean ± standard error over seeds; p = two-sided Wilcoxon signed-rank on the per-seed
// pairs; "ours ≤ Optuna" compares the means (lower is better: everything is minimised).
// Each seed's curve is saved as JSON in <cache>/tuning/ (runs-*.json) beside tuning-bench.md.
// Flags (after `npm run bench -- tuning`): --recompute-optuna (ignore Optuna's cached runs),
// --skip-models, --skip-overhead, --skip-parallel; `parallel` alone runs only section 5.
// 5. Parallel (bench/tuning/parallel.ts): a real study's wall time at parallel 1 vs 2, and the
//    per-trial cost of trials on threads. Env: MLCYCLE_BENCH_DIR (cache folder), MLCYCLE_BENCH_SEEDS
// (default 40), MLCYCLE_BENCH_FUNCTIONS (comma list), MLCYCLE_BENCH_TRIALS (default 200),
// MLCYCLE_BENCH_MODEL_SEEDS (default 20), MLCYCLE_BENCH_MODEL_TRIALS (default 50).
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { RandomSampler } from '../../src/core/tuning/samplers/random';
import type { Sampler, TrialView } from '../../src/core/tuning/types';
import { FUNCTIONS, type TestFunction } from './functions';
import { MODEL_CASES, runModelCases } from './modelCases';
import { optunaSide, optunaVersion, startOptunaRuns, type RunKey } from './optunaRuns';
import { oursOverhead } from './overhead';
import { parallelSection } from './parallel';
import { SAMPLERS, makeSampler } from './samplers';
import { mean, standardError, wilcoxonSignedRank } from './stats';

const flags = new Set(process.argv.slice(2));
for (const f of flags)
  if (!['--recompute-optuna', '--skip-models', '--skip-overhead'].includes(f))
    throw new Error(`Unknown flag ${f}: use --recompute-optuna, --skip-models or --skip-overhead.`);
const cacheDir = join(process.env.MLCYCLE_BENCH_DIR ?? join(homedir(), '.cache', 'mlcycle', 'bench'), 'tuning');
const seedCount = Number(process.env.MLCYCLE_BENCH_SEEDS ?? 40);
const trials = Number(process.env.MLCYCLE_BENCH_TRIALS ?? 200);
const budgets = [50, 100, trials].filter((b, i, all) => b <= trials && all.indexOf(b) === i);
const wanted = process.env.MLCYCLE_BENCH_FUNCTIONS?.split(',');
const functions = FUNCTIONS.filter((f) => !wanted || wanted.includes(f.name));
const seeds = Array.from({ length: seedCount }, (_, i) => i);
const modelSeeds = Array.from({ length: Number(process.env.MLCYCLE_BENCH_MODEL_SEEDS ?? 20) }, (_, i) => i);
const modelTrials = Number(process.env.MLCYCLE_BENCH_MODEL_TRIALS ?? 50);
const log = (s: string) => process.stderr.write(s);

function checkFormulas(): void {
  const random = new RandomSampler();
  const points = functions.flatMap((f) =>
    Array.from({ length: 20 }, (_, number) => ({
      function: f.name,
      params: random.sample({ space: f.space, number, trials: [], directions: ['minimize'], seed: 1 }),
    })),
  );
  const theirs = optunaSide<{ values: number[] }>({ mode: 'check', points }).values;
  points.forEach((pt, i) => {
    const ours = functions.find((f) => f.name === pt.function)!.evaluate(pt.params);
    if (Math.abs(ours - theirs[i]) > 1e-9 * Math.max(1, Math.abs(ours)))
      throw new Error(`${pt.function} differs at ${JSON.stringify(pt.params)}: ours ${ours}, Optuna side ${theirs[i]}`);
  });
  log(`Formula check: ${points.length} points agree on both sides.\n`);
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

interface Run {
  subject: string;
  side: 'ours' | 'optuna';
  sampler: string;
  seed: number;
  best: number[];
}

const fmt = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(2) : Math.abs(v) >= 0.01 ? v.toFixed(4) : v.toExponential(2);
const cell = (v: number[]) => `${fmt(mean(v))} ± ${fmt(standardError(v))}`;
const pFmt = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

interface Summary {
  rows: string[];
  cells: number;
  notWorse: number;
  significantlyWorse: number;
  significantlyBetter: number;
  beatsRandom: number;
}

/** The quality table: one row per subject × budget, both sides' samplers. */
function qualityTable(
  runs: Run[],
  subjects: string[],
  at: number[],
  withOptunaRandom: boolean,
  withCompat: boolean,
): Summary {
  const values = (subject: string, side: string, sampler: string, k: number) =>
    runs
      .filter((r) => r.subject === subject && r.side === side && r.sampler === sampler)
      .sort((a, b) => a.seed - b.seed)
      .map((r) => r.best[k - 1]);
  const head = [
    'subject',
    'trials',
    'ours TPE',
    'Optuna TPE',
    'p (Wilcoxon)',
    'ours ≤ Optuna',
    ...(withCompat ? ['ours TPE, Optuna-compat'] : []),
    'ours random',
    ...(withOptunaRandom ? ['Optuna random'] : []),
    'TPE < random (p)',
  ];
  const rows = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
  const s: Summary = { rows, cells: 0, notWorse: 0, significantlyWorse: 0, significantlyBetter: 0, beatsRandom: 0 };
  for (const subject of subjects)
    for (const k of at) {
      const ot = values(subject, 'ours', 'tpe', k);
      const qt = values(subject, 'optuna', 'tpe', k);
      const oc = values(subject, 'ours', 'tpe-optuna-compat', k);
      const or = values(subject, 'ours', 'random', k);
      const qr = withOptunaRandom ? values(subject, 'optuna', 'random', k) : [];
      const vsOptuna = wilcoxonSignedRank(ot, qt);
      const vsRandom = wilcoxonSignedRank(ot, or);
      const ok = mean(ot) <= mean(qt);
      const better = mean(ot) < mean(or);
      s.cells++;
      if (ok) s.notWorse++;
      if (vsOptuna.pValue < 0.05) {
        if (ok) s.significantlyBetter++;
        else s.significantlyWorse++;
      }
      if (better) s.beatsRandom++;
      rows.push(
        `| ${[
          subject,
          String(k),
          cell(ot),
          cell(qt),
          pFmt(vsOptuna.pValue),
          ok ? 'yes' : 'NO',
          ...(withCompat ? [cell(oc)] : []),
          cell(or),
          ...(withOptunaRandom ? [cell(qr)] : []),
          `${better ? 'yes' : 'NO'} (${pFmt(vsRandom.pValue)})`,
        ].join(' | ')} |`,
      );
    }
  return s;
}

function summaryLine(s: Summary, what: string): string {
  return (
    `${what}: ours TPE's mean best ≤ Optuna TPE's in ${s.notWorse} of ${s.cells} cells ` +
    `(Wilcoxon p < 0.05: ours better in ${s.significantlyBetter}, worse in ${s.significantlyWorse}); ` +
    `ours TPE < ours random in ${s.beatsRandom} of ${s.cells}.`
  );
}

async function parallelOnly(): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const table = await parallelSection();
  console.log(`\nParallel trials\n\n${table}`);
  writeFileSync(join(cacheDir, 'tuning-parallel.md'), `${table}\n`);
}

async function main(): Promise<void> {
  if (flags.has('parallel')) return parallelOnly();
  mkdirSync(cacheDir, { recursive: true });
  const started = performance.now();
  log(
    `Load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  checkFormulas();
  const version = optunaVersion();
  const keys: RunKey[] = functions.flatMap((f) =>
    ['tpe', 'random'].flatMap((sampler) => seeds.map((seed) => ({ function: f.name, sampler, seed, trials }))),
  );
  const optuna = startOptunaRuns(cacheDir, version, keys, flags.has('--recompute-optuna'));
  log(
    `Quality: ${functions.length} functions × ${seeds.length} seeds × ${trials} trials per sampler; ` +
      `Optuna ${version}: ${keys.length - optuna.missing} runs cached, ${optuna.missing} to compute (in parallel).\n`,
  );
  const runs: Run[] = [];
  const t0 = performance.now();
  for (const f of functions)
    for (const name of Object.keys(SAMPLERS))
      for (const seed of seeds)
        runs.push({
          subject: f.name,
          side: 'ours',
          sampler: name,
          seed,
          best: runOurs(makeSampler(name), f, seed, trials),
        });
  log(`  ours: ${((performance.now() - t0) / 1000).toFixed(0)} s; waiting for Optuna's runs...\n`);
  for (const r of await optuna.wait())
    runs.push({ subject: r.function, side: 'optuna', sampler: r.sampler, seed: r.seed, best: r.best });
  writeFileSync(join(cacheDir, 'runs-functions.json'), JSON.stringify(runs));
  const fq = qualityTable(
    runs,
    functions.map((f) => f.name),
    budgets,
    true,
    true,
  );
  const out: string[] = [];
  const print = (s: string) => {
    console.log(s);
    out.push(s);
  };
  print(`\n### Test functions: best value found (mean ± s.e. over ${seeds.length} seeds; lower is better)\n`);
  print(fq.rows.join('\n'));
  print(`\n${summaryLine(fq, 'Test functions')}`);

  if (!flags.has('--skip-models')) {
    log(`Real data: ${MODEL_CASES.length} cases × ${modelSeeds.length} seeds × ${modelTrials} trials per sampler\n`);
    const modelRuns = await runModelCases({
      cacheDir,
      version,
      seeds: modelSeeds,
      trials: modelTrials,
      ours: { tpe: SAMPLERS.tpe, random: SAMPLERS.random },
      recompute: flags.has('--recompute-optuna'),
      log,
    });
    writeFileSync(join(cacheDir, 'runs-models.json'), JSON.stringify(modelRuns));
    const mq = qualityTable(
      modelRuns.map((r) => ({ ...r, subject: r.case })),
      MODEL_CASES.map((c) => c.name),
      [Math.min(25, modelTrials), modelTrials].filter((b, i, all) => all.indexOf(b) === i),
      false,
      false,
    );
    print(
      `\n### Our models on real data: best CV score found (mean ± s.e. over ${modelSeeds.length} seeds; lower is better)\n`,
    );
    print(mq.rows.join('\n'));
    print(`\n${summaryLine(mq, 'Real data')}`);
  }

  if (!flags.has('--skip-overhead')) {
    log('Overhead: Optuna 1,000 trials, ours 1,000 and 10,000...\n');
    const theirs = optunaSide<{ msPerTrial: number; cpuMsPerTrial: number }>({
      mode: 'overhead',
      trials: 1000,
      window: [751, 1000],
    });
    const ours1k = await oursOverhead(makeSampler('tpe'), 1000, [751, 1000]);
    const ours10k = await oursOverhead(makeSampler('tpe'), 10_000, [9751, 10_000]);
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    print('\n### Sampler overhead: ask + tell per trial, 4-D mixed space (2 float, 1 int, 1 categorical)\n');
    print(
      [
        '| trials | ours TPE (wall / CPU) | Optuna TPE (wall / CPU) | target | result |',
        '|---|---:|---:|---|---|',
        `| 751–1,000 | ${ms(ours1k.wallMs)} / ${ms(ours1k.cpuMs)} | ${ms(theirs.msPerTrial)} / ${ms(theirs.cpuMsPerTrial)} | ≤ 5 ms | ${ours1k.wallMs <= 5 ? 'pass' : 'FAIL'} |`,
        `| 9,751–10,000 | ${ms(ours10k.wallMs)} / ${ms(ours10k.cpuMs)} | not run (its 1,000 figure above) | ≤ 20 ms | ${ours10k.wallMs <= 20 ? 'pass' : 'FAIL'} |`,
      ].join('\n'),
    );
    print(
      `\n(load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})`,
    );
  }
  writeFileSync(join(cacheDir, 'tuning-bench.md'), `${out.join('\n')}\n`);
  if (!flags.has('--skip-parallel')) await parallelOnly();
  log(
    `\nSaved in ${cacheDir}: runs-functions.json${flags.has('--skip-models') ? '' : ', runs-models.json'} ` +
      `(every seed's curve), tuning-bench.md; ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s in all.\n`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
