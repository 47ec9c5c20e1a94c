// End to end: the WorkerClient forks the real bundled worker (dist/worker.js) and drives it
// through the diagnostics job, which can sleep, block its event loop, or exit mid-job.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobError } from '../../../src/protocol/jobError';
import { WorkerClient, type WorkerClientOptions, type WorkerCrash } from '../../../src/jobs/workerClient';
import type { JobProgress } from '../../../src/protocol/jobs';
import type { ClientTimers } from '../../../src/jobs/clientTimers';
import { fakeClock } from '../support/fakeClock';
import { ensureWorkerBuilt } from './builtBundles';

let workerPath = '';

/** A client with diagnostics on and short timeouts; disposed after `body`. */
async function withClient(
  options: Partial<WorkerClientOptions>,
  body: (client: WorkerClient, crashes: WorkerCrash[], log: string[]) => Promise<void>,
) {
  const log: string[] = [];
  const client = new WorkerClient({
    workerPath,
    hangTimeoutMs: 10_000,
    heartbeatMs: 100,
    env: { MLCYCLE_DIAGNOSTICS: '1' },
    log: (line) => log.push(line),
    ...options,
  });
  const crashes: WorkerCrash[] = [];
  client.onDidCrash((crash) => crashes.push(crash));
  try {
    await body(client, crashes, log);
  } finally {
    client.dispose();
  }
}

async function rejectsWithCode(promise: Promise<unknown>, code: JobError['code']): Promise<JobError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JobError, `not a JobError: ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected a ${code} JobError`);
}

/** Settles with the job's first progress report (the work is provably under way). */
function firstProgress(): { onProgress: () => void; started: Promise<void> } {
  let onProgress = () => undefined as void;
  const started = new Promise<void>((resolve) => (onProgress = resolve));
  return { onProgress: () => onProgress(), started };
}

/** Whether `promise` has already rejected: true if its handlers run before the event loop turns. */
async function rejectedAlready(promise: Promise<unknown>): Promise<boolean> {
  const turn = new Promise<'later'>((resolve) => setImmediate(() => resolve('later')));
  return (
    (await Promise.race([
      promise.then(
        () => 'resolved',
        () => 'rejected',
      ),
      turn,
    ])) === 'rejected'
  );
}

/** Polls until `condition` holds; fails after a bound that only matters if it never does. */
async function untilTrue(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 5) {
    if (condition()) return;
    await sleep(5);
  }
  assert.fail(`never: ${what}`);
}

/** Polls until `pid` is gone; fails after a bound that only matters if it never goes. */
async function untilGone(pid: number): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 20) {
    if (!isAlive(pid)) return;
    await sleep(20);
  }
  assert.fail(`process ${pid} is still alive`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('WorkerClient against dist/worker.js', () => {
  before(() => {
    workerPath = ensureWorkerBuilt();
  });

  it('forks lazily and runs a job in another process', async () => {
    await withClient({}, async (client) => {
      assert.equal(client.pid, undefined);
      const result = await client.run('diagnostics', { mode: 'echo', value: { hello: ['world'] } });
      assert.deepEqual(result.value, { hello: ['world'] });
      assert.equal(result.pid, client.pid);
      assert.notEqual(result.pid, process.pid);
      assert.equal(client.busy, false);
    });
  });

  it('runs the real inspect job with the same result as calling it directly', async () => {
    await withClient({}, async (client) => {
      const path = join(process.cwd(), 'node_modules/vega-datasets/data/penguins.json');
      const result = await client.run('inspect', { path });
      assert.equal(result.rows, 344);
      assert.equal(result.columns.length, 7);
    });
  });

  it('forwards progress', async () => {
    await withClient({}, async (client) => {
      const progress: JobProgress[] = [];
      await client.run('diagnostics', { mode: 'sleep', ms: 600, steps: 6 }, { onProgress: (p) => progress.push(p) });
      assert.ok(progress.length >= 3, `${progress.length} progress updates`);
      const fractions = progress.map((p) => p.fraction ?? 0);
      assert.deepEqual([...fractions].sort(), fractions);
      assert.match(progress[0].message ?? '', /step \d of 6/);
    });
  });

  it('cancel really stops a sleeping job: the next job runs on the same worker', async () => {
    // The job would sleep for an hour and the grace period is a minute: only the worker stopping
    // the job itself can free it for the next job without a kill and a new process.
    await withClient({ cancelGraceMs: 60_000 }, async (client) => {
      const controller = new AbortController();
      const sleeping = client.run(
        'diagnostics',
        { mode: 'sleep', ms: 3_600_000, steps: 36_000 },
        {
          signal: controller.signal,
          onProgress: () => controller.abort(),
        },
      );
      await rejectsWithCode(sleeping, 'cancelled');
      const pid = client.pid;
      const next = await client.run('diagnostics', { mode: 'echo', value: 1 });
      // Had the worker not stopped, the queue would wait for the grace kill and a new process.
      assert.equal(next.pid, pid);
    });
  });

  it('kills a worker that ignores cancel after the grace period, and restarts it', async () => {
    await withClient({ cancelGraceMs: 300 }, async (client, _crashes, log) => {
      // A warm worker starts the block as soon as it is sent (not after a slow first fork).
      await client.run('diagnostics', { mode: 'echo', value: 0 });
      const controller = new AbortController();
      // The block never ends by itself within the test: only the kill can free the worker.
      const { onProgress, started } = firstProgress();
      const blocked = client.run(
        'diagnostics',
        { mode: 'block', ms: 600_000 },
        { signal: controller.signal, onProgress },
      );
      await started; // the worker is now inside the block
      const firstPid = client.pid as number;
      controller.abort();
      assert.ok(await rejectedAlready(blocked), 'the cancelled job must reject at once');
      await rejectsWithCode(blocked, 'cancelled');
      const next = await client.run('diagnostics', { mode: 'echo', value: 2 });
      assert.notEqual(next.pid, firstPid);
      assert.ok(log.some((line) => /did not stop within 300 ms/.test(line)));
      await untilGone(firstPid);
    });
  });

  it('detects a blocked worker as hung, kills it, and runs the next job on a new one', async () => {
    await withClient({ hangTimeoutMs: 1_500, heartbeatMs: 100 }, async (client, crashes) => {
      await client.run('diagnostics', { mode: 'echo', value: 0 });
      const hungPid = client.pid as number;
      const started = Date.now();
      // A block that never ends by itself within the test: only the hang detector can end it.
      const error = await rejectsWithCode(client.run('diagnostics', { mode: 'block', ms: 600_000 }), 'hung');
      // Not before the timeout (a lower bound only: a loaded machine can only make it later).
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 1_400, `hang declared after ${elapsed} ms`);
      assert.match(error.message, /did not answer for 1.5 s while running "diagnostics"/);
      assert.equal(crashes.length, 1);
      assert.equal(crashes[0].reason, 'hung');
      assert.equal(crashes[0].pid, hungPid);
      const next = await client.run('diagnostics', { mode: 'echo', value: 'after' });
      assert.equal(next.value, 'after');
      assert.notEqual(next.pid, hungPid);
      await untilGone(hungPid);
    });
  });

  it('a quiet but healthy job is not mistaken for a hang', async () => {
    // The watchdog runs on the test's clock: time moves only by `advance`, and each heartbeat's
    // pong is awaited before time moves on, so the outcome cannot depend on the machine's load.
    const clock = fakeClock();
    let signsOfLife = 0;
    const timers: ClientTimers = {
      interval: (callback, ms) => clock.interval(callback, ms),
      timeout(callback, ms) {
        const timer = clock.timeout(callback, ms);
        return { refresh: () => (signsOfLife++, timer.refresh()), cancel: () => timer.cancel() };
      },
    };
    await withClient({ hangTimeoutMs: 1_000, heartbeatMs: 100, timers }, async (client, crashes) => {
      await client.run('diagnostics', { mode: 'echo', value: 0 });
      // One progress step in an hour: only the pongs show the worker is alive.
      const quiet = client.run('diagnostics', { mode: 'sleep', ms: 3_600_000, steps: 1 });
      quiet.catch(() => undefined); // ended by dispose
      for (let beat = 0; beat < 50; beat++) {
        const before = signsOfLife;
        clock.advance(100); // a heartbeat: the client pings
        await untilTrue(() => signsOfLife > before || crashes.length > 0, 'a pong');
      }
      // Five seconds of the client's time, five times the hang timeout, and no hang.
      assert.equal(crashes.length, 0);
      assert.equal(client.busy, true);
    });
  });

  it('reports a crash with its exit code and stderr, then recovers', async () => {
    await withClient({}, async (client, crashes) => {
      await client.run('diagnostics', { mode: 'echo', value: 0 });
      const crashedPid = client.pid;
      const error = await rejectsWithCode(client.run('diagnostics', { mode: 'crash', exitCode: 3 }), 'crashed');
      assert.match(error.message, /exited with code 3 while running "diagnostics"/);
      assert.match(error.message, /crashing on purpose with exit code 3/);
      assert.equal(crashes.length, 1);
      assert.equal(crashes[0].reason, 'crashed');
      assert.equal(crashes[0].exitCode, 3);
      assert.equal(crashes[0].pid, crashedPid);
      const next = await client.run('diagnostics', { mode: 'echo', value: 'again' });
      assert.equal(next.value, 'again');
      assert.notEqual(next.pid, crashedPid);
    });
  });

  it('fails the job whose code threw outside its promise, then replaces the worker', async () => {
    await withClient({}, async (client) => {
      await client.run('diagnostics', { mode: 'echo', value: 0 });
      const pid = client.pid;
      const error = await rejectsWithCode(client.run('diagnostics', { mode: 'uncaught' }), 'failed');
      assert.match(error.message, /uncaught on purpose/);
      const next = await client.run('diagnostics', { mode: 'echo', value: 'fresh' });
      assert.equal(next.value, 'fresh');
      assert.notEqual(next.pid, pid);
    });
  });

  it('restart stops the running job and carries on with the queue in a new worker', async () => {
    await withClient({}, async (client) => {
      const { onProgress, started } = firstProgress();
      const running = client.run('diagnostics', { mode: 'sleep', ms: 3_600_000, steps: 36_000 }, { onProgress });
      const queued = client.run('diagnostics', { mode: 'echo', value: 'queued' });
      await started;
      const pid = client.pid;
      client.restart();
      await rejectsWithCode(running, 'cancelled');
      const next = await queued;
      assert.equal(next.value, 'queued');
      assert.notEqual(next.pid, pid);
    });
  });

  it('cancelAll cancels the running job and the queue', async () => {
    await withClient({}, async (client) => {
      const { onProgress, started } = firstProgress();
      const jobs = [
        client.run('diagnostics', { mode: 'sleep', ms: 3_600_000, steps: 36_000 }, { onProgress }),
        client.run('diagnostics', { mode: 'echo', value: 1 }),
      ];
      await started;
      client.cancelAll();
      for (const job of jobs) await rejectsWithCode(job, 'cancelled');
      assert.equal(client.queueLength, 0);
      assert.equal((await client.run('diagnostics', { mode: 'echo', value: 2 })).value, 2);
    });
  });

  it('runs jobs one at a time, in order; a queued job can be cancelled', async () => {
    await withClient({}, async (client) => {
      const order: string[] = [];
      const track = <T>(name: string, promise: Promise<T>) =>
        promise.then(
          (v) => (order.push(name), v),
          (e) => (order.push(`${name}:${(e as JobError).code}`), undefined),
        );
      const controller = new AbortController();
      const jobs = [
        track('a', client.run('diagnostics', { mode: 'sleep', ms: 300, steps: 1 })),
        track('b', client.run('diagnostics', { mode: 'echo', value: 'b' }, { signal: controller.signal })),
        track('c', client.run('diagnostics', { mode: 'echo', value: 'c' })),
        track('d', client.run('diagnostics', { mode: 'echo', value: 'd' })),
      ];
      assert.equal(client.busy, true);
      assert.equal(client.queueLength, 3);
      controller.abort();
      assert.equal(client.queueLength, 2);
      await Promise.all(jobs);
      assert.deepEqual(order, ['b:cancelled', 'a', 'c', 'd']);
      assert.equal(client.queueLength, 0);
      assert.equal(client.busy, false);
    });
  });

  it('reports unknown jobs and keeps diagnostics out of a normal worker', async () => {
    await withClient({ env: {} }, async (client) => {
      const error = await rejectsWithCode(client.run('diagnostics', { mode: 'echo', value: 1 }), 'bad-input');
      assert.match(error.message, /Unknown job "diagnostics"/);
    });
  });

  it('carries bad-input locations across the process boundary', async () => {
    await withClient({}, async (client) => {
      const error = await rejectsWithCode(
        client.run('inspect', { path: '../package.json', root: join(process.cwd(), 'src') }),
        'bad-input',
      );
      assert.match(error.message, /outside the workspace/);
      assert.equal(error.file, '../package.json');
    });
  });

  it('reports a worker that cannot start as crashed', async () => {
    await withClient({ workerPath: join(process.cwd(), 'dist', 'no-such-worker.js') }, async (client) => {
      const error = await rejectsWithCode(client.run('diagnostics', { mode: 'echo', value: 1 }), 'crashed');
      assert.match(error.message, /Cannot find module/);
    });
  });

  it('dispose kills the worker and rejects what was pending', async () => {
    const client = new WorkerClient({ workerPath, env: { MLCYCLE_DIAGNOSTICS: '1' } });
    await client.run('diagnostics', { mode: 'echo', value: 1 });
    const pid = client.pid as number;
    const pending = client.run('diagnostics', { mode: 'sleep', ms: 5_000 });
    client.dispose();
    await rejectsWithCode(pending, 'cancelled');
    await rejectsWithCode(client.run('diagnostics', { mode: 'echo', value: 1 }), 'cancelled');
    await untilGone(pid);
  });
});
