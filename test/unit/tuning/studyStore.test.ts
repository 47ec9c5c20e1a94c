import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runStudy, type TrialRecord } from '../../../src/core/tuning/study';
import {
  appendTrial,
  createStudy,
  loadStudy,
  lockStudy,
  parseTrialLog,
  STUDY_FORMAT_VERSION,
} from '../../../src/core/tuning/studyStore';
import { trialRandom } from '../../../src/core/tuning/trialRandom';
import type { SearchSpace } from '../../../src/core/tuning/types';

const space: SearchSpace = { params: [{ name: 'x', distribution: { type: 'float', low: 0, high: 1 } }] };
const project = () => mkdtempSync(join(tmpdir(), 'mlcycle-study-'));
const init = { directions: ['minimize' as const], seed: 11, space, stages: [], spec: { note: 'from tuning.yaml' } };
const trial = (number: number, state: TrialRecord['state'], x = number / 10): TrialRecord => ({
  number,
  state,
  params: { x },
  intermediate: [],
  ...(state === 'complete' ? { values: [x] } : {}),
});

describe('study store', () => {
  it('round-trips a study and keeps the last snapshot of each trial', async () => {
    const root = project();
    const { dir, study } = await createStudy(root, init, new Date('2026-12-07T10:00:00Z'));
    appendTrial(dir, trial(0, 'running'));
    appendTrial(dir, trial(1, 'running'));
    appendTrial(dir, trial(0, 'complete'));
    appendTrial(dir, { ...trial(1, 'pruned'), intermediate: [[0, 0.5]], values: [0.5] });
    const loaded = await loadStudy(root, study.id);
    assert.equal(loaded.study.format, STUDY_FORMAT_VERSION);
    assert.deepEqual(loaded.study.spec, { note: 'from tuning.yaml' });
    assert.deepEqual(
      loaded.trials.map((t) => [t.number, t.state]),
      [
        [0, 'complete'],
        [1, 'pruned'],
      ],
    );
    assert.deepEqual(loaded.notices, []);
  });

  it('drops a torn last line with a notice, and the next append cuts it off first', async () => {
    const root = project();
    const { dir, study } = await createStudy(root, init);
    appendTrial(dir, trial(0, 'complete'));
    appendFileSync(join(dir, 'trials.jsonl'), '{"number":1,"state":"comp');
    let loaded = await loadStudy(root, study.id);
    assert.equal(loaded.trials.length, 1);
    assert.match(loaded.notices[0], /trials\.jsonl: the last line \(2\) was cut off/);
    appendTrial(dir, trial(1, 'complete'));
    loaded = await loadStudy(root, study.id);
    assert.deepEqual(
      loaded.trials.map((t) => t.number),
      [0, 1],
    );
  });

  it('refuses a damaged line in the middle, naming the file and line', () => {
    const text = `${JSON.stringify(trial(0, 'complete'))}\nnot json\n${JSON.stringify(trial(1, 'complete'))}\n`;
    assert.throws(() => parseTrialLog(text, 'trials.jsonl', []), /trials\.jsonl, line 2: not a trial record/);
  });

  it('a complete line without its newline is still torn (the write did not finish)', () => {
    const notices: string[] = [];
    const text = `${JSON.stringify(trial(0, 'complete'))}\n${JSON.stringify(trial(1, 'complete'))}`;
    assert.equal(parseTrialLog(text, 'trials.jsonl', notices).length, 1);
    assert.equal(notices.length, 1);
  });

  it('refuses a study from a newer format and migrates format 0', async () => {
    const root = project();
    const { dir, study } = await createStudy(root, init);
    writeFileSync(join(dir, 'study.json'), JSON.stringify({ ...study, format: STUDY_FORMAT_VERSION + 1 }));
    await assert.rejects(
      loadStudy(root, study.id),
      /written by a newer ML Lifecycle \(study format 2; this version reads up to 1\)/,
    );
    const v0 = {
      version: 0,
      id: study.id,
      created: study.created,
      direction: 'maximize',
      seed: 3,
      space,
      trials: 40,
      spec: {},
    };
    writeFileSync(join(dir, 'study.json'), JSON.stringify(v0));
    const loaded = await loadStudy(root, study.id);
    assert.deepEqual(loaded.study.directions, ['maximize']);
    assert.deepEqual(loaded.study.stages, [{ index: 0, space, trials: 40 }]);
    assert.match(loaded.notices[0], /study format 0 read as format 1/);
    assert.equal(JSON.parse(readFileSync(join(dir, 'study.json'), 'utf8')).version, 0, 'loading rewrites nothing');
  });

  it('names a missing study', async () => {
    await assert.rejects(
      loadStudy(project(), '2026-01-01T00-00-00-000Z'),
      /There is no study "2026-01-01T00-00-00-000Z"/,
    );
  });

  it('locks: a live owner refuses, a dead owner is taken over', async () => {
    const root = project();
    const { dir, study } = await createStudy(root, init);
    writeFileSync(join(dir, 'owner.json'), JSON.stringify({ pid: process.ppid }));
    await assert.rejects(
      lockStudy(dir, study.id),
      new RegExp(`Study ${study.id} is running in process ${process.ppid}`),
    );
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'owner.json'), JSON.stringify({ pid: Number(dead.stdout) }));
    const release = await lockStudy(dir, study.id);
    assert.equal(JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')).pid, process.pid);
    await release();
  });

  it('resumes after the study process was killed mid-trial: the interrupted trial runs again', async () => {
    const root = project();
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/killedStudy.ts'), root], {
      encoding: 'utf8',
    });
    assert.equal(child.signal, 'SIGKILL', child.stderr);
    const id = child.stdout.trim();
    const loaded = await loadStudy(root, id);
    assert.deepEqual(
      loaded.trials.map((t) => [t.number, t.state]),
      [
        [0, 'complete'],
        [1, 'complete'],
        [2, 'complete'],
        [3, 'running'],
      ],
    );
    await lockStudy(loaded.dir, id); // the dead process's lock is taken over
    const ran: number[] = [];
    const resumed = await runStudy({
      space,
      sampler: { name: 'random', sample: ({ seed, number }) => ({ x: trialRandom(seed, number)() }) },
      directions: ['minimize'],
      seed: loaded.study.seed,
      trials: 6 - loaded.trials.length,
      history: loaded.trials,
      onTrial: (t) => appendTrial(loaded.dir, t),
      objective: async (p, ctx) => {
        ran.push(ctx.number);
        return [p.x as number];
      },
    });
    assert.deepEqual(ran, [3, 4, 5]);
    assert.equal(resumed.trials.length, 6);
    assert.equal(resumed.trials[3].params.x, loaded.trials[3].params.x);
    const reloaded = await loadStudy(root, id);
    assert.ok(reloaded.trials.every((t) => t.state === 'complete'));
  });
});
