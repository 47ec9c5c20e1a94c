// Bring your own trainer: a real scikit-learn script (test/fixtures/byo/train_sklearn.py, run by
// Debian's python3) trains on penguins next to the built-in models; its holdout predictions are
// evaluated by the same evaluator, so its numbers compare with the baseline. A trainer that
// fails, times out or writes nothing usable is a model error with a clear message; the run goes on.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sklearn } from '../sklearnReference';
import { parsePredictionsCsv } from '../../../../src/core/model/train/externalTrainer';
import { train } from '../../../../src/core/model/train/train';
import type { TrainResult } from '../../../../src/core/model/train/trainTypes';
import { PYTHON, SKLEARN_TRAINER, tempProject, testContext } from './trainFixtures';

const external = (name: string, params: string, extra = '') =>
  `  - name: ${name}\n    kind: external\n    command: [${JSON.stringify(PYTHON)}, ${JSON.stringify(SKLEARN_TRAINER)}]\n    params: ${params}\n${extra}`;

describe('external trainer (scikit-learn)', () => {
  let project: ReturnType<typeof tempProject>;
  let result: TrainResult;
  before(async () => {
    project = tempProject(
      'penguins',
      [
        'version: 1',
        'split: { folds: 2 }',
        'evaluation: { permutationRepeats: 0 }',
        'models:',
        external('sklearn_logistic', '{ model: logistic, C: 1.0 }'),
        external('broken', '{ fail: true }'),
        external('too_slow', '{ sleep: 30 }', '    timeoutSeconds: 1\n'),
        '  - name: missing_program\n    kind: external\n    command: [no-such-trainer-program]',
        '',
      ].join('\n'),
    );
    result = await train({ root: project.root, runId: 'byo' }, testContext());
  });
  after(() => project.dispose());

  it("evaluates the trainer's holdout predictions like a built-in model, against the baseline", () => {
    const m = result.run.models.find((x) => x.name === 'sklearn_logistic')!;
    assert.equal(m.error, undefined, m.error);
    assert.equal(m.kind, 'external');
    assert.equal(m.baseline, false);
    assert.equal(m.reported?.sklearn_model, 'LogisticRegression');
    assert.equal(typeof m.reported?.cv_balanced_accuracy, 'number');
    assert.ok(m.metrics.holdout!.balanced_accuracy > 0.95);
    assert.ok(m.metrics.holdout!.log_loss > 0, 'probabilities were read, so log loss is measured');
    assert.equal(m.vsBaseline?.beats, true);
    assert.equal(m.evaluation?.task, 'classification');
    // The same model fitted here by scikit-learn directly gives the same holdout accuracy.
    const read = (f: string) => readFileSync(join(project.root, 'data', f), 'utf8');
    const expected = sklearn<number>(
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
    num = [h.index(c) for c in ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"]]
    cat = [h.index(c) for c in ["Island", "Sex"]]
    X = np.array([[float(r[j]) if r[j] else np.nan for j in num] + [r[j] or "missing" for j in cat] for r in body], dtype=object)
    return X, np.array([r[0] for r in body])
X, y = load(data["train"])
Xh, yh = load(data["holdout"])
prep = ColumnTransformer([("n", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), [0, 1, 2, 3]), ("c", OneHotEncoder(handle_unknown="ignore"), [4, 5])])
model = make_pipeline(prep, LogisticRegression(max_iter=1000)).fit(X, y)
result = float((model.predict(Xh) == yh).mean())`,
      { train: read('train.csv'), holdout: read('holdout.csv') },
    );
    assert.ok(Math.abs(m.metrics.holdout!.accuracy - expected) < 1e-12);
  });

  it("keeps the trainer's work folder with the run, without the data copies", () => {
    const dir = join(project.root, '.mlcycle/runs/byo/sklearn_logistic.external');
    assert.ok(
      existsSync(join(dir, 'params.json')) &&
        existsSync(join(dir, 'metrics.json')) &&
        existsSync(join(dir, 'predictions.csv')) &&
        existsSync(join(dir, 'trainer.log')),
    );
    assert.equal(existsSync(join(dir, 'train.csv')), false);
    const params = JSON.parse(readFileSync(join(dir, 'params.json'), 'utf8'));
    assert.deepEqual(params.classes, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.equal(params.seed, 42);
  });

  it('records a failing, a timed-out and a missing trainer as model errors, and finishes the run', () => {
    const byName = (n: string) => result.run.models.find((m) => m.name === n)!;
    assert.match(byName('broken').error!, /exited with code 3\.\ndeliberate failure: params\.fail is set/);
    assert.match(byName('too_slow').error!, /did not finish within 1 s \(timeoutSeconds\)/);
    assert.match(byName('missing_program').error!, /"no-such-trainer-program" was not found/);
    assert.equal(result.run.bestModel, 'sklearn_logistic');
    assert.match(result.summary!, /3 models failed/);
  });
});

describe('parsePredictionsCsv', () => {
  const data = { task: 'classification' as const, classes: ['a', 'b'] };
  it('reads labels and probabilities, and says what is wrong', () => {
    const p = parsePredictionsCsv('prediction,proba_a,proba_b\nb,0.2,0.8\na,0.9,0.1\n', 2, data);
    assert.deepEqual(p.task === 'classification' && [Array.from(p.labels!), Array.from(p.proba)], [
      [1, 0],
      [0.2, 0.8, 0.9, 0.1],
    ]);
    const labelsOnly = parsePredictionsCsv('prediction\nb\na\n', 2, data);
    assert.equal(labelsOnly.task === 'classification' && labelsOnly.probabilistic, false);
    assert.throws(() => parsePredictionsCsv('prediction\nb\n', 2, data), /1 rows; the holdout has 2/);
    assert.throws(() => parsePredictionsCsv('label\nb\na\n', 2, data), /no "prediction" column/);
    assert.throws(
      () => parsePredictionsCsv('prediction\nb\nc\n', 2, data),
      /line 3: prediction "c" is not one of the classes/,
    );
    assert.throws(
      () => parsePredictionsCsv('prediction,proba_a\nb,0.1\na,0.9\n', 2, data),
      /probabilities for 1 of 2 classes/,
    );
    assert.throws(
      () => parsePredictionsCsv('prediction\n1.5\nx\n', 2, { task: 'regression' }),
      /line 3: prediction "x" is not a number/,
    );
  });
});
