// Cancelling a training run mid-way: the job rejects as cancelled and leaves nothing behind —
// no record, no run folder, no temporary folder — so no partial run is ever taken as complete.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isCancelled, JobError } from '../../../../src/protocol/jobError';
import { train } from '../../../../src/core/model/train/train';
import { PENGUINS_SPEC, PYTHON, SKLEARN_TRAINER, tempProject, testContext } from './trainFixtures';

/** Pids of processes whose working directory is `dir` (Linux /proc; empty elsewhere). */
function processesIn(dir: string): number[] {
  if (!existsSync('/proc/self/cwd')) return [];
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/cwd`) === dir;
      } catch {
        return false;
      }
    })
    .map(Number);
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
    writeFileSync(
      join(project.root, 'pipeline.yaml'),
      `version: 1\nsplit: { folds: 2 }\nmodels:\n  - name: slow\n    kind: external\n    command: [${JSON.stringify(PYTHON)}, ${JSON.stringify(SKLEARN_TRAINER)}]\n    params: { sleep: 60 }\n`,
    );
    const ctx = testContext();
    const report = ctx.report;
    ctx.report = (p) => {
      report(p);
      if (p.message === 'External trainer · slow') setTimeout(() => ctx.controller.abort(), 1500);
    };
    const started = Date.now();
    await assert.rejects(train({ root: project.root, runId: 'cancelled-ext' }, ctx), (error) =>
      isCancelled(JobError.from(error)),
    );
    assert.ok(Date.now() - started < 20_000, 'did not wait for the trainer');
    assert.deepEqual(runsLeft(project.root), []);
    await sleep(300);
    assert.deepEqual(processesIn(project.root), [], 'the trainer process was killed');
  });
});
