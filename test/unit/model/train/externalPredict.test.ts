// External models that predict: a real scikit-learn trainer (test/fixtures/byo/pickle_model.py,
// run by Debian's python3) pickles its LogisticRegression into MLCYCLE_MODEL_DIR, the run keeps
// that folder, and its predict command serves `mlcycle predict` (checked against scikit-learn
// fitted independently here) and `mlcycle explain` (the permutation estimator through the
// command, in the columns the trainer got, checked against exact Shapley values computed by
// brute force in Python). A model without a predict command, a command that crashes or writes
// the wrong number of rows, and a cancel are refused with nothing written.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explain } from '../../../../src/core/explain/explainJob';
import { predict } from '../../../../src/core/model/train/predict';
import { isCancelled, JobError } from '../../../../src/protocol/jobError';
import { runMlcycle } from '../../support/runCliInProcess';
import { sklearn } from '../sklearnReference';
import { PYTHON, tempProject, testContext } from './trainFixtures';

const SCRIPT = join(process.cwd(), 'test/fixtures/byo/pickle_model.py');
const argv = (mode: string) => `[${JSON.stringify(PYTHON)}, ${JSON.stringify(SCRIPT)}, ${mode}, "{params}"]`;
const external = (name: string, extra: string, predicts = true) =>
  `  - name: ${name}\n    kind: external\n    command: ${argv('train')}\n${predicts ? `    predict: ${argv('predict')}\n` : ''}${extra}`;

const SPEC = [
  'version: 1',
  'split: { folds: 2 }',
  'evaluation: { permutationRepeats: 0 }',
  'models:',
  external('sk', ''),
  external('sk_batches', '    predictBatchRows: 20\n'),
  external('sk_crash', '    params: { predict_fail: true }\n'),
  external('sk_short', '    params: { predict_short: true }\n'),
  external('sk_nopredict', '', false),
  '',
].join('\n');

const COLUMNS = ['Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'];
const CLASSES = ['Adelie', 'Chinstrap', 'Gentoo'];

function csv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.trim().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

const predictDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('mlcycle-predict-')).length;

describe('external models that predict (scikit-learn, pickled)', () => {
  let project: ReturnType<typeof tempProject>;
  let runId: string;
  let predicted: { header: string[]; rows: string[][] };
  before(async () => {
    project = tempProject('penguins', SPEC);
    const train = await runMlcycle(project.root, 'train', 'pipeline.yaml', '--json', 'run.json');
    assert.ok(train.code <= 1, train.stderr);
    runId = JSON.parse(readFileSync(join(project.root, 'run.json'), 'utf8')).runId;
    const p = await runMlcycle(project.root, 'predict', `${runId}:sk`, 'data/current.csv', '--out', 'p.csv');
    assert.equal(p.code, 0, p.stderr);
    predicted = csv(readFileSync(join(project.root, 'p.csv'), 'utf8'));
  });
  after(() => project.dispose());

  it('keeps the model folder the trainer wrote and a manifest of its columns and predict command', () => {
    const dir = join(project.root, '.mlcycle/runs', runId);
    assert.ok(existsSync(join(dir, 'sk.model', 'model.pkl')));
    const manifest = JSON.parse(readFileSync(join(dir, 'sk.external.json'), 'utf8'));
    assert.deepEqual(
      manifest.inputs.map((i: { name: string }) => i.name),
      COLUMNS,
    );
    assert.equal(manifest.predict.batchRows, 10_000);
    assert.deepEqual(manifest.classes, CLASSES);
    const record = JSON.parse(readFileSync(join(project.root, `.mlcycle/runs/${runId}.json`), 'utf8'));
    const sk = record.data.models.find((m: { name: string }) => m.name === 'sk');
    assert.equal(sk.externalModel, `.mlcycle/runs/${runId}/sk.external.json`);
  });

  it("mlcycle predict gives scikit-learn's predict_proba on the same rows, fitted independently", () => {
    const read = (f: string) => readFileSync(join(project.root, 'data', f), 'utf8');
    const expected = sklearn<{ proba: number[][]; labels: string[] }>(
      `
import csv, io
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
def load(text):
    rows = list(csv.reader(io.StringIO(text)))
    h, body = rows[0], [r for r in rows[1:] if r]
    cols = ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"]
    num = {"Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"}
    X = np.array([[(float(r[h.index(c)]) if r[h.index(c)] else np.nan) if c in num else (r[h.index(c)] or "missing") for c in cols] for r in body], dtype=object)
    return X, np.array([r[h.index("Species")] for r in body])
X, y = load(data["train"])
Xc, _ = load(data["current"])
prep = ColumnTransformer([("n", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), [1, 2, 3, 4]), ("c", OneHotEncoder(handle_unknown="ignore"), [0, 5])])
model = make_pipeline(prep, LogisticRegression(max_iter=1000)).fit(X, y)
result = {"proba": model.predict_proba(Xc).tolist(), "labels": model.predict(Xc).tolist()}`,
      { train: read('train.csv'), current: read('current.csv') },
    );
    assert.deepEqual(predicted.header, ['prediction', ...CLASSES.map((c) => `proba_${c}`)]);
    assert.equal(predicted.rows.length, expected.proba.length);
    predicted.rows.forEach((row, i) => {
      assert.equal(row[0], expected.labels[i], `row ${i}`);
      CLASSES.forEach((_, c) => assert.ok(Math.abs(Number(row[1 + c]) - expected.proba[i][c]) < 1e-9, `row ${i}`));
    });
  });

  it('gives the same predictions in batches of 20 rows (one process per batch)', async () => {
    const ctx = testContext();
    await predict({ root: project.root, model: `${runId}/sk_batches`, data: 'data/current.csv', out: 'b.csv' }, ctx);
    assert.equal(readFileSync(join(project.root, 'b.csv'), 'utf8'), readFileSync(join(project.root, 'p.csv'), 'utf8'));
    const batches = ctx.progress.filter((p) => /^Predicting rows \d+–\d+ of 52/.test(p.message ?? ''));
    assert.deepEqual(
      batches.map((p) => (p.message ?? '').split(' ')[2]),
      ['1–20', '21–40', '41–52'],
    );
  });

  it('mlcycle predict --explain K: the largest contributions by the permutation estimator', async () => {
    const lines = readFileSync(join(project.root, 'data/current.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(project.root, 'few.csv'), lines.slice(0, 5).join('\n') + '\n');
    const r = await runMlcycle(project.root, 'predict', `${runId}:sk`, 'few.csv', '--out', 'e.csv', '--explain', '2');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /permutation estimator through its predict command/);
    const out = csv(readFileSync(join(project.root, 'e.csv'), 'utf8'));
    assert.deepEqual(out.header.slice(4), [
      'explain_1_column',
      'explain_1_contribution',
      'explain_2_column',
      'explain_2_contribution',
    ]);
    assert.equal(out.rows.length, 4);
    for (const row of out.rows) assert.ok(COLUMNS.includes(row[4]) && COLUMNS.includes(row[6]));
  });

  it('mlcycle explain: contributions in the trainer’s columns that add up to its output and match exact Shapley values', async () => {
    const rows = [0, 1, 2];
    const result = await explain(
      { root: project.root, model: `${runId}:sk`, data: 'data/current.csv', rows, background: 100_000, pairs: 200 },
      testContext(),
    );
    assert.equal(result.method, 'sampling');
    assert.deepEqual(result.columns, COLUMNS);
    assert.deepEqual(result.outputNames, CLASSES);
    assert.equal(result.outputKind, 'probability');
    assert.ok(result.additivityError <= 1e-9, String(result.additivityError));
    // The output explained is what the predict command gives for the row.
    rows.forEach((r, i) =>
      CLASSES.forEach((_, c) =>
        assert.ok(Math.abs(result.output[i][c] - Number(predicted.rows[r][1 + c])) < 1e-9, `row ${r}`),
      ),
    );
    // Exact interventional Shapley values against every training row, by brute force over all
    // 2^6 coalitions, with the pickled model itself.
    const exact = sklearn<number[][][]>(
      `
import csv, io, itertools, math, pickle
saved = pickle.load(open(data["pkl"], "rb"))
model, features, numeric = saved["model"], saved["features"], set(saved["numeric"])
def rows_of(text):
    rows = list(csv.reader(io.StringIO(text)))
    h = rows[0]
    return [[r[h.index(c)] for c in features] for r in rows[1:] if r]
def matrix(rows):
    return np.array([[(float(v) if v else np.nan) if c in numeric else (v or "missing") for c, v in zip(features, r)] for r in rows], dtype=object)
background = rows_of(data["train"])
current = rows_of(data["current"])
M = len(features)
result = []
for i in data["rows"]:
    x = current[i]
    value = {}
    for mask in range(1 << M):
        hybrid = [[x[f] if mask >> f & 1 else z[f] for f in range(M)] for z in background]
        value[mask] = model.predict_proba(matrix(hybrid)).mean(axis=0)
    phi = np.zeros((M, len(model.classes_)))
    for f in range(M):
        for mask in range(1 << M):
            if mask >> f & 1: continue
            s = bin(mask).count("1")
            w = math.factorial(s) * math.factorial(M - s - 1) / math.factorial(M)
            phi[f] += w * (value[mask | 1 << f] - value[mask])
    result.append(phi.tolist())`,
      {
        pkl: join(project.root, '.mlcycle/runs', runId, 'sk.model', 'model.pkl'),
        train: readFileSync(join(project.root, 'data/train.csv'), 'utf8'),
        current: readFileSync(join(project.root, 'data/current.csv'), 'utf8'),
        rows,
      },
    );
    let inside = 0;
    let cases = 0;
    rows.forEach((_, i) =>
      COLUMNS.forEach((column, f) =>
        CLASSES.forEach((cls, k) => {
          const gap = Math.abs(result.values![i][f][k] - exact[i][f][k]);
          const se = result.standardErrors![i][f][k];
          cases++;
          if (gap <= 3 * se + 1e-9) inside++;
          assert.ok(
            gap <= 6 * se + 1e-6,
            `row ${i} ${column} ${cls}: ${result.values![i][f][k]} vs ${exact[i][f][k]} ± ${se}`,
          );
        }),
      ),
    );
    assert.ok(inside / cases >= 0.9, `inside ±3 SE: ${inside}/${cases}`);
    const record = JSON.parse(
      readFileSync(join(project.root, '.mlcycle/explanations', `${runId}--sk--current.json`), 'utf8'),
    );
    assert.equal(record.outcome, 'pass');
  });

  it('explain: KernelSHAP when asked, exact methods refused for an external model', async () => {
    const kernel = await explain(
      { root: project.root, model: `${runId}:sk`, data: 'data/current.csv', rows: [0], method: 'kernel' },
      testContext(),
    );
    assert.equal(kernel.method, 'kernel');
    assert.ok(kernel.additivityError <= 1e-9);
    await assert.rejects(
      explain(
        { root: project.root, model: `${runId}:sk`, data: 'data/current.csv', rows: [0], method: 'tree-path' },
        testContext(),
      ),
      (error: JobError) => error.code === 'bad-input' && /external model: use auto/.test(error.message),
    );
  });

  it('an external model without a predict command: bad input that says what it needs', async () => {
    const needs = (error: JobError) =>
      error.code === 'bad-input' &&
      /sk_nopredict" of run .* without a predict command/.test(error.message) &&
      /predict: python3 predict\.py \{params\}/.test(error.message) &&
      /MLCYCLE_MODEL_DIR/.test(error.message);
    await assert.rejects(
      predict(
        { root: project.root, model: `${runId}:sk_nopredict`, data: 'data/current.csv', out: 'n.csv' },
        testContext(),
      ),
      needs,
    );
    await assert.rejects(
      explain(
        { root: project.root, model: `${runId}:sk_nopredict`, data: 'data/current.csv', rows: [0] },
        testContext(),
      ),
      needs,
    );
    assert.equal(existsSync(join(project.root, 'n.csv')), false);
  });

  it('a predict command that crashes: the error quotes its stderr, nothing is written or left behind', async () => {
    const before = predictDirs();
    await assert.rejects(
      predict(
        { root: project.root, model: `${runId}:sk_crash`, data: 'data/current.csv', out: 'c.csv' },
        testContext(),
      ),
      (error: JobError) =>
        error.code === 'failed' &&
        /exited with code 4\.\ndeliberate predict failure: params\.predict_fail is set/.test(error.message),
    );
    assert.equal(existsSync(join(project.root, 'c.csv')), false);
    assert.equal(predictDirs(), before);
  });

  it('a predict command that writes the wrong number of rows is refused', async () => {
    await assert.rejects(
      predict(
        { root: project.root, model: `${runId}:sk_short`, data: 'data/current.csv', out: 's.csv' },
        testContext(),
      ),
      (error: JobError) => /predictions\.csv has 51 rows; the input has 52/.test(error.message),
    );
    assert.equal(existsSync(join(project.root, 's.csv')), false);
  });

  it('cancelled from the progress callback while a batch runs: the process is stopped, nothing written', async () => {
    const before = predictDirs();
    const ctx = testContext((p) => /^Predicting rows 1–20 /.test(p.message ?? ''));
    await assert.rejects(
      predict({ root: project.root, model: `${runId}:sk_batches`, data: 'data/current.csv', out: 'x.csv' }, ctx),
      (error) => isCancelled(JobError.from(error)),
    );
    assert.equal(existsSync(join(project.root, 'x.csv')), false);
    assert.equal(predictDirs(), before);
    assert.equal(ctx.progress.filter((p) => /^Predicting rows 21/.test(p.message ?? '')).length, 0);
  });

  it('explain cancelled from its first row report: no record, no contributions file', async () => {
    const ctx = testContext((p) => /^Explaining row 1 of/.test(p.message ?? ''));
    await assert.rejects(
      explain(
        { root: project.root, model: `${runId}:sk`, data: 'data/holdout.csv', rows: [0, 1], out: 'cancelled.csv' },
        ctx,
      ),
      (error) => isCancelled(JobError.from(error)),
    );
    assert.equal(existsSync(join(project.root, 'cancelled.csv')), false);
    assert.equal(existsSync(join(project.root, '.mlcycle/explanations', `${runId}--sk--holdout.json`)), false);
  });
});
