// Containment on real paths (src/core/paths.ts), the one atomic writer (src/core/atomicWrite.ts)
// and records under a .mlcycle/ that links out of the project (src/core/records.ts), on a real
// file system with real symbolic links.
import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeFileAtomic } from '../../../src/core/atomicWrite';
import { isReallyInside, OutsideWorkspaceError, realPath, resolveInside, sameFile } from '../../../src/core/paths';
import { readRecords, writeRecord, type RecordEnvelope } from '../../../src/core/records';
import { JobError } from '../../../src/protocol/jobError';

describe('paths inside the project, links resolved', () => {
  let base: string;
  let root: string;
  let outside: string;
  before(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'mlcycle-paths-')));
    root = join(base, 'project');
    outside = join(base, 'outside');
    mkdirSync(join(root, 'data'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.csv'), 'a\n1\n');
    writeFileSync(join(root, 'data', 'train.csv'), 'a\n1\n');
    symlinkSync(join(outside, 'secret.csv'), join(root, 'data', 'file-link.csv'));
    symlinkSync(outside, join(root, 'data', 'folder-link'));
    symlinkSync(join(root, 'data', 'train.csv'), join(root, 'inner-link.csv'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('refuses a file link and a folder link out of the project, naming the link', () => {
    assert.throws(
      () => resolveInside(root, 'data/file-link.csv'),
      (e: unknown) =>
        e instanceof OutsideWorkspaceError &&
        e.link?.path === join('data', 'file-link.csv') &&
        /leaves the project: data\/file-link\.csv is a symbolic link to .*secret\.csv/.test(e.message),
    );
    assert.throws(
      () => resolveInside(root, 'data/folder-link/secret.csv'),
      (e: unknown) => e instanceof OutsideWorkspaceError && e.link?.path === join('data', 'folder-link'),
    );
    // Still to be created, below a link out: refused as well.
    assert.throws(() => resolveInside(root, 'data/folder-link/new/run.json'), OutsideWorkspaceError);
    assert.throws(() => resolveInside(root, '../outside/secret.csv'), /outside the workspace folder/);
  });

  it('accepts links that stay inside, and paths still to be created', () => {
    assert.equal(resolveInside(root, 'inner-link.csv'), join(root, 'inner-link.csv'));
    assert.equal(resolveInside(root, 'new/folder/x.json'), join(root, 'new', 'folder', 'x.json'));
    assert.equal(realPath(join(root, 'data', 'folder-link', 'not', 'yet.csv')), join(outside, 'not', 'yet.csv'));
    assert.ok(isReallyInside(root, join(root, 'inner-link.csv')));
    assert.ok(sameFile(join(root, 'inner-link.csv'), join(root, 'data', 'train.csv')));
  });

  it('writes a record only when .mlcycle/ really is in the project, and reads none through a link out', async () => {
    const record: RecordEnvelope = {
      schemaVersion: 1,
      kind: 'validation',
      name: 'train',
      createdAt: '2026-01-01T00:00:00.000Z',
      inputs: [],
      data: {},
    };
    symlinkSync(outside, join(root, '.mlcycle'));
    try {
      mkdirSync(join(outside, 'validations'));
      writeFileSync(join(outside, 'validations', 'old.json'), JSON.stringify({ ...record, name: 'old' }));
      await assert.rejects(
        writeRecord(root, record),
        (e: unknown) => e instanceof JobError && /Refusing to write/.test(e.message),
      );
      assert.deepEqual(readdirSync(join(outside, 'validations')), ['old.json']);
      assert.deepEqual((await readRecords(root, 'validation')).records, []);
    } finally {
      rmSync(join(root, '.mlcycle'));
    }
    const written = await writeRecord(root, record);
    assert.equal(JSON.parse(readFileSync(written, 'utf8')).name, 'train');
    assert.equal((await readRecords(root, 'validation')).records.length, 1);
  });
});

describe('writeFileAtomic', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'mlcycle-atomic-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a missing folder with a sentence naming it, and creates it only when asked', async () => {
    await assert.rejects(
      writeFileAtomic(join(dir, 'missing', 'out.csv'), 'x', { shown: 'missing/out.csv' }),
      (e: unknown) =>
        e instanceof JobError &&
        e.message ===
          'Cannot write missing/out.csv: the folder missing does not exist (create it first, or name another).',
    );
    await writeFileAtomic(join(dir, 'made', 'out.csv'), 'x', { createFolder: true });
    assert.equal(readFileSync(join(dir, 'made', 'out.csv'), 'utf8'), 'x');
  });

  it('replaces a file whole, and a failed write leaves no temporary file and no raw system error', async () => {
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    assert.equal(readFileSync(target, 'utf8'), 'new');
    mkdirSync(join(dir, 'a-folder'));
    await assert.rejects(
      writeFileAtomic(join(dir, 'a-folder'), 'x', { shown: 'a-folder' }),
      (e: unknown) =>
        e instanceof JobError && /^Cannot write a-folder: /.test(e.message) && !/E[A-Z]+:/.test(e.message),
    );
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });
});
