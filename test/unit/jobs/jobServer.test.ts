import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobError } from '../../../src/protocol/jobError';
import type { JobContext, JobFunction, WorkerMessage } from '../../../src/protocol/jobs';
import { JobServer } from '../../../src/worker/jobServer';
import { createJobRegistry, type JobRegistry } from '../../../src/worker/jobs';
import { fakeClock } from '../support/fakeClock';

/** A server over a registry of ad-hoc jobs, with every message it sends. */
function serverWith(jobs: Record<string, JobFunction<unknown, unknown>>) {
  const sent: WorkerMessage[] = [];
  const server = new JobServer(jobs as unknown as JobRegistry, (m) => sent.push(m));
  const settled = (id: number) =>
    (async () => {
      for (;;) {
        const done = sent.find((m) => (m.type === 'result' || m.type === 'error') && m.id === id);
        if (done) return done;
        await sleep(5);
      }
    })();
  return { server, sent, settled };
}

describe('JobServer', () => {
  it('runs a job and sends its result', async () => {
    const { server, settled } = serverWith({ double: async (p) => (p as number) * 2 });
    server.handle({ type: 'run', id: 1, job: 'double', params: 21 });
    assert.deepEqual(await settled(1), { type: 'result', id: 1, result: 42 });
  });

  it('answers pings while a job is running', async () => {
    const { server, sent, settled } = serverWith({ wait: async () => sleep(100) });
    server.handle({ type: 'run', id: 1, job: 'wait', params: null });
    server.handle({ type: 'ping', id: 2 });
    assert.deepEqual(sent[0], { type: 'pong', id: 2 });
    await settled(1);
  });

  it('turns failures into JobErrorData, keeping codes and locations', async () => {
    const { server, settled } = serverWith({
      bad: async () => {
        throw new JobError('bad-input', 'data.csv:3:4: broken', { file: 'data.csv', line: 3, column: 4 });
      },
      bug: async () => {
        throw new TypeError('undefined is not a function');
      },
      sync: (() => {
        throw new Error('thrown before any await');
      }) as unknown as JobFunction<unknown, unknown>,
    });
    server.handle({ type: 'run', id: 1, job: 'bad', params: null });
    server.handle({ type: 'run', id: 2, job: 'bug', params: null });
    server.handle({ type: 'run', id: 3, job: 'sync', params: null });
    server.handle({ type: 'run', id: 4, job: 'missing', params: null });
    const bad = await settled(1);
    assert.ok(bad.type === 'error');
    assert.equal(bad.error.code, 'bad-input');
    assert.equal(bad.error.line, 3);
    assert.equal(bad.error.column, 4);
    const bug = await settled(2);
    assert.ok(bug.type === 'error' && bug.error.code === 'failed' && bug.error.stack?.includes('TypeError'));
    const sync = await settled(3);
    assert.ok(sync.type === 'error' && sync.error.code === 'failed');
    const missing = await settled(4);
    assert.ok(
      missing.type === 'error' &&
        missing.error.code === 'bad-input' &&
        /Unknown job "missing"/.test(missing.error.message),
    );
  });

  it("cancels through the job's AbortSignal", async () => {
    const { server, settled } = serverWith({
      forever: (_p, ctx) =>
        new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
    });
    server.handle({ type: 'run', id: 7, job: 'forever', params: null });
    server.handle({ type: 'cancel', id: 7 });
    const done = await settled(7);
    assert.ok(done.type === 'error' && done.error.code === 'cancelled');
    assert.equal(server.runningCount, 0);
  });

  it('sends at most one progress message per interval, the latest one, in order', async () => {
    // The test's clock: the job reports every 5 ms of its time for 300 ms, and time passes only
    // when it says so, so the count is the same on any machine.
    const clock = fakeClock();
    const t0 = clock.now();
    const sent: WorkerMessage[] = [];
    const sentAt: number[] = [];
    const jobs = {
      chatty: async (_p: unknown, ctx: JobContext) => {
        for (let i = 1; i <= 60; i++) {
          ctx.report({ fraction: i / 60 });
          clock.advance(5);
        }
        return 'done';
      },
    };
    const server = new JobServer(
      jobs as unknown as JobRegistry,
      (m) => {
        sent.push(m);
        if (m.type === 'progress') sentAt.push(clock.now() - t0);
      },
      100,
      clock,
    );
    server.handle({ type: 'run', id: 1, job: 'chatty', params: null });
    await Promise.resolve();
    await Promise.resolve();
    const fractions = sent.flatMap((m) => (m.type === 'progress' && m.fraction !== undefined ? [m.fraction] : []));
    // At 0 ms the first report goes at once; each later window sends the latest report it held.
    assert.deepEqual(sentAt, [0, 100, 200, 300]);
    assert.deepEqual(fractions, [1 / 60, 20 / 60, 40 / 60, 60 / 60]);
    assert.equal(sent.at(-1)?.type, 'result');
    assert.equal(clock.pending, 0, 'the held progress timer was cleared when the job finished');
  });

  it('never sends an older progress after a newer one, even when the job starves the timers', async () => {
    const clock = fakeClock();
    const sent: WorkerMessage[] = [];
    const jobs = {
      busy: async (_p: unknown, ctx: JobContext) => {
        ctx.report({ fraction: 0.1 }); // sent at once
        ctx.report({ fraction: 0.2 }); // held for the flush timer, due at 100 ms
        clock.skip(150); // synchronous work (like tokenizing a chunk): the timer cannot fire
        ctx.report({ fraction: 0.3 }); // the interval has passed: sent at once
        clock.advance(150); // now the overdue timer would fire, had it not been dropped
      },
    };
    const server = new JobServer(jobs as unknown as JobRegistry, (m) => sent.push(m), 100, clock);
    server.handle({ type: 'run', id: 1, job: 'busy', params: null });
    await Promise.resolve();
    await Promise.resolve();
    const fractions = sent.flatMap((m) => (m.type === 'progress' && m.fraction !== undefined ? [m.fraction] : []));
    assert.deepEqual(fractions, [0.1, 0.3]);
    assert.equal(sent.at(-1)?.type, 'result');
  });

  it('ignores malformed messages', () => {
    const { server, sent } = serverWith({});
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      for (const junk of [null, 42, { type: 'run' }, { type: 'nope', id: 1 }, { type: 'ping' }]) server.handle(junk);
    } finally {
      process.stderr.write = write;
    }
    assert.deepEqual(sent, []);
  });

  it('registers the diagnostics job only when asked', () => {
    assert.equal(createJobRegistry().diagnostics, undefined);
    assert.equal(typeof createJobRegistry({ diagnostics: true }).diagnostics, 'function');
    assert.equal(typeof createJobRegistry().inspect, 'function');
  });
});
