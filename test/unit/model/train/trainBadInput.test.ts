// Bad input to training, prediction and evaluation: each a clear message naming the file and,
// where there is one, the line; and no run recorded.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JobError } from '../../../../src/protocol/jobError';
import { predict } from '../../../../src/core/model/train/predict';
import { train } from '../../../../src/core/model/train/train';
import { tempProject, testContext } from './trainFixtures';

const FAST = `models:
  - kind: logistic_regression
`;

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<JobError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JobError, `expected a JobError, got ${String(error)}`);
    if (process.env.SHOW_MESSAGES) console.log(`[${error.code}] ${error.message}`);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail(`expected a rejection matching ${pattern}`);
}

function noRunRecorded(root: string): void {
  const dir = join(root, '.mlcycle/runs');
  assert.deepEqual(existsSync(dir) ? readdirSync(dir) : [], []);
}

describe('train: bad input', () => {
  let project: ReturnType<typeof tempProject>;
  before(() => {
    project = tempProject('penguins');
  });
  after(() => project.dispose());

  const withData = (name: string, csv: string, extra = '') => {
    writeFileSync(join(project.root, 'data', name), csv);
    writeFileSync(
      join(project.root, 'pipeline.yaml'),
      `version: 1\ndata: { train: data/${name} }\nsplit: { folds: 3, holdout: 0.2 }\n${extra}${FAST}`,
    );
  };
  const penguins = () => readFileSync(join(project.root, 'data/train.csv'), 'utf8');

  it('a schema error in the spec: its file, line and column', async () => {
    writeFileSync(join(project.root, 'pipeline.yaml'), 'version: 1\nsplit:\n  folds: 1\n');
    const error = await rejects(train({ root: project.root }, testContext()), /pipeline\.yaml:3:\d+/);
    assert.equal(error.code, 'bad-input');
    assert.equal(error.file, join(project.root, 'pipeline.yaml'));
    assert.equal(error.line, 3);
    noRunRecorded(project.root);
  });

  it('a missing spec file', async () => {
    await rejects(train({ root: project.root, spec: 'nope.yaml' }, testContext()), /nope\.yaml does not exist/);
  });

  it('the target column missing from the data', async () => {
    withData('no-target.csv', penguins().replace(/^Species,/, 'Kind,'));
    const error = await rejects(train({ root: project.root }, testContext()), /no target column "Species"/);
    assert.equal(error.code, 'bad-input');
    noRunRecorded(project.root);
  });

  it('one class only', async () => {
    withData('one-class.csv', penguins().replace(/^(Chinstrap|Gentoo),/gm, 'Adelie,'));
    await rejects(train({ root: project.root }, testContext()), /one class|only one|single|constant/i);
    noRunRecorded(project.root);
  });

  it('a constant regression target', async () => {
    const lines = penguins()
      .trimEnd()
      .split('\n')
      .map((l, i) => (i === 0 ? l : l.replace(/,[^,]*,([^,]*)$/, ',4000,$1')));
    withData('constant.csv', lines.join('\n') + '\n', 'task: regression\ntarget: Body Mass (g)\n');
    writeFileSync(
      join(project.root, 'pipeline.yaml'),
      readFileSync(join(project.root, 'pipeline.yaml'), 'utf8').replace('logistic_regression', 'linear_regression'),
    );
    await rejects(train({ root: project.root }, testContext()), /constant|one value|same value/i);
    noRunRecorded(project.root);
  });

  it('a non-numeric value in a numeric feature: its line', async () => {
    const lines = penguins().split('\n');
    lines[9] = lines[9].replace(/^([^,]*,[^,]*,)[^,]*/, '$1forty');
    withData('stray.csv', lines.join('\n'));
    const error = await rejects(train({ root: project.root }, testContext()), /forty/);
    assert.match(error.message, /^data\/stray\.csv: .*line 10\b/);
    assert.equal(error.file, join(project.root, 'data/stray.csv'));
    noRunRecorded(project.root);
  });

  it('an all-missing feature is dropped with its reason, or refused by name', async () => {
    const lines = penguins()
      .trimEnd()
      .split('\n')
      .map((l, i) => (i === 0 ? `${l},Tag` : `${l},`));
    withData('all-missing.csv', lines.join('\n') + '\n');
    try {
      const result = await train({ root: project.root, runId: 'all-missing' }, testContext());
      const tag = result.run.featureRationale.find((r) => r.feature === 'Tag');
      assert.equal(tag?.included, false);
      assert.match(tag!.reason, /missing|empty|constant/i);
    } catch (error) {
      assert.ok(error instanceof JobError);
      assert.match(error.message, /Tag/);
    } finally {
      rmSync(join(project.root, '.mlcycle'), { recursive: true, force: true });
    }
  });

  it('more feature columns than rows', async () => {
    const header = Array.from({ length: 12 }, (_, j) => `x${j}`).join(',');
    const rows = Array.from(
      { length: 8 },
      (_, i) =>
        `${['Adelie', 'Gentoo'][i % 2]},${Array.from({ length: 12 }, (_, j) => (i * 7 + j * 3) % 11).join(',')}`,
    );
    withData('wide.csv', `Species,${header}\n${rows.join('\n')}\n`);
    await rejects(train({ root: project.root }, testContext()), /more rows than features|feature columns/);
    noRunRecorded(project.root);
  });

  it('a model that is not in the spec', async () => {
    writeFileSync(join(project.root, 'pipeline.yaml'), `version: 1\n${FAST}`);
    await rejects(train({ root: project.root, models: ['nope'] }, testContext()), /No model named "nope"/);
  });
});

describe('predict: bad input', () => {
  let project: ReturnType<typeof tempProject>;
  before(async () => {
    project = tempProject(
      'penguins',
      `version: 1\nsplit: { folds: 2 }\nevaluation: { permutationRepeats: 0 }\n${FAST}`,
    );
    await train({ root: project.root, runId: 'r1' }, testContext());
  });
  after(() => project.dispose());

  it('a model file from a newer version of ML Lifecycle', async () => {
    const file = join(project.root, '.mlcycle/runs/r1/logistic_regression.model.json');
    const artifact = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(join(project.root, 'future.model.json'), JSON.stringify({ ...artifact, formatVersion: 99 }));
    const error = await rejects(
      predict(
        { root: project.root, model: 'future.model.json', data: 'data/current.csv', out: 'p.csv' },
        testContext(),
      ),
      /newer version of ML Lifecycle/,
    );
    assert.equal(error.code, 'bad-input');
    const newerModel = { ...artifact, model: { ...artifact.model, version: 99 } };
    writeFileSync(join(project.root, 'future-model.model.json'), JSON.stringify(newerModel));
    await rejects(
      predict(
        { root: project.root, model: 'future-model.model.json', data: 'data/current.csv', out: 'p.csv' },
        testContext(),
      ),
      /future-model\.model\.json/,
    );
    assert.equal(existsSync(join(project.root, 'p.csv')), false);
  });

  it('input columns the model needs are missing', async () => {
    const csv = readFileSync(join(project.root, 'data/current.csv'), 'utf8').replace('Island,', 'Isle,');
    writeFileSync(join(project.root, 'data/renamed.csv'), csv);
    await rejects(
      predict(
        { root: project.root, model: 'r1/logistic_regression', data: 'data/renamed.csv', out: 'p.csv' },
        testContext(),
      ),
      /lacks column "Island"/,
    );
  });

  it('an unknown run or model', async () => {
    await rejects(
      predict({ root: project.root, model: 'nope', data: 'data/current.csv', out: 'p.csv' }, testContext()),
      /No run "nope"/,
    );
    await rejects(
      predict({ root: project.root, model: 'r1/forest', data: 'data/current.csv', out: 'p.csv' }, testContext()),
      /no model "forest"/,
    );
  });
});
