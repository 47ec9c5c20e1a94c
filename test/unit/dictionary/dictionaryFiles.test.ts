// The files around a draft: the baseline under .mlcycle/, atomic writes, and the reuse of a
// profile record only while its data is unchanged.
import assert from 'node:assert/strict';
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  baselinePath,
  readBaseline,
  readTextIfExists,
  writeBaseline,
  writeTextAtomic,
} from '../../../src/core/dictionary/dictionaryFiles';
import { freshProfile } from '../../../src/core/dictionary/freshProfile';
import { fingerprint, writeRecord } from '../../../src/core/records';
import { PENGUINS, profileOf } from './penguinsProfile';

const penguins = PENGUINS;

const folders: string[] = [];
after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'mlcycle-dictionary-'));
  folders.push(root);
  mkdirSync(join(root, 'data'));
  copyFileSync(join(penguins, 'data/train.csv'), join(root, 'data/train.csv'));
  copyFileSync(join(penguins, 'data/holdout.csv'), join(root, 'data/holdout.csv'));
  return root;
}

test('the baseline round-trips, and belongs to one dictionary path', async () => {
  const root = project();
  assert.equal(await readBaseline(root, 'docs/data-dictionary.yaml'), undefined);
  const baseline = { fields: { Sex: { missingPercent: 3.73, example: 'FEMALE' } } };
  await writeBaseline(root, 'docs/data-dictionary.yaml', baseline);
  assert.deepEqual(await readBaseline(root, 'docs/data-dictionary.yaml'), baseline);
  assert.equal(
    await readBaseline(root, 'docs/other.yaml'),
    undefined,
    'a baseline of another dictionary does not count',
  );
  writeFileSync(baselinePath(root), '{ not json');
  assert.equal(
    await readBaseline(root, 'docs/data-dictionary.yaml'),
    undefined,
    'an unreadable baseline is no baseline',
  );
});

test('atomic writes create folders and leave no temp file behind', async () => {
  const root = project();
  const path = join(root, 'docs/deep/data-dictionary.yaml');
  assert.equal(await readTextIfExists(path), undefined);
  await writeTextAtomic(path, 'version: 1\nfields: []\n');
  assert.equal(readFileSync(path, 'utf8'), 'version: 1\nfields: []\n');
  assert.deepEqual(readdirSync(join(root, 'docs/deep')), ['data-dictionary.yaml']);
});

test('a profile record is reused only for the same file, unchanged', async () => {
  const root = project();
  const train = join(root, 'data/train.csv');
  const profile = await profileOf('data/train.csv', root);
  assert.equal(await freshProfile(root, 'train', train), undefined, 'no record yet');
  await writeRecord(root, {
    schemaVersion: 1,
    kind: 'profile',
    name: 'train',
    createdAt: new Date().toISOString(),
    inputs: [await fingerprint(root, train)],
    data: profile,
  });
  assert.deepEqual(await freshProfile(root, 'train', train), profile);
  assert.equal(await freshProfile(root, 'holdout', join(root, 'data/holdout.csv')), undefined, 'another role');
  assert.equal(
    await freshProfile(root, 'train', join(root, 'data/holdout.csv')),
    undefined,
    'the role now names another file',
  );
  appendFileSync(train, 'Gentoo,Biscoe,47.5,15,218,4950,FEMALE\n');
  assert.equal(await freshProfile(root, 'train', train), undefined, 'the data changed since');
});

test('a record that is not a profile of this version is not reused', async () => {
  const root = project();
  const train = join(root, 'data/train.csv');
  await writeRecord(root, {
    schemaVersion: 1,
    kind: 'profile',
    name: 'train',
    createdAt: new Date().toISOString(),
    inputs: [await fingerprint(root, train)],
    data: { rows: 241 },
  });
  assert.equal(await freshProfile(root, 'train', train), undefined);
});
