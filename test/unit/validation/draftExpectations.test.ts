// Expectations drafted from real profiles (the profile job on penguins, cars, seattle-weather
// and a hand-made file): valid documents, passing on the data they came from, saying where
// each proposal came from — and catching the real drift in the cars example's current data.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { profileDataset } from '../../../src/core/profile/profileDataset';
import type { DatasetProfile } from '../../../src/core/profile/profileTypes';
import { draftExpectations } from '../../../src/core/validation/draftExpectations';
import { parseExpectations } from '../../../src/core/validation/parseExpectations';
import { byId, CARS, PENGUINS, ROOT, runValidate, SEATTLE } from './helpers';
import { readReference } from './referenceTable';

const ctx = () => ({ signal: new AbortController().signal, report: () => undefined });
const profileOf = (path: string, extra: object = {}) => profileDataset({ path, ...extra }, ctx());

function entryText(yaml: string, column: string): string {
  const start = yaml.indexOf(`  - column: ${JSON.stringify(column)}`);
  assert.ok(start >= 0, `an entry for ${column}`);
  const next = yaml.indexOf('\n  - ', start + 1);
  return yaml.slice(start, next === -1 ? undefined : next);
}

describe('draftExpectations', () => {
  let penguins: DatasetProfile;

  it('penguins: a valid document that the training and current data pass', async () => {
    penguins = await profileOf(PENGUINS, { target: 'Species', task: 'classification' });
    const yaml = draftExpectations(penguins);
    const { suite, problems } = parseExpectations(yaml);
    assert.deepEqual(problems, []);
    assert.ok(suite && suite.checks.length > 20);
    assert.equal(draftExpectations(penguins), yaml, 'the same profile drafts the same text');
    assert.ok(yaml.includes(`SHA-256 ${penguins.source.sha256.slice(0, 12)}`), 'names the data it came from');

    const train = await runValidate(PENGUINS, yaml);
    assert.deepEqual(
      train.results.filter((r) => r.status !== 'pass').map((r) => r.message),
      [],
      'the training data passes everything, warnings too',
    );
    const current = await runValidate(join(ROOT, 'examples/penguins/data/current.csv'), yaml);
    assert.equal(
      current.outcome,
      'pass',
      current.results
        .filter((r) => r.status === 'fail')
        .map((r) => r.message)
        .join('\n'),
    );
  });

  it('penguins: each proposal comes from the profile, with a comment saying how', () => {
    const yaml = draftExpectations(penguins);
    const ref = readReference(PENGUINS);
    const species = entryText(yaml, 'Species');
    assert.match(species, /type: string\n    notNull: true # no missing values in training\n/);
    const allowed = JSON.parse(/allowed: (\[.*?\])/.exec(species)![1]) as string[];
    assert.deepEqual(allowed.sort(), [...new Set(ref.rows.map((r) => r.values.Species))].sort());
    assert.match(species, /serving data may lack the target column/);
    assert.match(entryText(yaml, 'Sex'), /maxMissingPercent: 6\.7 # 3\.73% missing in training \(9 of 241 rows\)/);
    assert.match(entryText(yaml, 'Sex'), /rare: "\." \(1×\): check they are valid/);
    const mass = ref.numbers('Body Mass (g)');
    assert.match(
      entryText(yaml, 'Body Mass (g)'),
      new RegExp(
        `range: \\{ min: 2500, max: 6700 \\} # observed ${Math.min(...mass)} … ${Math.max(...mass)}, widened by 10% of the range$`,
      ),
    );
    assert.match(
      yaml,
      /- ifNull: "Beak Length \(mm\)" # in all 2 training rows where it is missing, these are missing too\n    thenNull: \["Beak Depth \(mm\)", "Flipper Length \(mm\)", "Body Mass \(g\)", "Sex"\]/,
    );
    assert.match(
      yaml,
      /- column: "Body Mass \(g\)"\n    severity: warning\n    mean: \{ min: \d+, max: \d+ \} # training mean 4258\.79 ± 4·std\/√n/,
    );
    assert.match(yaml, /- rowCount: \{ min: 1, max: 2410 \}/);
    assert.match(
      yaml,
      /- columnSet: \{ atLeast: \["Species", "Island", "Beak Length \(mm\)", "Beak Depth \(mm\)", "Flipper Length \(mm\)", "Body Mass \(g\)", "Sex"\] \}/,
    );
  });

  it('cars: the drafted expectations catch the real drift in the current data', async () => {
    const yaml = draftExpectations(await profileOf(CARS));
    assert.equal((await runValidate(CARS, yaml)).counts.failed, 0);
    const current = await runValidate(join(ROOT, 'examples/cars/data/current.csv'), yaml);
    assert.equal(current.outcome, 'fail');
    const year = current.results.find((r) => r.kind === 'range' && r.columns[0] === 'Year');
    assert.ok(year && year.status === 'fail', 'newer model years than any in training');
    const ref = readReference(join(ROOT, 'examples/cars/data/current.csv'));
    const max = Number(/range: \{ min: \d+, max: (\d+) \}/.exec(entryText(yaml, 'Year'))![1]);
    assert.equal(year.offendingRows, ref.where((v) => Number(v.Year) > max).length);
    assert.ok(
      current.results.some((r) => r.kind === 'statistic' && r.severity === 'warning' && r.status === 'fail'),
      'means moved: warnings',
    );
  });

  it('seattle-weather: dates get a type but no range', async () => {
    const yaml = draftExpectations(await profileOf(SEATTLE));
    const date = entryText(yaml, 'date');
    assert.match(date, /type: datetime\n/);
    assert.doesNotMatch(date, /range:/);
    assert.match(date, /# dates 2012-01-01.* … 2015-12-31.* in training/);
    assert.equal(byId(await runValidate(SEATTLE, yaml))('0.rowCount').status, 'pass');
    assert.equal((await runValidate(SEATTLE, yaml)).counts.failed, 0);
  });

  it('ids are unique, an all-missing column only has to exist, small integer categories get a numeric set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlcycle-draft-'));
    try {
      const lines = ['id,code,empty,flag'];
      for (let i = 1; i <= 60; i++) lines.push(`${i},C-${1000 + i},,${i % 2}`);
      const path = join(dir, 'ids.csv');
      writeFileSync(path, lines.join('\n') + '\n');
      const yaml = draftExpectations(await profileOf(path));
      assert.match(entryText(yaml, 'id'), /unique: true # every value distinct in training \(id-like\)/);
      assert.match(entryText(yaml, 'code'), /unique: true/);
      assert.match(entryText(yaml, 'code'), /length: \{ min: 6, max: 9 \}/);
      assert.equal(entryText(yaml, 'empty').trim().split('\n').length, 2, 'the column entry and a comment only');
      assert.match(entryText(yaml, 'flag'), /allowed: \[(0, 1|1, 0)\]/);
      const result = await runValidate(path, yaml);
      assert.equal(
        result.counts.failed,
        0,
        result.results
          .filter((r) => r.status === 'fail')
          .map((r) => r.message)
          .join('\n'),
      );
      writeFileSync(path, lines.join('\n') + '\n7,C-1007,,2\n');
      const broken = await runValidate(path, yaml);
      assert.deepEqual(
        broken.results
          .filter((r) => r.status === 'fail')
          .map((r) => `${r.kind} ${r.columns[0]} ${r.examples[0]?.line}`)
          .sort(),
        ['allowed flag 62', 'unique code 8', 'unique id 8'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
