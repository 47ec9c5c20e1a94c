// The profile's record under .mlcycle/profiles/ and the cache lookup by content fingerprint.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { profileDataset } from '../../../src/core/profile/profileDataset';
import { profileParamsKey } from '../../../src/core/profile/profileParams';
import { findCachedProfile, profileRecord } from '../../../src/core/profile/profileRecord';
import type { DatasetProfile, ProfileParams } from '../../../src/core/profile/profileTypes';
import { fingerprint, inputState, recordPath, sha256File, writeRecord } from '../../../src/core/records';

describe('profile record and cache', () => {
  const root = mkdtempSync(join(tmpdir(), 'mlcycle-record-'));
  const data = join(root, 'data', 'train.csv');
  const params: ProfileParams = { path: 'data/train.csv', root, target: 'Species' };
  let profile: DatasetProfile;
  before(async () => {
    mkdirSync(join(root, 'data'));
    copyFileSync(join(process.cwd(), 'examples/penguins/data/train.csv'), data);
    profile = await profileDataset(params, { signal: new AbortController().signal, report: () => undefined });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('wraps the profile in the record envelope with the data file as its input', async () => {
    const record = profileRecord(root, 'train', profile, new Date('2025-01-02T03:04:05Z'));
    assert.equal(record.kind, 'profile');
    assert.equal(record.name, 'train');
    assert.equal(record.createdAt, '2025-01-02T03:04:05.000Z');
    assert.equal(record.outcome, undefined);
    assert.deepEqual(record.inputs, [await fingerprint(root, data)]);
    assert.equal(
      record.summary,
      `241 rows × 7 columns, ${profile.alerts.length} alert${profile.alerts.length === 1 ? '' : 's'}`,
    );
    assert.equal(record.data.source.path, 'data/train.csv');
    const written = await writeRecord(root, record);
    assert.equal(written, recordPath(root, 'profile', 'train'));
    assert.equal(await inputState(root, record.inputs[0]), 'unchanged');
  });

  it('finds the cached profile for the same content and parameters, and only then', async () => {
    await writeRecord(root, profileRecord(root, 'train', profile));
    const sha = await sha256File(data);
    const key = profileParamsKey(params);
    assert.deepEqual(await findCachedProfile(root, 'train', sha, key), {
      ...profile,
      source: { ...profile.source, path: 'data/train.csv' },
    });
    assert.equal(
      await findCachedProfile(root, 'train', sha, profileParamsKey({ ...params, target: undefined })),
      undefined,
      'other parameters',
    );
    assert.equal(
      await findCachedProfile(root, 'train', sha, profileParamsKey({ ...params, thresholds: { missingPercent: 5 } })),
      undefined,
      'other thresholds',
    );
    assert.equal(await findCachedProfile(root, 'holdout', sha, key), undefined, 'no record');
    writeFileSync(data, 'Species,x\nAdelie,1\n');
    assert.equal(await findCachedProfile(root, 'train', await sha256File(data), key), undefined, 'changed data');
    writeFileSync(recordPath(root, 'profile', 'broken'), '{ not json');
    assert.equal(await findCachedProfile(root, 'broken', sha, key), undefined, 'unreadable record');
  });

  it('keys parameters canonically: defaults spelled out or not give the same key', () => {
    assert.equal(
      profileParamsKey({ path: 'a.csv' }),
      profileParamsKey({ path: 'b.csv', thresholds: { missingPercent: 1 } }),
    );
    assert.notEqual(
      profileParamsKey({ path: 'a.csv', sampling: { mode: 'random', rows: 10, seed: 1 } }),
      profileParamsKey({ path: 'a.csv', sampling: { mode: 'random', rows: 10, seed: 2 } }),
    );
  });
});
