// The study view's payloads from a study on disk: the whole report first (two objectives,
// pruned, failed and running trials), then updates carrying only the rows that changed, the
// follower reading only appended lines (a line still being written waits; a log that shrank is
// reread), the lock telling whether the study runs, and the promoted trial from its record.
// The rows are checked against the trials themselves, the summary against summarizeStudy.
import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { StudyFeed } from '../../../src/core/tuning/studyFeed';
import { StudyFollower } from '../../../src/core/tuning/studyFollow';
import { trialRow } from '../../../src/core/tuning/studyRows';
import { summarizeStudy } from '../../../src/core/tuning/studySummary';
import { loadStudy } from '../../../src/core/tuning/studyStore';
import { fixtureTrial } from './studyFixture';
import { logTrial, projectOf, tempRoot, writeStudy } from './studyOnDisk';

const FIXED = () => new Date('2026-12-08T00:00:00.000Z');

describe('study feed', () => {
  const roots: string[] = [];
  const root = () => {
    const r = tempRoot();
    roots.push(r);
    return r;
  };
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('builds the whole report of a study with two objectives, pruned, failed and running trials', async () => {
    const r = root();
    const { loaded, trials } = await writeStudy(r, 60, { running: 2 });
    const feed = new StudyFeed(r, loaded.study.id, projectOf(r), FIXED);
    const report = await feed.full();
    assert.equal(report.kind, 'study');
    assert.equal(report.generatedAt, '2026-12-08T00:00:00.000Z');
    assert.equal(report.rows.length, 62);
    // The summary is the core's summary of the trials as the store loads them.
    const onDisk = await loadStudy(r, loaded.study.id);
    assert.deepEqual(report.summary, summarizeStudy(onDisk.study, onDisk.trials));
    assert.equal(report.summary.counts.running, 2);
    assert.ok(report.summary.counts.pruned > 0 && report.summary.counts.failed > 0);
    assert.ok(report.summary.pareto && report.summary.pareto.frontNumbers.length > 0);
    // Each row is its trial's final snapshot, parameters in the summary's axis order.
    for (const t of trials) {
      const row = report.rows[t.number];
      assert.equal(row.number, t.number);
      assert.equal(row.state, t.state);
      assert.deepEqual(row, trialRow(t, report.summary.params, 2));
    }
    const failed = report.rows.find((x) => x.state === 'failed')!;
    assert.deepEqual(failed.values, [null, null]);
    assert.match(failed.error!, /singular matrix/);
    const pruned = report.rows.find((x) => x.state === 'pruned')!;
    assert.equal(pruned.values[1], null, 'a pruned trial has its last intermediate value only');
    assert.deepEqual(report.status, { running: false, notices: [] });
    // Nothing changed: no update at all.
    assert.equal(await feed.next(), undefined);
  });

  it('sends only the rows that changed, and the new summary', async () => {
    const r = root();
    const { loaded } = await writeStudy(r, 30, { running: 1, objectives: 1, stageFrom: 15 });
    const feed = new StudyFeed(r, loaded.study.id, projectOf(r), FIXED);
    await feed.full();
    logTrial(loaded.dir, fixtureTrial(30, 15, 1)); // the running trial finishes
    logTrial(loaded.dir, fixtureTrial(31, 15, 1)); // and another runs and finishes
    const update = await feed.next();
    assert.ok(update);
    assert.equal(update.type, 'study-update');
    assert.deepEqual(
      update.rows.map((x) => [x.number, x.state]),
      [
        [30, fixtureTrial(30, 15, 1).state],
        [31, fixtureTrial(31, 15, 1).state],
      ],
    );
    assert.equal(update.summary.total, 32);
    // The feed's report holds every row, the changed ones replaced.
    const report = feed.report();
    assert.equal(report.rows.length, 32);
    assert.equal(report.rows[30].state, update.rows[0].state);
    const onDisk = await loadStudy(r, loaded.study.id);
    assert.deepEqual(update.summary, summarizeStudy(onDisk.study, onDisk.trials));
    assert.equal(await feed.next(), undefined);
  });

  it('reads only complete lines, rereads a log that shrank, and names a damaged line', async () => {
    const r = root();
    const { loaded } = await writeStudy(r, 10, { objectives: 1 });
    const follower = new StudyFollower(r, loaded.study.id);
    const first = await follower.poll();
    assert.equal(first.study, true);
    assert.deepEqual(first.trials, [...Array(10).keys()]);
    const log = join(loaded.dir, 'trials.jsonl');
    // Half a line: nothing new until its newline arrives.
    const line = JSON.stringify(fixtureTrial(10, 5, 1));
    appendFileSync(log, line.slice(0, 40));
    assert.deepEqual((await follower.poll()).trials, []);
    appendFileSync(log, `${line.slice(40)}\n`);
    assert.deepEqual((await follower.poll()).trials, [10]);
    assert.equal(follower.trials.length, 11);
    // A torn line cut off (the log shrank): everything is read again.
    const size = Buffer.byteLength(line) + 1;
    const { statSync } = await import('node:fs');
    truncateSync(log, statSync(log).size - size);
    const again = await follower.poll();
    assert.equal(again.restarted, true);
    assert.equal(follower.trials.length, 10);
    // A damaged line in the middle of what was appended: an error naming the file and line.
    appendFileSync(log, 'not json\n');
    await assert.rejects(follower.poll(), /trials\.jsonl, line 21: not a trial record/);
  });

  it('says the study runs while a live process holds its lock, and names the promoted trial', async () => {
    const r = root();
    const { loaded } = await writeStudy(r, 12, { objectives: 1 });
    const feed = new StudyFeed(r, loaded.study.id, projectOf(r), FIXED);
    await feed.full();
    writeFileSync(join(loaded.dir, 'owner.json'), JSON.stringify({ pid: process.pid, since: FIXED().toISOString() }));
    const started = await feed.next();
    assert.equal(started?.status.running, true);
    assert.deepEqual(started?.rows, [], 'no row changed');
    rmSync(join(loaded.dir, 'owner.json'));
    assert.equal((await feed.next())?.status.running, false);
    mkdirSync(join(r, '.mlcycle/studies'), { recursive: true });
    writeFileSync(
      join(r, '.mlcycle/studies', `${loaded.study.id}.json`),
      JSON.stringify({ data: { promoted: { trial: 4, runId: 'run-1', at: '2026-12-08T00:00:00.000Z' } } }),
    );
    assert.deepEqual((await feed.next())?.status.promoted, {
      trial: 4,
      runId: 'run-1',
      at: '2026-12-08T00:00:00.000Z',
    });
  });

  it('measures a 10,000-trial study: the first report, then one new trial', async () => {
    const r = root();
    const { loaded } = await writeStudy(r, 10_000);
    const feed = new StudyFeed(r, loaded.study.id, projectOf(r));
    let t = performance.now();
    const report = await feed.full();
    const firstMs = performance.now() - t;
    const firstSummaryMs = feed.lastCost.summaryMs;
    logTrial(loaded.dir, fixtureTrial(10_000, 5000));
    t = performance.now();
    const update = await feed.next();
    const nextMs = performance.now() - t;
    assert.deepEqual(
      update?.rows.map((x) => x.number),
      [10_000],
    );
    const idle: number[] = [];
    for (let i = 0; i < 7; i++) {
      t = performance.now();
      assert.equal(await feed.next(), undefined);
      idle.push(performance.now() - t);
    }
    const idleMs = idle.sort((a, b) => a - b)[3];
    console.log(
      `[study feed] 10,000 trials: first report ${firstMs.toFixed(0)} ms (summary ${firstSummaryMs.toFixed(0)} ms, ` +
        `${(JSON.stringify(report).length / 1024).toFixed(0)} KiB); one new trial ${nextMs.toFixed(0)} ms ` +
        `(summary ${feed.lastCost.summaryMs.toFixed(0)} ms, update ${(JSON.stringify(update).length / 1024).toFixed(0)} KiB); ` +
        `a poll that finds nothing ${idleMs.toFixed(1)} ms (median of 7)`,
    );
  });
});
