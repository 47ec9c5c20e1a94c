// The study view's feed in its worker thread (the entry bundled as scripts/build.mjs bundles
// dist/studyFeedThread.js) gives the same reports and updates as the feed in this thread, keeps
// the merged rows on this side, and reports a study that cannot be read as an error.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { InProcessStudySource, ThreadStudySource } from '../../../src/core/tuning/studyFeedClient';
import { REPO_ROOT } from '../panels/browserHarness';
import { fixtureTrial } from './studyFixture';
import { logTrial, projectOf, tempRoot, writeStudy } from './studyOnDisk';

const withoutTime = <T extends { generatedAt: string }>(x: T) => ({ ...x, generatedAt: '' });

describe('study feed thread', () => {
  let entry: string;
  let dir: string;
  const roots: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlcycle-feed-thread-'));
    entry = join(dir, 'studyFeedThread.js');
    await esbuild.build({
      absWorkingDir: REPO_ROOT,
      entryPoints: ['src/core/tuning/studyFeedThread.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: entry,
      logLevel: 'silent',
    });
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    roots.forEach((r) => rmSync(r, { recursive: true, force: true }));
  });

  it('gives what the in-process feed gives: the whole report, then only changed rows', async () => {
    const root = tempRoot();
    roots.push(root);
    const { loaded } = await writeStudy(root, 50, { running: 1 });
    const id = loaded.study.id;
    const threaded = new ThreadStudySource(entry, root, id, projectOf(root));
    const local = new InProcessStudySource(root, id, projectOf(root));
    try {
      assert.deepEqual(withoutTime(await threaded.full()), withoutTime(await local.full()));
      logTrial(loaded.dir, fixtureTrial(50, 25));
      const [a, b] = [await threaded.next(), await local.next()];
      assert.ok(a && b);
      assert.deepEqual(
        a.rows.map((r) => r.number),
        [50],
      );
      assert.deepEqual(withoutTime(a), withoutTime(b));
      assert.deepEqual(withoutTime(threaded.report()), withoutTime(local.report()));
      assert.equal(threaded.report().rows.length, 51);
      assert.ok(threaded.lastCost.summaryMs > 0);
      assert.equal(await threaded.next(), undefined);
    } finally {
      threaded.dispose();
    }
  });

  it('reports a study that does not exist as an error naming it, and fails fast once stopped', async () => {
    const root = tempRoot();
    roots.push(root);
    const threaded = new ThreadStudySource(entry, root, 'no-such-study', projectOf(root));
    try {
      await assert.rejects(threaded.full(), /There is no study "no-such-study"/);
    } finally {
      threaded.dispose();
    }
    // Once the thread is gone, a request fails at once rather than waiting for ever.
    await assert.rejects(threaded.next(), /thread stopped|was closed/);
  });
});
