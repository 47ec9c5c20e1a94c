// Cancelling a training run mid-way: the job rejects as cancelled and leaves nothing behind —
// no record, no run folder, no temporary folder — so no partial run is ever taken as complete.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isCancelled, JobError } from '../../../../src/protocol/jobError';
import { train } from '../../../../src/core/model/train/train';
import { processAlive } from '../../../../src/core/model/train/runFiles';
import { PENGUINS_SPEC, tempProject, testContext } from './trainFixtures';

const HANG_TRAINER = join(process.cwd(), 'test/fixtures/byo/hang_trainer.mjs');

/** Polls `condition`; fails once `gaveUp()` names a reason, or after `limitMs` (a bound on a hang, not a race). */
async function until(condition: () => boolean, what: string, gaveUp = (): string | undefined => undefined) {
  for (let waited = 0; waited < 60_000; waited += 20) {
    if (condition()) return;
    const reason = gaveUp();
    if (reason) assert.fail(`${reason} before ${what}`);
    await sleep(20);
  }
  assert.fail(`never: ${what}`);
}

function runsLeft(root: string): string[] {
  const dir = join(root, '.mlcycle/runs');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('train: cancel', () => {
  let project: ReturnType<typeof tempProject>;
  before(() => {
    project = tempProject('penguins', PENGUINS_SPEC);
  });
  after(() => project.dispose());

  it('cancelled in the middle of cross-validation: nothing recorded', async () => {
    const ctx = testContext((p) => p.message === 'Fold 2/3 · forest');
    await assert.rejects(train({ root: project.root, runId: 'cancelled' }, ctx), (error) =>
      isCancelled(JobError.from(error)),
    );
    assert.deepEqual(runsLeft(project.root), []);
  });

  it('cancelled while an external trainer runs: the process is stopped, nothing recorded', async () => {
    const { writeFileSync } = await import('node:fs');
    // A trainer that never finishes by itself and writes a marker once it runs: the cancel comes
    // once the work is provably under way, and only the cancel can end the run.
    const marker = join(project.root, 'hang.marker.json');
    writeFileSync(
      join(project.root, 'pipeline.yaml'),
      `version: 1\nsplit: { folds: 2 }\nmodels:\n  - name: hang\n    kind: external\n    command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(HANG_TRAINER)}]\n    params: { marker: ${JSON.stringify(marker)} }\n`,
    );
    const ctx = testContext();
    const training = train({ root: project.root, runId: 'cancelled-ext' }, ctx);
    let settled: string | undefined;
    training.then(
      () => (settled = 'the job finished'),
      (error: Error) => (settled = `the job failed (${error.message})`),
    );
    await until(
      () => existsSync(marker),
      'the trainer started',
      () => settled,
    );
    const pids = JSON.parse(readFileSync(marker, 'utf8')) as { trainer: number; grandchild: number };
    ctx.controller.abort();
    await assert.rejects(training, (error) => isCancelled(JobError.from(error)));
    assert.deepEqual(runsLeft(project.root), []);
    await until(() => !processAlive(pids.trainer) && !processAlive(pids.grandchild), 'the trainer is gone');
  });
});
