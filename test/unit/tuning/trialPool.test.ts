// Trials on worker threads (threads/trialPool.ts): the same parameters, states and values for the
// same seed and the same `parallel` whatever order the threads finish in (the order forced from
// inside the trials, not by timers), the same as the one-thread interleaving; a crashed or
// exited thread fails only its trial; cancel and the per-trial timeout end a trial whose fit
// never looks at its signal by terminating its thread, and a fresh thread takes the next trial.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { medianPruner } from '../../../src/core/tuning/pruners';
import { TpeSampler } from '../../../src/core/tuning/samplers/tpe';
import { runStudy, type RunStudyOptions, type TrialRecord } from '../../../src/core/tuning/study';
import { TrialPool } from '../../../src/core/tuning/threads/trialPool';
import { TrialPruned } from '../../../src/core/tuning/trialPruned';
import type { SearchSpace } from '../../../src/core/tuning/types';
import { createThreadObjective, type FixtureOptions } from './fixtures/threadObjective';

const FIXTURE = join(__dirname, 'fixtures', 'threadObjective.ts');
const TRIALS = 16;
const STEPS = 4;

const space: SearchSpace = {
  params: [
    { name: 'x', distribution: { type: 'float', low: -5, high: 5 } },
    { name: 'y', distribution: { type: 'float', low: -5, high: 5 } },
  ],
};

const pools: TrialPool[] = [];
function pool(options: Partial<FixtureOptions>, size = 2, graceMs?: number): TrialPool {
  const p = new TrialPool(
    { kind: 'module', path: FIXTURE, options: { steps: STEPS, trials: TRIALS, ...options } },
    size,
    graceMs,
  );
  pools.push(p);
  return p;
}
after(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

function study(extra: Partial<RunStudyOptions> & Pick<RunStudyOptions, 'objective'>) {
  return runStudy({
    space,
    sampler: new TpeSampler({ startupTrials: 4 }),
    pruner: medianPruner({ startupTrials: 2 }),
    directions: ['minimize'],
    seed: 11,
    trials: TRIALS,
    parallel: 2,
    ...extra,
  });
}

/** A study on threads where the trials finish in `order`; returns the trials and the order their ends were recorded. */
async function threaded(order: 'odd-first' | 'in-order') {
  const finished = new Int32Array(new SharedArrayBuffer(4 * TRIALS));
  const p = pool({ order, finished });
  const ends: number[] = [];
  const result = await study({
    objective: p.objective,
    onTrial: (t) => {
      if (t.state === 'running') return;
      ends.push(t.number);
      Atomics.store(finished, t.number, 1);
      Atomics.notify(finished, t.number);
    },
  });
  await p.close();
  return { result, ends };
}

const summary = (trials: TrialRecord[]) =>
  trials.map((t) => ({ number: t.number, state: t.state, params: t.params, values: t.values }));

describe('trial pool (worker threads)', () => {
  it('gives every trial the same parameters, state and value whatever order the threads finish in', async () => {
    const a = await threaded('odd-first');
    const b = await threaded('in-order');
    // The orders really differ, as forced.
    const numbers = [...Array(TRIALS).keys()];
    assert.deepEqual(
      a.ends,
      numbers.map((n) => n ^ 1),
    );
    assert.deepEqual(b.ends, numbers);
    assert.equal(a.result.trials.length, TRIALS);
    assert.deepEqual(summary(a.result.trials), summary(b.result.trials));
    // The pruner acted (so its decisions were part of what had to agree) and most trials completed.
    assert.ok(
      a.result.trials.some((t) => t.state === 'pruned'),
      'some trial pruned',
    );
    assert.ok(a.result.trials.filter((t) => t.state === 'complete').length >= TRIALS / 2);
    // The same study in one thread (async interleaving, as before threads): the same trials.
    const inline = await createThreadObjective({ steps: STEPS, trials: TRIALS });
    const one = await study({ objective: async (params, ctx) => (await inline.run(params, ctx)).values });
    assert.deepEqual(summary(one.trials), summary(a.result.trials));
  });

  it('fails only the trial whose thread crashed or exited, and goes on with a fresh thread', async () => {
    const p = pool({ crash: [2], exit: [5] });
    const result = await study({ objective: p.objective, trials: 8, pruner: undefined });
    const byNumber = new Map(result.trials.map((t) => [t.number, t]));
    assert.equal(byNumber.get(2)!.state, 'failed');
    assert.match(byNumber.get(2)!.error!, /the trial's thread crashed: boom in trial 2/);
    assert.equal(byNumber.get(5)!.state, 'failed');
    assert.match(byNumber.get(5)!.error!, /exited unexpectedly \(code 7\)/);
    assert.equal(result.trials.filter((t) => t.state === 'complete').length, 6);
    assert.equal(result.stopReason, 'budget');
    assert.equal(p.stats.crashed, 2);
    // Each crashed thread was replaced (how many were needed at once depends on which ended first).
    assert.ok(p.stats.started >= 3);
    assert.ok(p.threadCount <= 2);
  });

  it('cancel: a trial that never looks at its signal ends at once, its thread is terminated and replaced', async () => {
    const p = pool({ hang: [3] }, 2, 20);
    const controller = new AbortController();
    const result = await study({
      objective: p.objective,
      pruner: undefined,
      signal: controller.signal,
      onTrial: (t) => {
        // Trial 4 starts once trial 2 ended, while trial 3 hangs on its thread.
        if (t.number === 4 && t.state === 'running') controller.abort();
      },
    });
    assert.equal(result.stopReason, 'cancelled');
    // Interrupted trials stay 'running' (a resume runs them again); trials before them completed.
    assert.equal(result.trials.find((t) => t.number === 3)!.state, 'running');
    assert.ok(result.trials.filter((t) => t.number <= 2).every((t) => t.state === 'complete'));
    assert.equal(result.trials.length, 5);
    assert.equal(result.trials.find((t) => t.number === 4)!.state, 'running');
    // The hanging thread cannot answer the abort: it is terminated after the grace period.
    for (let i = 0; i < 1000 && p.stats.terminated === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(p.stats.terminated, 1);
    // A fresh thread takes the next trial.
    const next = await p.run(
      { x: 1, y: -2 },
      { number: 99, params: {}, report: () => false, signal: new AbortController().signal },
    );
    assert.deepEqual(next.values, [1 / STEPS]);
  });

  it('the per-trial timeout fails a hanging trial with "timed out after S s" and the study goes on', async () => {
    const p = pool({ hang: [1] }, 2, 20);
    // Threads started and their objectives built before the study: no trial's clock counts that.
    await p.warm();
    assert.equal(p.threadCount, 2);
    const result = await study({ objective: p.objective, pruner: undefined, trials: 6, trialTimeoutSeconds: 2 });
    const hung = result.trials.find((t) => t.number === 1)!;
    assert.equal(hung.state, 'failed');
    assert.equal(hung.error, 'timed out after 2 s');
    assert.equal(result.trials.filter((t) => t.state === 'complete').length, 5);
    assert.equal(result.stopReason, 'budget');
    for (let i = 0; i < 1000 && p.stats.terminated === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(p.stats.terminated, 1);
    assert.ok(p.stats.started >= 3);
    assert.ok(p.threadCount <= 2);
  });

  it('carries a pruned trial back as TrialPruned with its step', async () => {
    const p = pool({});
    await assert.rejects(
      p.run(
        { x: 3, y: 3 },
        { number: 0, params: {}, report: (step) => step === 2, signal: new AbortController().signal },
      ),
      (error: unknown) => error instanceof TrialPruned && error.step === 2,
    );
  });
});
