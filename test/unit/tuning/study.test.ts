import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { runStudy, ALL_FAILED_AFTER, type Objective, type TrialRecord } from '../../../src/core/tuning/study';
import { TrialPruned } from '../../../src/core/tuning/trialPruned';
import { trialRandom } from '../../../src/core/tuning/trialRandom';
import type { Pruner, Sampler, SampleRequest, SearchSpace } from '../../../src/core/tuning/types';
import { fakeClock } from '../support/fakeClock';

const space: SearchSpace = { params: [{ name: 'x', distribution: { type: 'float', low: -5, high: 5 } }] };

/** A history-dependent sampler: moves towards the best visible result, so any leak of hidden results changes params. */
function hillSampler(seen?: SampleRequest[]): Sampler {
  return {
    name: 'hill',
    sample(req) {
      seen?.push(req);
      const rand = trialRandom(req.seed, req.number);
      const done = req.trials.filter((t) => t.state === 'complete');
      if (done.length === 0) return { x: -5 + 10 * rand() };
      const best = done.reduce((a, b) => (a.values![0] <= b.values![0] ? a : b));
      return { x: (best.params.x as number) + (rand() - 0.5) };
    },
  };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An objective whose trials finish when the test says: `order` picks which pending trial ends next. */
function controlled(order: (pending: number[]) => number) {
  const pending = new Map<number, () => void>();
  const objective: Objective = (params, ctx) =>
    new Promise((resolve) => pending.set(ctx.number, () => resolve([((params.x as number) - 1) ** 2])));
  const drive = async (done: Promise<unknown>) => {
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      await turn();
      if (pending.size === 0) continue;
      const next = order([...pending.keys()].sort((a, b) => a - b));
      const resolve = pending.get(next)!;
      pending.delete(next);
      resolve();
    }
  };
  return { objective, drive };
}

async function parallelRun(order: (pending: number[]) => number, seen?: SampleRequest[]) {
  const { objective, drive } = controlled(order);
  const study = runStudy({
    space,
    sampler: hillSampler(seen),
    directions: ['minimize'],
    seed: 7,
    trials: 20,
    parallel: 3,
    objective,
  });
  await drive(study);
  return study;
}

describe('runStudy', () => {
  it('runs the budget sequentially and picks the best complete trial (ties to the lowest number)', async () => {
    const r = await runStudy({
      space,
      sampler: hillSampler(),
      directions: ['minimize'],
      seed: 1,
      trials: 12,
      objective: async (p) => [Math.round(((p.x as number) - 1) ** 2)],
    });
    assert.equal(r.stopReason, 'budget');
    assert.equal(r.trials.length, 12);
    assert.ok(r.trials.every((t) => t.state === 'complete'));
    const min = Math.min(...r.trials.map((t) => t.values![0]));
    assert.equal(r.best!.number, r.trials.find((t) => t.values![0] === min)!.number);
  });

  it('gives the same parameters with 3 parallel trials whatever order they finish in', async () => {
    const seenOldest: SampleRequest[] = [];
    const oldest = await parallelRun((p) => p[0], seenOldest);
    const newest = await parallelRun((p) => p[p.length - 1]);
    const middle = await parallelRun((p) => p[p.length >> 1]);
    const params = (r: { trials: TrialRecord[] }) => r.trials.map((t) => t.params.x);
    assert.deepEqual(params(newest), params(oldest));
    assert.deepEqual(params(middle), params(oldest));
    // Trial i saw the trials i-2 and i-1 as running, and the results of the rest.
    for (const req of seenOldest) {
      assert.equal(req.trials.length, req.number);
      for (const t of req.trials) assert.equal(t.state, t.number >= req.number - 2 ? 'running' : 'complete');
    }
  });

  it('never runs more trials at once than asked', async () => {
    let live = 0;
    let most = 0;
    const { objective, drive } = controlled((p) => p[p.length - 1]);
    const counting: Objective = async (params, ctx) => {
      live++;
      most = Math.max(most, live);
      try {
        return await objective(params, ctx);
      } finally {
        live--;
      }
    };
    const study = runStudy({
      space,
      sampler: hillSampler(),
      directions: ['minimize'],
      seed: 3,
      trials: 15,
      parallel: 4,
      objective: counting,
    });
    await drive(study);
    assert.equal(most, 4);
  });

  it('records a failing trial with its error and goes on', async () => {
    const r = await runStudy({
      space,
      sampler: hillSampler(),
      directions: ['minimize'],
      seed: 2,
      trials: 8,
      objective: async (p, ctx) => {
        if (ctx.number === 2) throw new Error('solver diverged');
        return [p.x as number];
      },
    });
    assert.equal(r.stopReason, 'budget');
    assert.equal(r.trials[2].state, 'failed');
    assert.equal(r.trials[2].error, 'solver diverged');
    assert.equal(r.trials.filter((t) => t.state === 'complete').length, 7);
  });

  it(`stops with the first error when the first ${ALL_FAILED_AFTER} trials all fail`, async () => {
    const r = await runStudy({
      space,
      sampler: hillSampler(),
      directions: ['minimize'],
      seed: 2,
      trials: 50,
      objective: async (_p, ctx) => {
        throw new Error(`no column "price" (trial ${ctx.number})`);
      },
    });
    assert.equal(r.stopReason, 'all-failed');
    assert.equal(r.trials.length, ALL_FAILED_AFTER);
    assert.equal(r.error, 'trial 0: no column "price" (trial 0)');
  });

  it('records a pruned trial with its intermediate values', async () => {
    const pruner: Pruner = { name: 'above-3', shouldPrune: ({ trial }) => trial.intermediate.at(-1)![1] > 3 };
    const r = await runStudy({
      space,
      sampler: { name: 'fixed', sample: ({ number }) => ({ x: number }) },
      pruner,
      directions: ['minimize'],
      seed: 0,
      trials: 6,
      objective: async (p, ctx) => {
        for (let step = 0; step < 4; step++) if (ctx.report(step, (p.x as number) + step)) throw new TrialPruned(step);
        return [(p.x as number) + 3];
      },
    });
    assert.deepEqual(
      r.trials.map((t) => t.state),
      ['complete', 'pruned', 'pruned', 'pruned', 'pruned', 'pruned'],
    );
    assert.deepEqual(r.trials[2].intermediate, [
      [0, 2],
      [1, 3],
      [2, 4],
    ]);
    assert.deepEqual(r.trials[2].values, [4]);
    assert.equal(r.best!.number, 0);
  });

  it('fails a trial that runs past its timeout (fake clock) and goes on', async () => {
    const clock = fakeClock();
    const r = await runStudy({
      space,
      sampler: hillSampler(),
      directions: ['minimize'],
      seed: 4,
      trials: 3,
      trialTimeoutSeconds: 2,
      clock,
      objective: (p, ctx) =>
        ctx.number === 1
          ? new Promise((_resolve, reject) => {
              ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
              clock.advance(2000); // the trial's own work moves time past its limit
            })
          : Promise.resolve([p.x as number]),
    });
    assert.deepEqual(
      r.trials.map((t) => t.state),
      ['complete', 'failed', 'complete'],
    );
    assert.equal(r.trials[1].error, 'timed out after 2 s');
    assert.equal(clock.pending, 0);
  });

  it('starts no trial after the wall-clock budget (fake clock)', async () => {
    const clock = fakeClock();
    const r = await runStudy({
      space,
      sampler: hillSampler(),
      directions: ['minimize'],
      seed: 5,
      trials: 100,
      timeoutSeconds: 25,
      clock,
      objective: async (p) => {
        clock.skip(10_000);
        return [p.x as number];
      },
    });
    assert.equal(r.stopReason, 'timeout');
    assert.equal(r.trials.length, 3);
  });

  it('keeps finished trials on cancel, leaves the running one running, and a resume re-runs it', async () => {
    const controller = new AbortController();
    const events: TrialRecord[] = [];
    const objective: Objective = (p, ctx) =>
      new Promise((resolve, reject) => {
        if (ctx.number === 3 && !controller.signal.aborted) {
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
          controller.abort(new Error('cancelled by the user'));
          return;
        }
        resolve([p.x as number]);
      });
    const first = await runStudy({
      space,
      sampler: hillSampler(),
      directions: ['minimize'],
      seed: 6,
      trials: 6,
      objective,
      signal: controller.signal,
      onTrial: (t) => events.push(t),
    });
    assert.equal(first.stopReason, 'cancelled');
    assert.deepEqual(
      first.trials.map((t) => t.state),
      ['complete', 'complete', 'complete', 'running'],
    );
    assert.ok(!events.some((e) => e.number === 3 && e.state !== 'running'));
    const reruns: number[] = [];
    const resumed = await runStudy({
      space,
      sampler: hillSampler(),
      directions: ['minimize'],
      seed: 6,
      trials: 2,
      history: first.trials,
      objective: async (p, ctx) => {
        reruns.push(ctx.number);
        return [p.x as number];
      },
    });
    assert.deepEqual(reruns, [3, 4, 5]);
    assert.equal(resumed.trials[3].params.x, first.trials[3].params.x);
    assert.ok(resumed.trials.every((t) => t.state === 'complete'));
    // The same study without the cancel samples the same parameters.
    const straight = await runStudy({
      space,
      sampler: hillSampler(),
      directions: ['minimize'],
      seed: 6,
      trials: 6,
      objective: async (p) => [p.x as number],
    });
    assert.deepEqual(
      resumed.trials.map((t) => t.params.x),
      straight.trials.map((t) => t.params.x),
    );
  });
});
