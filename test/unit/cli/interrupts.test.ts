// Interrupting `mlcycle train` (the real CLI in a child process) while an external trainer runs:
// SIGINT, SIGTERM and SIGHUP each print a message, stop the trainer's whole process group, leave
// no temporary run folder, and exit 128 + the signal number. The signal is sent once the trainer
// has written its marker file (the work is provably under way), never after a fixed sleep.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { processAlive, removeStalePartials } from '../../../src/core/model/train/runFiles';
import { train } from '../../../src/core/model/train/train';
import { ensureCliBuilt } from '../jobs/builtBundles';
import { PENGUINS_SPEC, tempProject, testContext } from '../model/train/trainFixtures';

const BIN = join(process.cwd(), 'bin', 'mlcycle.js');
const TRAINER = join(process.cwd(), 'test/fixtures/byo/hang_trainer.mjs');

/** Polls `condition` until it holds; fails after `limitMs` (a deadline for a hung test, not a race). */
async function until(condition: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  for (let waited = 0; waited < limitMs; waited += 20) {
    if (condition()) return;
    await sleep(20);
  }
  throw new Error(`never: ${what}`);
}

const spec = (marker: string) => `version: 1
split: { folds: 2 }
models:
  - name: hang
    kind: external
    command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(TRAINER)}]
    params: { marker: ${JSON.stringify(marker)} }
evaluation:
  permutationRepeats: 0
`;

describe('mlcycle train interrupted by a signal', () => {
  let project: ReturnType<typeof tempProject>;
  before(() => {
    ensureCliBuilt();
    project = tempProject('penguins');
  });
  after(() => project.dispose());

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal}: message, exit ${code}, the trainer's process group stopped, no partial folder`, async () => {
      const marker = join(project.root, `${signal}.marker.json`);
      const specFile = `${signal}.yaml`;
      await import('node:fs/promises').then((fs) => fs.writeFile(join(project.root, specFile), spec(marker)));
      const child = spawn(process.execPath, [BIN, 'train', specFile], { cwd: project.root });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      await until(() => existsSync(marker) || child.exitCode !== null, 'the trainer started');
      assert.ok(existsSync(marker), `the CLI exited before the trainer started: ${stderr}`);
      const pids = JSON.parse(readFileSync(marker, 'utf8')) as { trainer: number; grandchild: number };
      assert.ok(processAlive(pids.trainer) && processAlive(pids.grandchild));

      child.kill(signal);
      assert.equal(await exited, code, stderr);
      assert.match(stderr, new RegExp(`${signal} received, stopping`));
      assert.match(stderr, new RegExp(`mlcycle train: cancelled \\(${signal}\\)`));
      const runs = join(project.root, '.mlcycle', 'runs');
      assert.deepEqual(
        readdirSync(runs).filter((n) => n.includes('.partial-') || n.endsWith('.json')),
        [],
        'no temporary folder and no record',
      );
      await until(() => !processAlive(pids.trainer) && !processAlive(pids.grandchild), 'the trainer group is gone');
    });
  }

  it('a trainer that exits leaving a process behind: the process is stopped with it', async () => {
    const marker = join(project.root, 'finish.marker.json');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(join(project.root, 'finish.yaml'), spec(marker).replace('params: {', 'params: { finish: true,')),
    );
    const result = await train({ root: project.root, spec: 'finish.yaml', runId: 'finished' }, testContext());
    assert.equal(result.run.models.find((m) => m.name === 'hang')?.error, undefined);
    const pids = JSON.parse(readFileSync(marker, 'utf8')) as { trainer: number; grandchild: number };
    await until(() => !processAlive(pids.grandchild), 'the left-behind grandchild is stopped');
  });

  it('the next run removes temporary folders of runs whose process is gone, and keeps a live one', async () => {
    const runs = join(project.root, '.mlcycle', 'runs');
    mkdirSync(runs, { recursive: true });
    // A pid that surely ran and is gone: a child that has exited.
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      const stale = `.2026-01-01T00-00-00-000Z.partial-${gone.pid}`;
      const running = `.2026-01-02T00-00-00-000Z.partial-${live.pid}`;
      mkdirSync(join(runs, stale, 'm.external'), { recursive: true });
      mkdirSync(join(runs, running));
      await import('node:fs/promises').then((fs) =>
        fs.writeFile(
          join(project.root, 'quick.yaml'),
          PENGUINS_SPEC.replace('permutationRepeats: 2', 'permutationRepeats: 0'),
        ),
      );
      await train({ root: project.root, spec: 'quick.yaml', runId: 'after-crash' }, testContext());
      const left = readdirSync(runs);
      assert.ok(!left.includes(stale), "the crashed run's folder is removed");
      assert.ok(left.includes(running), "a live process's folder is kept");
      assert.ok(left.includes('after-crash.json'));
      assert.deepEqual(await removeStalePartials(runs), []);
    } finally {
      live.kill('SIGKILL');
    }
  });
});
