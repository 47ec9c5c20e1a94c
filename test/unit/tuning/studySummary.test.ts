// The study view's summary: every chart's data from a fixture study, its numbers recomputed
// here by brute force, and the payload of a 10,000-trial study capped.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { RowTracker } from '../../../src/core/tuning/studyRows';
import { CAPS, summarizeStudy } from '../../../src/core/tuning/studySummary';
import { fixtureStudy, fixtureTrial, fixtureTrials } from './studyFixture';

describe('study summary', () => {
  it('counts, best-so-far, EDF, stages, intermediate values and the Pareto front of a small study', () => {
    const study = fixtureStudy(2);
    const trials = fixtureTrials(60);
    const s = summarizeStudy(study, trials);
    const done = trials.filter((t) => t.state === 'complete');
    assert.equal(s.counts.complete, done.length);
    assert.equal(s.counts.failed, trials.filter((t) => t.state === 'failed').length);
    assert.ok(s.counts.pruned > 0 && s.counts.failed > 0);
    // Best so far (maximize): the running max at each trial, checked at every history point.
    const h = s.history[0];
    assert.equal(h.trials.numbers.length, done.length);
    let best = -Infinity;
    const runningMax = new Map<number, number>();
    for (const t of done) runningMax.set(t.number, (best = Math.max(best, t.values![0])));
    h.bestSoFar.numbers.forEach((n, i) => assert.equal(h.bestSoFar.values[i], runningMax.get(n)));
    assert.equal(h.bestSoFar.values.at(-1), Math.max(...done.map((t) => t.values![0])));
    // Minimize objective: best so far is the running min.
    assert.equal(s.history[1].bestSoFar.values.at(-1), Math.min(...done.map((t) => t.values![1])));
    // EDF: sorted values with (i+1)/n.
    const sorted = done.map((t) => t.values![0]).sort((a, b) => a - b);
    assert.deepEqual(s.edf[0].x, sorted);
    assert.equal(s.edf[0].y.at(-1), 1);
    assert.deepEqual(
      s.stages.map((x) => [x.index, x.firstTrial, x.changes.length]),
      [
        [0, 0, 0],
        [1, 30, 1],
      ],
    );
    assert.ok(s.intermediate.some((c) => c.state === 'pruned') && s.intermediate.some((c) => c.state === 'complete'));
    assert.ok(!s.intermediate.some((c) => c.state === 'failed'));
    // Pareto front: no front trial dominated by any complete trial.
    const front = s.pareto!.frontNumbers;
    assert.ok(front.length > 0);
    for (const n of front) {
      const a = trials[n].values!;
      assert.ok(
        !done.some((o) => o.values![0] >= a[0] && o.values![1] <= a[1] && (o.values![0] > a[0] || o.values![1] < a[1])),
      );
    }
    assert.equal(s.best, undefined, 'several objectives: a front, not one best');
    assert.equal(s.importance.method, 'PED-ANOVA');
    assert.equal(s.importance.params[0].name, 'x');
    assert.ok(s.contour && s.contour.x === 'x');
    assert.equal(s.sample.numbers.length, done.length);
  });

  it('one objective: the best trial, no Pareto front', () => {
    const s = summarizeStudy(fixtureStudy(1), fixtureTrials(40, 1));
    assert.equal(s.pareto, undefined);
    assert.ok(s.best);
  });

  it('caps a 10,000-trial study: summary and rows measured, then only changed rows', () => {
    const study = fixtureStudy(2);
    const trials = fixtureTrials(10_000);
    const started = performance.now();
    const s = summarizeStudy(study, trials);
    const ms = performance.now() - started;
    assert.ok(s.history[0].trials.numbers.length <= CAPS.history + s.history[0].bestSoFar.numbers.length);
    assert.ok(s.sample.numbers.length <= CAPS.sample + 1);
    assert.ok(s.intermediate.length <= CAPS.curves);
    assert.ok(s.edf[0].x.length === CAPS.edf);
    assert.ok(s.omitted.length >= 2);
    const summaryBytes = JSON.stringify(s).length;
    const rows = new RowTracker();
    const all = rows.changed(trials, s.params, 2);
    const rowBytes = JSON.stringify(all).length;
    assert.equal(all.length, 10_000);
    const next = [...trials, fixtureTrial(10_000, 5000)];
    const delta = rows.changed(next, s.params, 2);
    assert.deepEqual(
      delta.map((r) => r.number),
      [10_000],
    );
    console.log(
      `[study summary] 10,000 trials: summary ${(summaryBytes / 1024).toFixed(0)} KiB in ${ms.toFixed(0)} ms, ` +
        `all rows ${(rowBytes / 1024).toFixed(0)} KiB once, then ${JSON.stringify(delta).length} B per new trial`,
    );
    assert.ok(summaryBytes < 400_000, `summary ${summaryBytes} B`);
  });
});
