// --missing-values on the data commands, in-process through runCli: a penguins project whose
// "Ring" column is the text None for most birds. By default None is missing (profile says so and
// alerts); `--missing-values ''` makes it a category for profile, validate, train, evaluate and
// predict, each result records the markers, and `train --reproduce` reads with the run's markers
// even after mlcycle.yaml changes. A dataset's own missingValues in mlcycle.yaml applies to it alone.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runMlcycle as mlcycle } from '../support/runCliInProcess';
import { markersOf } from '../../../src/core/data/missingMarkers';
import { PENGUINS_SPEC, tempProject } from '../model/train/trainFixtures';

/** Adds a Ring column: None unless the bird is a Chinstrap. */
function addRing(file: string): void {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const out = lines.map((line, i) =>
    i === 0 ? `${line},Ring` : `${line},${line.startsWith('Chinstrap') ? 'Banded' : 'None'}`,
  );
  writeFileSync(file, out.join('\n') + '\n');
}

const DEFAULTS = markersOf(undefined);

describe('mlcycle --missing-values', () => {
  let project: ReturnType<typeof tempProject>;
  let yaml: string;
  before(() => {
    project = tempProject('penguins', PENGUINS_SPEC.replace('permutationRepeats: 2', 'permutationRepeats: 0'));
    for (const name of ['train', 'holdout', 'current']) addRing(join(project.root, 'data', `${name}.csv`));
    writeFileSync(
      join(project.root, 'docs/expectations.yaml'),
      'version: 1\nexpectations:\n  - column: Ring\n    notNull: true\n',
    );
    yaml = readFileSync(join(project.root, 'mlcycle.yaml'), 'utf8');
  });
  after(() => project.dispose());

  it('profile: None is missing by default (with the alert); with --missing-values "" it is a value', async () => {
    const byDefault = await mlcycle(project.root, 'profile', 'data/train.csv', '--json', '-');
    assert.equal(byDefault.code, 0, byDefault.stderr);
    const p = JSON.parse(byDefault.stdout);
    const ring = p.columns.find((c: { name: string }) => c.name === 'Ring');
    assert.ok(ring.missing > p.rows / 2);
    assert.deepEqual(ring.missingMarkers, [{ marker: 'None', count: ring.missing }]);
    assert.ok(
      p.alerts.some((a: { type: string; column: string }) => a.type === 'missing_marker' && a.column === 'Ring'),
    );
    const text = await mlcycle(project.root, 'profile', 'data/train.csv');
    assert.match(text.stdout, /\[missing_marker\] 'None' may be a real value here/);
    assert.match(text.stdout, new RegExp(`Ring: ${ring.missing} × 'None'`));

    const plain = JSON.parse(
      (await mlcycle(project.root, 'profile', 'data/train.csv', '--missing-values', '', '--json', '-')).stdout,
    );
    const asValue = plain.columns.find((c: { name: string }) => c.name === 'Ring');
    assert.equal(asValue.missing, 0);
    assert.deepEqual(plain.missingValues, []);
    // Sex's empty cells stay missing: an empty cell is always missing.
    assert.ok(plain.columns.find((c: { name: string }) => c.name === 'Sex').missing > 0);
  });

  it('validate: notNull fails on None by default and passes with --missing-values ""', async () => {
    const failing = await mlcycle(project.root, 'validate', 'data/train.csv', '--json', '-');
    assert.equal(failing.code, 1, failing.stderr);
    assert.deepEqual(JSON.parse(failing.stdout).missingValues, DEFAULTS);
    const passing = await mlcycle(project.root, 'validate', 'data/train.csv', '--missing-values', '', '--json', '-');
    assert.equal(passing.code, 0, passing.stdout);
    assert.deepEqual(JSON.parse(passing.stdout).missingValues, []);
  });

  it('train records the markers; --reproduce reads with them after mlcycle.yaml changed', async () => {
    const trained = await mlcycle(
      project.root,
      'train',
      '--missing-values',
      '',
      '--json',
      '-',
      '--models',
      'logistic_regression',
    );
    assert.notEqual(trained.code, 2, trained.stderr);
    const run = JSON.parse(trained.stdout);
    const record = JSON.parse(readFileSync(join(project.root, '.mlcycle/runs', `${run.runId}.json`), 'utf8'));
    assert.deepEqual(record.data.missingValues, { train: [], holdout: [] });
    // Ring is a feature with two categories (not a missing indicator).
    assert.ok(
      record.data.selectedFeatures.some((f: string) => /Ring.*Banded|Ring.*None/.test(f)),
      record.data.selectedFeatures.join(', '),
    );

    // The project now says something else: a reproduction still reads as the run did.
    writeFileSync(join(project.root, 'mlcycle.yaml'), `${yaml}missingValues:\n  markers: [Banded]\n`);
    const again = await mlcycle(project.root, 'train', '--reproduce', run.runId, '--json', '-');
    const rerun = JSON.parse(again.stdout);
    assert.equal(rerun.reproduction.identical, true, JSON.stringify(rerun.reproduction));
    assert.deepEqual(rerun.missingValues, { train: [], holdout: [] });
    const refused = await mlcycle(project.root, 'train', '--reproduce', run.runId, '--missing-values', 'NA');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /markers the run recorded/);
    writeFileSync(join(project.root, 'mlcycle.yaml'), yaml);

    const evaluated = await mlcycle(
      project.root,
      'evaluate',
      '--run',
      run.runId,
      '--missing-values',
      '',
      '--json',
      '-',
    );
    assert.notEqual(evaluated.code, 2, evaluated.stderr);
    assert.deepEqual(JSON.parse(evaluated.stdout).missingValues, []);
    const predicted = await mlcycle(
      project.root,
      'predict',
      run.runId,
      'data/current.csv',
      '--out',
      'predictions.csv',
      '--missing-values',
      '',
    );
    assert.equal(predicted.code, 0, predicted.stderr);
    const rows = (file: string) => readFileSync(join(project.root, file), 'utf8').trimEnd().split('\n').length;
    assert.equal(rows('predictions.csv'), rows('data/current.csv'));
  });

  it("a dataset's own missingValues in mlcycle.yaml applies to it, the project's to the others", async () => {
    writeFileSync(
      join(project.root, 'mlcycle.yaml'),
      yaml.replace(
        '  train: data/train.csv',
        '  train:\n    path: data/train.csv\n    missingValues: { defaults: false }',
      ),
    );
    const trained = await mlcycle(project.root, 'train', '--json', '-', '--models', 'logistic_regression');
    assert.notEqual(trained.code, 2, trained.stderr);
    const run = JSON.parse(trained.stdout);
    assert.deepEqual(run.missingValues, { train: [], holdout: DEFAULTS });
    const profiled = JSON.parse((await mlcycle(project.root, 'profile', 'data/train.csv', '--json', '-')).stdout);
    assert.equal(profiled.columns.find((c: { name: string }) => c.name === 'Ring').missing, 0);
    const holdout = JSON.parse((await mlcycle(project.root, 'profile', 'data/holdout.csv', '--json', '-')).stdout);
    assert.ok(holdout.columns.find((c: { name: string }) => c.name === 'Ring').missing > 0);
    writeFileSync(join(project.root, 'mlcycle.yaml'), yaml);
  });
});
