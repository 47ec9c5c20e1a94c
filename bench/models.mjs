// The model benchmark (`npm run bench`, or `npm run bench -- models` for this part only): our
// gradient boosting, random forest and logistic regression side by side with Debian's
// scikit-learn on the same rows, in one run. Data: the synthetic 100,000 × 20 binary task
// generated once by scikit-learn's make_classification (cached CSV), and real vega-datasets
// tasks (flights-20k: delayed > 15 min; cars: made in the USA) after a simple numeric encoding
// written to the same kind of CSV. Both sides read the same CSV and the same 75/25 split (seeded
// test rows in a JSON file). Fit time is the median of 3 fits (1 when a fit takes > 10 s);
// ROC-AUC is on the 25% test rows. Run with `node --import tsx bench/models.mjs`.
// Env: MLCYCLE_BENCH_DIR (cache folder), MLCYCLE_BENCH_MODELS / MLCYCLE_BENCH_DATASETS (comma lists).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../scripts/seededRandom.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = process.env.MLCYCLE_BENCH_DIR ?? join(homedir(), '.cache', 'mlcycle', 'bench');
const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';
const SKLEARN_SCRIPT = join(root, 'bench/sklearn_models.py');
const ROUNDS = 3;
const SLOW_SECONDS = 10;

/** The targets, per model: ours vs scikit-learn. */
const MODELS = [
  { kind: 'hist_gradient_boosting', module: 'boosting', exportName: 'histGradientBoosting', params: {}, maxAucDrop: 0.005, maxTimeRatio: 2 },
  { kind: 'random_forest', module: 'forest', exportName: 'randomForest', params: { n_estimators: 100 }, maxAucDrop: 0.005, maxTimeRatio: 1 },
  { kind: 'logistic_regression', module: 'logistic', exportName: 'logisticRegression', params: { penalty: 'l2', C: 1 }, maxAucDrop: 0.002, maxTimeRatio: 3, standardise: true },
];

const DATASETS = [
  { name: 'synthetic-100000x20', prepare: prepareSynthetic },
  { name: 'flights-20k', prepare: prepareFlights },
  { name: 'cars-origin', prepare: prepareCars },
];

const pick = (all, env) => (env ? all.filter((x) => env.split(',').some((name) => x.name === name || x.kind === name)) : all);
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
    return [r.distance, hour + minute / 60, weekday, day, month, origins.get(r.origin), destinations.get(r.destination), r.delay > 15 ? 1 : 0];
  });
  writeCsv(csv, ['distance', 'hour', 'weekday', 'day', 'month', 'origin_flights', 'destination_flights', 'delayed'], rows);
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
  const scale = (X, mean, std, j) => { for (let i = 0; i < X.rows; i++) X.data[j * X.rows + i] = (X.data[j * X.rows + i] - mean) / std; };
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
    for (let q = k; q < e; q++) if (y[order[q]] === 1) { rankSum += (k + 1 + e) / 2; positives++; }
    k = e;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * (y.length - positives));
}

async function ours(model, train, test) {
  const module = await import(`../src/core/model/models/${model.module}.ts`);
  const definition = module[model.exportName] ?? module.default?.[model.exportName];
  const target = { task: 'classification', classes: ['0', '1'], y: train.y };
  const params = definition.params(model.params, 'classification');
  const [Xa, Xb] = model.standardise ? standardise(train.X, test.X) : [train.X, test.X];
  const seconds = [];
  let fitted;
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    fitted = await definition.fit(Xa, target, params, { seed: 0 });
    seconds.push((performance.now() - started) / 1000);
    if (r === 0 && seconds[0] > SLOW_SECONDS) break;
  }
  const proba = fitted.predictProba(Xb);
  const positive = Float64Array.from({ length: Xb.rows }, (_, i) => proba[2 * i + 1]);
  return { seconds, auc: rocAuc(positive, test.y), info: fitted.info };
}

function sklearn(csv, splitPath, models) {
  const run = spawnSync(PYTHON, [SKLEARN_SCRIPT, 'run', csv, splitPath, models.map((m) => m.kind).join(','), String(ROUNDS)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`scikit-learn side failed: ${run.stderr}`);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  return { version: lines[0].sklearn, byModel: new Map(lines.slice(1).map((l) => [l.model, l])) };
}

const fmtS = (s) => `${s.toFixed(2)} s`;

function printTable(results) {
  const header = ['dataset', 'model', 'AUC ours', 'AUC sklearn', 'Δ AUC', 'fit ours', 'fit sklearn', 'time ratio', 'target', 'result'];
  const rows = results.map((r) => r.skipped
    ? [r.dataset, r.model, '-', r.sklearn ? r.sklearn.auc.toFixed(4) : '-', '-', '-', r.sklearn ? fmtS(r.sklearn.seconds) : '-', '-', r.target, `SKIP (${r.skipped})`]
    : [r.dataset, r.model, r.ours.auc.toFixed(4), r.sklearn.auc.toFixed(4), (r.ours.auc - r.sklearn.auc >= 0 ? '+' : '') + (r.ours.auc - r.sklearn.auc).toFixed(4),
      fmtS(r.ours.seconds), fmtS(r.sklearn.seconds), `${r.ratio.toFixed(2)}×`, r.target, r.pass ? 'PASS' : `MISS (${r.misses.join(', ')})`]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

async function main() {
  mkdirSync(cacheDir, { recursive: true });
  const models = pick(MODELS, process.env.MLCYCLE_BENCH_MODELS);
  const datasets = pick(DATASETS, process.env.MLCYCLE_BENCH_DATASETS);
  process.stderr.write(`Model benchmark: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
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
    process.stderr.write(`${dataset.name}: ${train.X.rows} train / ${test.X.rows} test rows × ${X.cols} features; scikit-learn...`);
    const sk = sklearn(csv, splitPath, models);
    sklearnVersion = sk.version;
    for (const model of models) {
      const skResult = sk.byModel.get(model.kind);
      const target = `AUC ≥ sk−${model.maxAucDrop}, time ≤ ${model.maxTimeRatio}×`;
      const entry = { dataset: dataset.name, model: model.kind, target, sklearn: { auc: skResult.auc, seconds: median(skResult.seconds), runs: skResult.seconds } };
      process.stderr.write(` ours ${model.kind}...`);
      try {
        const o = await ours(model, train, test);
        entry.ours = { auc: o.auc, seconds: median(o.seconds), runs: o.seconds, info: o.info };
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
  printTable(results);
  const out = join(cacheDir, 'model-bench.json');
  writeFileSync(out, JSON.stringify({
    date: new Date().toISOString(), node: process.version, sklearn: sklearnVersion, cpus: cpus().length, loadAverage: loadavg(), results,
  }, null, 2));
  console.log(`\nWritten to ${out} (load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}).`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
