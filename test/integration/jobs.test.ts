// Jobs in the real extension host: they run in the worker process with progress, cancel for
// real, and a worker that crashes or hangs is reported and replaced for the next job.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/protocol/commands';
import { activeApi, waitFor } from './helpers';

suite('Background jobs', () => {
  suiteSetup(function () {
    if (process.env.MLCYCLE_DIAGNOSTICS !== '1') this.skip();
  });

  test('a job runs in a separate process and reports progress', async () => {
    const { services } = await activeApi();
    const progress: number[] = [];
    const result = await services.jobs.client.run(
      'diagnostics',
      { mode: 'sleep', ms: 600, steps: 4 },
      {
        onProgress: (p) => p.fraction !== undefined && progress.push(p.fraction),
      },
    );
    assert.notEqual(result.pid, process.pid, 'the job ran outside the extension host');
    assert.ok(progress.length >= 2, `progress reported: ${progress.join(', ')}`);
    assert.ok(
      progress.every((f, i) => i === 0 || f >= progress[i - 1]),
      'progress only moves forward',
    );
  });

  test('Cancel Running Jobs stops a job shown with a progress notification', async () => {
    const { services } = await activeApi();
    // A job that would sleep for an hour: only the cancel can end it within the test.
    const running = services.jobs.run({
      title: 'A long test job',
      job: 'diagnostics',
      params: { mode: 'sleep', ms: 3_600_000, steps: 36_000 },
    });
    await waitFor('the job to be running', () => services.jobs.client.busy);
    await vscode.commands.executeCommand(COMMANDS.cancelJobs);
    assert.equal(await running, undefined, 'a cancelled job resolves without a result');
    const after = await services.jobs.client.run('diagnostics', { mode: 'echo', value: 42 });
    assert.equal(after.value, 42, 'the worker takes the next job');
  });

  test('a crashed worker is reported with its exit code and replaced for the next job', async () => {
    const { services } = await activeApi();
    const before = await services.jobs.client.run('diagnostics', { mode: 'echo', value: 1 });
    await assert.rejects(services.jobs.client.run('diagnostics', { mode: 'crash', exitCode: 3 }), (error: unknown) => {
      // Each test file bundles its own copy of JobError: compare by name and code, not class.
      assert.equal((error as Error).name, 'JobError');
      assert.equal((error as { code?: string }).code, 'crashed');
      assert.match((error as Error).message, /3/);
      return true;
    });
    const after = await services.jobs.client.run('diagnostics', { mode: 'echo', value: 2 });
    assert.notEqual(after.pid, before.pid, 'a fresh worker process');
    assert.equal(after.value, 2);
  });

  test('a hung worker is detected by its missing heartbeat, killed and replaced', async () => {
    const { services } = await activeApi();
    const config = vscode.workspace.getConfiguration('mlcycle.jobs');
    await config.update('hangTimeoutSeconds', 5, vscode.ConfigurationTarget.Workspace);
    try {
      services.jobs.restart();
      const before = await services.jobs.client.run('diagnostics', { mode: 'echo', value: 1 });
      // A block that cannot end by itself within the test: only the hang detector can end it.
      await assert.rejects(
        services.jobs.client.run('diagnostics', { mode: 'block', ms: 600_000 }),
        (error: unknown) => {
          assert.equal((error as Error).name, 'JobError');
          assert.equal((error as { code?: string }).code, 'hung');
          return true;
        },
      );
      const after = await services.jobs.client.run('diagnostics', { mode: 'echo', value: 3 });
      assert.notEqual(after.pid, before.pid);
    } finally {
      await config.update('hangTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
      services.jobs.restart();
    }
  });
});
