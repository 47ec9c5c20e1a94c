// Reproducing a run from its record: the same spec and seed on the same data give the same
// metrics; a changed data file is named, the differences listed, and the rerun fails.
import { strict as assert } from 'node:assert';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { train } from '../../../../src/core/model/train/train';
import type { TrainResult } from '../../../../src/core/model/train/trainTypes';
import { PENGUINS_SPEC, tempProject, testContext } from './trainFixtures';

describe('train --reproduce', () => {
  const project = tempProject('penguins', PENGUINS_SPEC);
  let original: TrainResult;
  before(async () => {
    original = await train({ root: project.root, runId: 'original' }, testContext());
  });
  after(() => project.dispose());

  it("reruns from the record, not from today's spec, and every metric is identical", async () => {
    // Today's pipeline.yaml no longer says what the run did: the record must.
    writeFileSync(join(project.root, 'pipeline.yaml'), 'version: 1\nmodels: [{ kind: gaussian_nb }]\n');
    const again = await train({ root: project.root, reproduce: 'original', runId: 'again' }, testContext());
    assert.deepEqual(
      again.run.models.map((m) => m.name),
      original.run.models.map((m) => m.name),
    );
    assert.equal(again.run.reproduction?.of, 'original');
    assert.equal(again.run.reproduction?.identical, true, JSON.stringify(again.run.reproduction?.differences));
    assert.deepEqual(again.run.reproduction?.changedInputs, []);
    assert.equal(again.outcome, original.outcome);
  });

  it('names a changed data file, lists the metrics that differ and fails', async () => {
    const train_csv = join(project.root, 'data/train.csv');
    const lines = readFileSync(train_csv, 'utf8').trimEnd().split('\n');
    appendFileSync(train_csv, lines.slice(1, 40).join('\n') + '\n'); // duplicated rows shift every fold
    const changed = await train({ root: project.root, reproduce: 'original', runId: 'changed' }, testContext());
    const r = changed.run.reproduction!;
    assert.deepEqual(r.changedInputs, ['data/train.csv']);
    assert.equal(r.identical, false);
    assert.ok(r.differences.length > 0);
    assert.equal(changed.outcome, 'fail');
    assert.ok(changed.run.failures?.some((f) => f.startsWith('Not reproduced')));
    assert.ok(changed.run.warnings?.some((w) => w.includes('data/train.csv changed')));
  });

  it('refuses a spec and a run to reproduce together, and an unknown run', async () => {
    await assert.rejects(
      train({ root: project.root, reproduce: 'original', spec: 'pipeline.yaml' }, testContext()),
      /either a pipeline spec or a run/,
    );
    await assert.rejects(train({ root: project.root, reproduce: 'nope' }, testContext()), /No run "nope"/);
  });
});
