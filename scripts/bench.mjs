// `npm run bench`: the profile's performance against its targets, measured in one run on this
// machine. It generates (once, into a cache folder, never the repository) a 1,000,000-row ×
// 12-column CSV with numeric, categorical, date and text columns and missing values, and uses
// the 3,000,000-row flights-3m.parquet of vega-datasets. Each measurement runs in a child
// process (so peak RSS is its own); the CSV's bare queries and full profile alternate for
// MLCYCLE_BENCH_ROUNDS rounds (default 3) and the medians are compared.
// Targets: full profile ≤ bare DuckDB aggregate queries + 25%; Parquet profile < 6 s; RSS < 1 GB.
// Then the model benchmark (bench/models.mjs: our models vs scikit-learn; ROC-AUC averaged over
// seeds, median fit times, the table also written as Markdown and JSON in the cache folder).
// Then wide files (`wide`): 1,000 and 5,000 columns × 200 rows, our profile beside pandas
// (read_csv + describe + corr on the same capped columns); target for 5,000: < 30 s, < 1 GB.
// Then tuning (`tuning`, bench/tuning/run.ts): our samplers beside Optuna 3.1 on standard test
// functions (best value at 50/100/200 trials over 20 seeds) and the sampler overhead per trial,
// then parallel trials (parallel 1 vs 2 on a real study; `-- tuning parallel` runs only that).
// Then explanations (`explain`, bench/explain/run.ts): TreeSHAP rows/s on a forest and boosting
// beside xgboost's pred_contribs on the same trees.
// Then the explanation plots in the webview (`explain-view`, bench/explainView/run.ts): the
// evaluation report's beeswarm of 10,000 × 20 (and 10,000 × 1, 50,000 × 20) in headless Chromium
// under the panel's CSP, beside Plotly's SVG and WebGL scatter on the same points; target < 1 s.
// `npm run bench -- data`, `-- wide`, `-- models`, `-- tuning`, `-- explain` or `-- explain-view` runs one part only; MLCYCLE_BENCH_MODELS /
// MLCYCLE_BENCH_DATASETS / MLCYCLE_BENCH_SEEDS narrow the model part.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_COLUMNS, generateBenchCsv } from '../bench/generateCsv.mjs';
import { writeWideCsv } from '../bench/generateWideCsv.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = process.env.MLCYCLE_BENCH_DIR ?? join(homedir(), '.cache', 'mlcycle', 'bench');
const rounds = Math.max(1, Number(process.env.MLCYCLE_BENCH_ROUNDS ?? 3));
const CSV_ROWS = 1_000_000;
const csv = join(cacheDir, `bench-${CSV_ROWS}x${BENCH_COLUMNS.length}.csv`);
const parquet = join(root, 'node_modules/vega-datasets/data/flights-3m.parquet');
/** The columns the profile correlates (numeric type), so the bare queries compute the same correlations. */
const CSV_CORRELATED = ['age', 'income', 'score', 'balance', 'visits'];
const PARQUET_CORRELATED = ['delay', 'distance'];

function child(args) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/child.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (mb) => `${Math.round(mb)} MB`;

async function profileBench() {
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(csv)) {
    process.stderr.write(`Generating ${csv} (${CSV_ROWS.toLocaleString('en-US')} rows)...\n`);
    await generateBenchCsv(csv, CSV_ROWS);
  }
  if (!existsSync(parquet)) throw new Error(`${parquet} is missing: run npm ci (vega-datasets).`);
  process.stderr.write(
    `CSV ${(statSync(csv).size / 1e6).toFixed(1)} MB; ${rounds} round(s); load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );

  const bare = [];
  const full = [];
  for (let round = 1; round <= rounds; round++) {
    process.stderr.write(`round ${round}/${rounds}: bare queries...`);
    bare.push(child(['bare', csv, CSV_CORRELATED.join(',')]));
    process.stderr.write(' full profile...');
    full.push(child(['profile', csv, 'churned']));
    process.stderr.write(` ${seconds(bare.at(-1).ms)} vs ${seconds(full.at(-1).ms)}\n`);
  }
  process.stderr.write('3M-row Parquet: bare queries and full profile...\n');
  const parquetBare = child(['bare', parquet, PARQUET_CORRELATED.join(',')]);
  const parquetFull = [child(['profile', parquet]), child(['profile', parquet])];

  const bareMs = median(bare.map((r) => r.ms));
  const fullMs = median(full.map((r) => r.ms));
  const limitMs = bareMs * 1.25;
  const parquetMs = median(parquetFull.map((r) => r.ms));
  const rssCsv = Math.max(...full.map((r) => r.maxRssMb));
  const rssParquet = Math.max(...parquetFull.map((r) => r.maxRssMb));
  const rows = [
    [
      '1M-row CSV: bare DuckDB queries (load, count, distinct, quantiles, histograms, Pearson + Spearman)',
      seconds(bareMs),
      '',
      '',
    ],
    [
      '1M-row CSV: full profile (every section and alert, target "churned")',
      `${seconds(fullMs)} (${fullMs >= bareMs ? '+' : ''}${Math.round((100 * (fullMs - bareMs)) / bareMs)}%)`,
      `≤ ${seconds(limitMs)} (bare + 25%)`,
      fullMs <= limitMs ? 'PASS' : 'MISS',
    ],
    ['3M-row Parquet: bare DuckDB queries', seconds(parquetBare.ms), '', ''],
    ['3M-row Parquet: full profile', seconds(parquetMs), '< 6.00 s', parquetMs < 6000 ? 'PASS' : 'MISS'],
    ['peak RSS, 1M-row CSV profile', megabytes(rssCsv), '< 1024 MB', rssCsv < 1024 ? 'PASS' : 'MISS'],
    ['peak RSS, 3M-row Parquet profile', megabytes(rssParquet), '< 1024 MB', rssParquet < 1024 ? 'PASS' : 'MISS'],
  ];
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...rows.map((r) => r[i].length), ['measurement', 'value', 'target', 'result'][i].length),
  );
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(['measurement', 'value', 'target', 'result']));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(
    `\nrounds (bare / full, s): ${bare.map((b, i) => `${(b.ms / 1000).toFixed(2)}/${(full[i].ms / 1000).toFixed(2)}`).join('  ')}; parquet profile runs: ${parquetFull.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s`,
  );
}

/** Wide files: 1,000 and 5,000 columns × 200 rows; our profile and pandas, each in its own process. */
const WIDE_SHAPES = [1000, 5000];
const WIDE_ROWS = 200;
const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';

function pandasWide(file, columns) {
  const columnsFile = `${file}.columns.json`;
  writeFileSync(columnsFile, JSON.stringify(columns));
  const result = spawnSync(PYTHON, [join(root, 'bench/pandas_wide.py'), file, columnsFile], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pandas reference failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

function wideBench() {
  mkdirSync(cacheDir, { recursive: true });
  const rows = [];
  for (const columns of WIDE_SHAPES) {
    const file = join(cacheDir, `wide-${columns}x${WIDE_ROWS}.csv`);
    if (!existsSync(file)) writeWideCsv(file, columns, WIDE_ROWS, 7);
    process.stderr.write(`wide ${columns}×${WIDE_ROWS}: profile...`);
    const ours = child(['profile', file]);
    process.stderr.write(` ${seconds(ours.ms)}; pandas...`);
    const pandas = pandasWide(file, ours.pearsonColumns);
    process.stderr.write(` ${seconds(pandas.ms)}\n`);
    const target = columns === 5000;
    const pass = ours.ms < 30_000 && ours.maxRssMb < 1024;
    rows.push([
      `${columns.toLocaleString('en-US')} × ${WIDE_ROWS}`,
      `${seconds(ours.ms)} / ${megabytes(ours.maxRssMb)}`,
      `${seconds(pandas.ms)} / ${megabytes(pandas.maxRssMb)}`,
      target ? '< 30.00 s / < 1024 MB' : '',
      target ? (pass ? 'PASS' : 'MISS') : '',
    ]);
    for (const limit of ours.pairwiseLimits)
      process.stderr.write(`  capped ${limit.matrices.join('+')}: ${limit.kept} of ${limit.eligible}\n`);
  }
  const head = ['wide CSV (columns × rows)', 'profile: time / peak RSS', 'pandas: time / peak RSS', 'target', 'result'];
  const widths = head.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(
    '\nprofile = every statistic, alert and capped matrix; pandas = read_csv + describe(include="all") + Pearson and Spearman .corr() on the same 100 columns.',
  );
}

/** The model benchmark in its own process (tsx loads the TypeScript models); it prints its own table. */
function modelBench() {
  console.log('\nModels vs scikit-learn:');
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/models.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the model benchmark failed');
}

function explainBench() {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/explain/run.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the explain benchmark failed (or missed a target)');
}

function explainViewBench() {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/explainView/run.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the explain-view benchmark failed (or missed its target)');
}

function tuningBench(args = []) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/tuning/run.ts'), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the tuning benchmark failed');
}

async function main() {
  const only = process.argv[2];
  const parts = ['data', 'wide', 'models', 'tuning', 'explain', 'explain-view'];
  if (only && !parts.includes(only))
    throw new Error(`Unknown part "${only}": use one of ${parts.join(', ')} (or nothing for all).`);
  if (!only || only === 'data') await profileBench();
  if (!only || only === 'wide') wideBench();
  if (!only || only === 'models') modelBench();
  if (!only || only === 'tuning') tuningBench(only === 'tuning' ? process.argv.slice(3) : []);
  if (!only || only === 'explain') explainBench();
  if (!only || only === 'explain-view') explainViewBench();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
