// The model benchmark (`npm run bench`, or `npm run bench -- models` for this part only): our
// gradient boosting, random forest and logistic regression side by side with Debian's
// scikit-learn on the same rows, in one run. Data: the synthetic 100,000 × 20 binary task
// generated once by scikit-learn's make_classification (cached CSV), and real vega-datasets
// tasks after a simple numeric encoding written to the same kind of CSV: flights-20k (delayed
// > 15 min), cars (made in the USA) and seattle-weather (rain tomorrow). Both sides read the same
// CSV and the same 75/25 split (seeded test rows in a JSON file, one split per dataset).
// Method, the same on both sides (bench/sklearn_models.py):
// - ROC-AUC on the 25% test rows, as the mean ± standard deviation over the model's own seeds
//   (random_state / seed 0..n-1: bootstrap samples, feature draws, the early-stopping split) on
//   the same split: on small test sets one seed's AUC is mostly noise (a forest's AUC varies by
//   ~0.005 between seeds on the 98 cars test rows or 365 Seattle days, so the mean difference of
//   two 20-seed means is known to ~0.0016, well inside the 0.005 target). n = 20 on cars and
//   Seattle, 10 on flights, 3 on the synthetic task, where a side stops after one seed when a
//   fit takes > 15 s (scikit-learn's one-core forest).
// - Fit time: the median of every seed's fit, plus more fits of seed 0 while the fits are quick
//   (up to 20 fits within 1 s), so sub-second times are medians of many.
// - scikit-learn with its defaults: RandomForestClassifier uses one core (n_jobs=None), which is
//   the issue's target ("at most sklearn's fit time"); its time on both cores (n_jobs=-1, same
//   trees) is shown for information. HistGradientBoosting uses both cores (OpenMP) by default;
//   LogisticRegression (lbfgs) one. Ours use up to 2 threads (the FitContext default).
// - Ours run as shipped: the models and their thread scripts are bundled by esbuild with the
//   product's settings (scripts/build.mjs: CommonJS, node20) into the cache folder. Loaded
//   from TypeScript sources through tsx instead (MLCYCLE_BENCH_FROM_SOURCES=1), the same fits
//   take ~1.5× longer (calls across modules go through tsx's export getters).
// The table is printed and written as Markdown (model-bench.md, ready for the README) and JSON
// (model-bench.json) in the cache folder. Run with `node --import tsx bench/models.mjs`.
// Env: MLCYCLE_BENCH_DIR (cache folder), MLCYCLE_BENCH_MODELS / MLCYCLE_BENCH_DATASETS (comma
// lists of names), MLCYCLE_BENCH_SEEDS (seeds per dataset, overriding the defaults),
// MLCYCLE_BENCH_FROM_SOURCES=1 (see above).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { seededRandom } from '../scripts/seededRandom.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = process.env.MLCYCLE_BENCH_DIR ?? join(homedir(), '.cache', 'mlcycle', 'bench');
const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';
const SKLEARN_SCRIPT = join(root, 'bench/sklearn_models.py');
/** Timing repeats while fits are quick (the same rule as in sklearn_models.py). */
const MAX_FITS = 20;
const REPEAT_BUDGET = 1;
/** A side fits only one seed when that fit takes longer than this. */
const SLOW_SECONDS = 15;
const SEEDS_OVERRIDE = process.env.MLCYCLE_BENCH_SEEDS ? Math.max(1, Number(process.env.MLCYCLE_BENCH_SEEDS)) : null;

/** The issue's targets, per model: ours vs scikit-learn. */
const MODELS = [
  {
    kind: 'hist_gradient_boosting',
    module: 'boosting',
    exportName: 'histGradientBoosting',
    params: {},
    maxAucDrop: 0.005,
    maxTimeRatio: 2,
  },
  {
    kind: 'random_forest',
    module: 'forest',
    exportName: 'randomForest',
    params: { n_estimators: 100 },
    maxAucDrop: 0.005,
    maxTimeRatio: 1,
  },
  {
    kind: 'logistic_regression',
    module: 'logistic',
    exportName: 'logisticRegression',
    params: { penalty: 'l2', C: 1 },
    maxAucDrop: 0.002,
    maxTimeRatio: 3,
    standardise: true,
  },
];

const DATASETS = [
  { name: 'synthetic-100000x20', prepare: prepareSynthetic, seeds: 3 },
  { name: 'flights-20k', prepare: prepareFlights, seeds: 10 },
  { name: 'cars-origin', prepare: prepareCars, seeds: 20 },
  { name: 'seattle-rain-tomorrow', prepare: prepareSeattle, seeds: 20 },
];

const pick = (all, env) =>
  env ? all.filter((x) => env.split(',').some((name) => x.name === name || x.kind === name)) : all;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function writeCsv(path, header, rows) {
  writeFileSync(path, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
}

function prepareSynthetic(csv) {
  const run = spawnSync(PYTHON, [SKLEARN_SCRIPT, 'generate', csv], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`generating the synthetic task failed: ${run.stderr}`);
}

/** Flights: delayed more than 15 minutes, from distance, time of day, weekday, day, month and the airports' traffic. */
function prepareFlights(csv) {
  const records = JSON.parse(readFileSync(join(root, 'node_modules/vega-datasets/data/flights-20k.json'), 'utf8'));
  const count = (key) => {
    const m = new Map();
    for (const r of records) m.set(r[key], (m.get(r[key]) ?? 0) + 1);
    return m;
  };
  const origins = count('origin');
  const destinations = count('destination');
  const rows = records.map((r) => {
    const [date, time] = r.date.split(' ');
    const [year, month, day] = date.split('/').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    return [
      r.distance,
      hour + minute / 60,
      weekday,
      day,
      month,
      origins.get(r.origin),
      destinations.get(r.destination),
      r.delay > 15 ? 1 : 0,
    ];
  });
  writeCsv(
    csv,
    ['distance', 'hour', 'weekday', 'day', 'month', 'origin_flights', 'destination_flights', 'delayed'],
    rows,
  );
}

/** Cars: made in the USA or not, from the numeric columns (rows with a gap dropped). */
function prepareCars(csv) {
  const records = JSON.parse(readFileSync(join(root, 'node_modules/vega-datasets/data/cars.json'), 'utf8'));
  const columns = ['Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration'];
  const rows = records
    .filter((r) => columns.every((c) => typeof r[c] === 'number'))
    .map((r) => [...columns.map((c) => r[c]), Number(String(r.Year).slice(0, 4)), r.Origin === 'USA' ? 1 : 0]);
  writeCsv(csv, [...columns, 'Year', 'usa'], rows);
}

/**
 * Seattle weather 2012-2015: does it rain (precipitation > 0) tomorrow? From today's
 * precipitation, temperatures and wind, yesterday's precipitation and the day of the year
 * (the first and last days, lacking a yesterday or a tomorrow, are dropped).
 */
function prepareSeattle(csv) {
  const lines = readFileSync(join(root, 'node_modules/vega-datasets/data/seattle-weather.csv'), 'utf8')
    .trim()
    .split('\n');
  const header = lines[0].split(',');
  const at = (name) => header.indexOf(name);
  const days = lines
    .slice(1)
    .map((line) => line.split(','))
    .sort((a, b) => a[at('date')].localeCompare(b[at('date')]));
  const rows = [];
  for (let d = 1; d + 1 < days.length; d++) {
    const today = days[d];
    const [year, month, day] = today[at('date')].split('-').map(Number);
    const dayOfYear = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
    const value = (row, name) => Number(row[at(name)]);
    rows.push([
      value(today, 'precipitation'),
      value(today, 'temp_max'),
      value(today, 'temp_min'),
      value(today, 'wind'),
      value(days[d - 1], 'precipitation'),
      dayOfYear,
      value(days[d + 1], 'precipitation') > 0 ? 1 : 0,
    ]);
  }
  writeCsv(
    csv,
    ['precipitation', 'temp_max', 'temp_min', 'wind', 'precipitation_yesterday', 'day_of_year', 'rain_tomorrow'],
    rows,
  );
}

/** The numeric CSV as a column-major matrix and a 0/1 target (last column). */
function readCsv(path) {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const cols = header.length - 1;
  const rows = lines.length - 1;
  const data = new Float64Array(rows * cols);
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const cells = lines[i + 1].split(',');
    for (let j = 0; j < cols; j++) data[j * rows + i] = Number(cells[j]);
    y[i] = Number(cells[cols]);
  }
  return { X: { rows, cols, data, names: header.slice(0, cols) }, y };
}

/** 25% test rows: a seeded permutation's head, written once and read by both sides. */
function splitFor(path, rows) {
  if (!existsSync(path)) {
    const random = seededRandom(20240601);
    const order = Int32Array.from({ length: rows }, (_, i) => i);
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const test = Array.from(order.subarray(0, Math.round(rows * 0.25))).sort((a, b) => a - b);
    writeFileSync(path, JSON.stringify({ seed: 20240601, test }));
  }
  return JSON.parse(readFileSync(path, 'utf8')).test;
}

function takeRows(X, y, index) {
  const n = index.length;
  const data = new Float64Array(n * X.cols);
  for (let j = 0; j < X.cols; j++) for (let k = 0; k < n; k++) data[j * n + k] = X.data[j * X.rows + index[k]];
  return { X: { rows: n, cols: X.cols, data, names: X.names }, y: Int32Array.from(index, (i) => y[i]) };
}

/** Standardises both parts with the training rows' mean and population standard deviation (as the scikit-learn side does). */
function standardise(train, test) {
  const scale = (X, mean, std, j) => {
    for (let i = 0; i < X.rows; i++) X.data[j * X.rows + i] = (X.data[j * X.rows + i] - mean) / std;
  };
  const copy = (X) => ({ ...X, data: X.data.slice() });
  const a = copy(train);
  const b = copy(test);
  for (let j = 0; j < a.cols; j++) {
    let mean = 0;
    for (let i = 0; i < a.rows; i++) mean += a.data[j * a.rows + i] / a.rows;
    let variance = 0;
    for (let i = 0; i < a.rows; i++) variance += (a.data[j * a.rows + i] - mean) ** 2 / a.rows;
    const std = Math.sqrt(variance) || 1;
    scale(a, mean, std, j);
    scale(b, mean, std, j);
  }
  return [a, b];
}

/** ROC-AUC with tied scores averaged (scikit-learn's roc_auc_score). */
function rocAuc(score, y) {
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let positives = 0;
  let rankSum = 0;
  for (let k = 0; k < order.length;) {
    let e = k;
    while (e < order.length && score[order[e]] === score[order[k]]) e++;
    for (let q = k; q < e; q++)
      if (y[order[q]] === 1) {
        rankSum += (k + 1 + e) / 2;
        positives++;
      }
    k = e;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * (y.length - positives));
}

const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;
/** Sample standard deviation (0 for one value). */
const std = (values) =>
  values.length < 2 ? 0 : Math.sqrt(values.reduce((sum, v) => sum + (v - mean(values)) ** 2, 0) / (values.length - 1));

/**
 * The model definitions, as shipped: one bundle exporting them, next to the bundled thread scripts
 * (found beside the running bundle, as dist/worker.js finds dist/treeThread.js).
 */
async function loadDefinitions(models) {
  if (process.env.MLCYCLE_BENCH_FROM_SOURCES) {
    const entries = await Promise.all(
      models.map(async (m) => [m.kind, (await import(`../src/core/model/models/${m.module}.ts`))[m.exportName]]),
    );
    return new Map(entries);
  }
  const outdir = join(cacheDir, 'model-bench-build');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    absWorkingDir: root,
  };
  await build({
    ...common,
    stdin: {
      contents: models.map((m) => `export { ${m.exportName} } from './src/core/model/models/${m.module}';`).join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: join(outdir, 'models.js'),
  });
  await build({
    ...common,
    entryPoints: {
      treeThread: 'src/core/model/models/trees/treeThread.ts',
      boostingThread: 'src/core/model/models/boosting/histogramThread.ts',
    },
    outdir,
  });
  const bundle = createRequire(import.meta.url)(join(outdir, 'models.js'));
  return new Map(models.map((m) => [m.kind, bundle[m.exportName]]));
}

/** Our model fitted once per seed (then more timed fits of seed 0 while quick): per-seed AUCs and every fit's seconds. */
async function ours(definition, model, train, test, seeds) {
  const target = { task: 'classification', classes: ['0', '1'], y: train.y };
  const params = definition.params(model.params, 'classification');
  const [Xa, Xb] = model.standardise ? standardise(train.X, test.X) : [train.X, test.X];
  const fit = async (seed) => {
    const started = performance.now();
    const fitted = await definition.fit(Xa, target, params, { seed });
    return { fitted, seconds: (performance.now() - started) / 1000 };
  };
  const seconds = [];
  const auc = [];
  let info;
  for (let seed = 0; seed < seeds; seed++) {
    const run = await fit(seed);
    seconds.push(run.seconds);
    const proba = run.fitted.predictProba(Xb);
    auc.push(
      rocAuc(
        Float64Array.from({ length: Xb.rows }, (_, i) => proba[2 * i + 1]),
        test.y,
      ),
    );
    info ??= run.fitted.info;
    if (run.seconds > SLOW_SECONDS) break;
  }
  while (seconds.length < MAX_FITS && seconds.reduce((a, b) => a + b, 0) < REPEAT_BUDGET)
    seconds.push((await fit(0)).seconds);
  return { auc, seconds, info };
}

function sklearn(csv, splitPath, kinds, seeds) {
  const run = spawnSync(PYTHON, [SKLEARN_SCRIPT, 'run', csv, splitPath, kinds.join(','), String(seeds)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`scikit-learn side failed: ${run.stderr}`);
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  return { version: lines[0].sklearn, byModel: new Map(lines.slice(1).map((l) => [l.model, l])) };
}

/** Per-seed AUCs and fit times → the summary the table shows. */
const summary = ({ auc, seconds }) => ({
  auc: auc.length ? mean(auc) : NaN,
  aucStd: std(auc),
  seeds: auc.length,
  aucs: auc,
  seconds: median(seconds),
  fits: seconds.length,
  runs: seconds,
});

const fmtS = (s) => (s < 0.1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
const fmtAuc = (r) => `${r.auc.toFixed(4)} ± ${r.aucStd.toFixed(4)}${r.seeds === 1 ? ' (1 seed)' : ''}`;
const signed = (x, digits) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

/** The results as a Markdown table (also what the console shows). */
function markdownTable(results) {
  const header = [
    'dataset',
    'model',
    'ROC-AUC ours',
    'ROC-AUC sklearn',
    'Δ AUC',
    'fit ours',
    'fit sklearn',
    'time ratio',
    'target',
    'result',
    'sklearn on 2 cores (info)',
  ];
  const rows = results.map((r) => {
    const allCores = r.sklearnAllCores
      ? `${fmtS(r.sklearnAllCores.seconds)}${r.ours ? ` (ours ${(r.ours.seconds / r.sklearnAllCores.seconds).toFixed(2)}×)` : ''}`
      : '';
    if (r.skipped)
      return [
        r.dataset,
        r.model,
        '-',
        fmtAuc(r.sklearn),
        '-',
        '-',
        fmtS(r.sklearn.seconds),
        '-',
        r.target,
        `SKIP (${r.skipped})`,
        allCores,
      ];
    return [
      r.dataset,
      r.model,
      fmtAuc(r.ours),
      fmtAuc(r.sklearn),
      signed(r.ours.auc - r.sklearn.auc, 4),
      fmtS(r.ours.seconds),
      fmtS(r.sklearn.seconds),
      `${r.ratio.toFixed(2)}×`,
      r.target,
      r.pass ? 'PASS' : `MISS (${r.misses.join(', ')})`,
      allCores,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function notes({ sklearnVersion, datasets, start, end }) {
  // The load at the start only: by the end the benchmark's own two threads count in it.
  const busy = Number(start.split(' ')[0]) > 1;
  return [
    ...(busy
      ? [
          '**Warning: the machine was busy at the start (1-minute load average above 1 on 2 cores): fit times, and how much threads help, are unreliable.**',
        ]
      : []),
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), Node ${process.version}, scikit-learn ${sklearnVersion}; load average ${start} at the start, ${end} at the end.`,
    `ROC-AUC: mean ± standard deviation over the models' seeds 0..n-1 on one fixed 75/25 split (n = ${datasets.map((d) => `${d.seeds} for ${d.name}`).join(', ')}; a side fitting slower than ${SLOW_SECONDS} s uses one seed).`,
    `Fit time: median over every seed's fit plus repeats while fits are quick (up to ${MAX_FITS} fits within ${REPEAT_BUDGET} s). scikit-learn runs with its defaults: RandomForestClassifier on one core (n_jobs=None, the target), HistGradientBoosting on both cores (OpenMP); the last column is RandomForestClassifier with n_jobs=-1, for information. Ours use up to 2 threads${process.env.MLCYCLE_BENCH_FROM_SOURCES ? ', loaded from TypeScript sources through tsx' : ', bundled as shipped'}.`,
  ];
}

async function main() {
  mkdirSync(cacheDir, { recursive: true });
  const models = pick(MODELS, process.env.MLCYCLE_BENCH_MODELS);
  const datasets = pick(DATASETS, process.env.MLCYCLE_BENCH_DATASETS).map((d) => ({
    ...d,
    seeds: SEEDS_OVERRIDE ?? d.seeds,
  }));
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  const startLoad = load();
  process.stderr.write(`Model benchmark: ${cpus().length} CPUs, load average ${startLoad}\n`);
  const definitions = await loadDefinitions(models);
  const results = [];
  let sklearnVersion = '';
  for (const dataset of datasets) {
    const csv = join(cacheDir, `model-bench-${dataset.name}.csv`);
    if (!existsSync(csv)) {
      process.stderr.write(`Preparing ${csv}...\n`);
      dataset.prepare(csv);
    }
    const { X, y } = readCsv(csv);
    const splitPath = join(cacheDir, `model-bench-${dataset.name}.split.json`);
    const testRows = splitFor(splitPath, X.rows);
    const isTest = new Uint8Array(X.rows);
    for (const i of testRows) isTest[i] = 1;
    const trainRows = [];
    for (let i = 0; i < X.rows; i++) if (!isTest[i]) trainRows.push(i);
    const train = takeRows(X, y, trainRows);
    const test = takeRows(X, y, testRows);
    process.stderr.write(
      `${dataset.name}: ${train.X.rows} train / ${test.X.rows} test rows × ${X.cols} features, ${dataset.seeds} seeds; scikit-learn...`,
    );
    const kinds = models.map((m) => m.kind);
    if (kinds.includes('random_forest')) kinds.push('random_forest_all_cores');
    const sk = sklearn(csv, splitPath, kinds, dataset.seeds);
    sklearnVersion = sk.version;
    for (const model of models) {
      const target = `AUC ≥ sk − ${model.maxAucDrop}, time ≤ ${model.maxTimeRatio}×`;
      const entry = { dataset: dataset.name, model: model.kind, target, sklearn: summary(sk.byModel.get(model.kind)) };
      const allCores = sk.byModel.get(`${model.kind}_all_cores`);
      if (allCores) entry.sklearnAllCores = { seconds: median(allCores.seconds), runs: allCores.seconds };
      process.stderr.write(` ours ${model.kind}...`);
      try {
        const o = await ours(definitions.get(model.kind), model, train, test, dataset.seeds);
        entry.ours = { ...summary(o), info: o.info };
        entry.ratio = entry.ours.seconds / entry.sklearn.seconds;
        entry.misses = [];
        if (entry.ours.auc < entry.sklearn.auc - model.maxAucDrop) entry.misses.push('AUC');
        if (entry.ratio > model.maxTimeRatio) entry.misses.push('time');
        entry.pass = entry.misses.length === 0;
      } catch (error) {
        if (!/not implemented yet/.test(String(error?.message))) throw error;
        entry.skipped = 'not implemented yet';
      }
      results.push(entry);
    }
    process.stderr.write(' done\n');
  }
  const table = markdownTable(results);
  const endLoad = load();
  const text = notes({ sklearnVersion, datasets, start: startLoad, end: endLoad });
  console.log(table);
  console.log(`\n${text.join('\n')}`);
  const json = join(cacheDir, 'model-bench.json');
  const md = join(cacheDir, 'model-bench.md');
  writeFileSync(
    json,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        sklearn: sklearnVersion,
        cpus: cpus().length,
        loadAverage: { start: startLoad, end: endLoad },
        results,
      },
      null,
      2,
    ),
  );
  writeFileSync(md, `## Models vs scikit-learn\n\n${table}\n\n${text.join('\n\n')}\n`);
  console.log(`\nWritten to ${json} and ${md}.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
