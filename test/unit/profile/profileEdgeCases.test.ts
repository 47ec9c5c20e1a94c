// The profile on hand-made edge cases: bad files refused with file and line, odd but valid ones
// profiled, the file never changed, the job cancellable, the leakage alert, explicit sampling,
// and every profile valid against schemas/profile.schema.json.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import { profileDataset } from '../../../src/core/profile/profileDataset';
import type { DatasetProfile, ProfileParams } from '../../../src/core/profile/profileTypes';
import { JobError } from '../../../src/protocol/jobError';
import type { JobProgress } from '../../../src/protocol/jobs';

const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'mlcycle-profile-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const validateSchema = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(root, 'schemas/profile.schema.json'), 'utf8')),
);

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function profile(
  params: ProfileParams,
  progress: JobProgress[] = [],
  signal = new AbortController().signal,
): Promise<DatasetProfile> {
  const result = await profileDataset(params, { signal, report: (p) => progress.push(p) });
  // Every profile is valid against the published schema and survives JSON (no NaN, no Infinity).
  assert.ok(validateSchema(result), JSON.stringify(validateSchema.errors?.slice(0, 3)));
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
  return result;
}

async function rejectsWith(promise: Promise<unknown>, expected: { code?: string; line?: number; message: RegExp }) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof JobError, `expected a JobError, got ${String(error)}`);
    assert.equal(error.code, expected.code ?? 'bad-input', error.message);
    assert.match(error.message, expected.message);
    if (expected.line !== undefined) assert.equal(error.line, expected.line);
    return true;
  });
}

describe('profile: bad input', () => {
  it('refuses an empty file, ragged rows (with the line), a binary file renamed .csv, mixed delimiters', async () => {
    await rejectsWith(profile({ path: file('empty.csv', '') }), { message: /empty\.csv is empty/ });
    await rejectsWith(profile({ path: file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n') }), {
      line: 3,
      message: /ragged\.csv:3: this row has 2 fields, expected 3/,
    });
    await rejectsWith(profile({ path: file('workbook.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0])) }), {
      message: /ZIP archive/,
    });
    await rejectsWith(profile({ path: file('mixed.csv', 'a,b,c\n1,2,3\n4;5;6\n') }), {
      line: 3,
      message: /mixed\.csv:3/,
    });
  });

  it('refuses a target that is not a column, and parameters that make no sense', async () => {
    const path = join(root, 'examples/penguins/data/train.csv');
    await rejectsWith(profile({ path, target: 'species' }), { message: /no column "species".*Species/ });
    await rejectsWith(profile({ path, target: 'Species', task: 'regression' }), {
      message: /cannot be the target of a regression/,
    });
    await rejectsWith(profile({ path, sampling: { mode: 'stratified', rows: 10 } }), { message: /needs a target/ });
    await rejectsWith(profile({ path, thresholds: { nonsense: 1 } as never }), {
      message: /Unknown alert threshold "nonsense"/,
    });
  });

  it('says so when the file disappears mid-job', async () => {
    const path = file('vanishing.csv', readFileSync(join(root, 'examples/penguins/data/train.csv')));
    const progress: JobProgress[] = [];
    // The first progress report comes before the file is read: remove it then.
    const removing = profileDataset(
      { path },
      {
        signal: new AbortController().signal,
        report: (p) => {
          progress.push(p);
          if (progress.length === 1) unlinkSync(path);
        },
      },
    );
    await rejectsWith(removing, {
      message: /vanishing\.csv does not exist \(or was removed while it was being read\)/,
    });
  });

  it('stops when cancelled mid-profile, with a cancelled error', async () => {
    const controller = new AbortController();
    const running = profileDataset(
      { path: join(root, 'node_modules/vega-datasets/data/flights-3m.parquet') },
      {
        signal: controller.signal,
        report: (p) => {
          if (p.message?.startsWith('Reading "delay"') || p.message?.startsWith('Counting')) controller.abort();
        },
      },
    );
    await rejectsWith(running, { code: 'cancelled', message: /cancelled/ });
  });
});

describe('profile: unusual but valid files', () => {
  it('profiles a header-only file: no rows, the empty alert', async () => {
    const result = await profile({ path: file('header.csv', 'a,b\n') });
    assert.equal(result.rows, 0);
    assert.deepEqual(
      result.columns.map((c) => [c.name, c.count, c.type]),
      [
        ['a', 0, 'unsupported'],
        ['b', 0, 'unsupported'],
      ],
    );
    assert.ok(result.alerts.some((a) => a.type === 'empty' && a.column === null));
  });

  it('reports an all-null column as empty and 100% missing', async () => {
    const result = await profile({ path: file('allnull.csv', 'x,nothing\n1,\n2,NA\n3,\n4,\n') });
    const nothing = result.columns[1];
    assert.equal(nothing.count, 0);
    assert.equal(nothing.missing, 4);
    assert.equal(nothing.missingPercent, 100);
    assert.equal(nothing.type, 'unsupported');
    assert.ok(result.alerts.some((a) => a.type === 'empty' && a.column === 'nothing'));
    assert.ok(
      result.alerts.some((a) => a.type === 'missing' && a.column === 'nothing' && a.value === 100 && a.threshold === 1),
    );
  });

  it('reads numbers written with thousands separators as numbers', async () => {
    const lines = ['city,population'];
    const values = [1200, 15000, 900, 2500000, 48213, 7, 31000, 640, 1999, 123456];
    values.forEach((v, i) => lines.push(`c${i},"${v.toLocaleString('en-US')}"`));
    const result = await profile({ path: file('thousands.csv', lines.join('\n') + '\n') });
    const population = result.columns[1];
    assert.equal(population.type, 'numeric', population.evidence.reason);
    assert.match(population.evidence.reason, /thousands separators/);
    assert.equal(population.evidence.storageType, 'VARCHAR');
    assert.equal(population.max, 2500000);
    assert.equal(population.mean, values.reduce((a, b) => a + b, 0) / values.length);
  });

  it('keeps quoted line breaks inside values', async () => {
    const result = await profile({
      path: file('notes.csv', 'id,note\n1,"two\nlines"\n2,one line\n3,"a, with comma"\n'),
    });
    assert.equal(result.rows, 3);
    assert.deepEqual(
      result.sample.map((r) => r.note),
      ['two\nlines', 'one line', 'a, with comma'],
    );
  });

  it('never modifies the file', async () => {
    const path = join(root, 'node_modules/vega-datasets/data/seattle-weather.csv');
    const before = sha(path);
    const result = await profile({ path });
    assert.equal(result.source.sha256, before);
    assert.equal(sha(path), before);
  });

  it("profiles columns named like DuckDB's row number or the SQL aliases it uses", async () => {
    const lines = ['rowid,v,c,r,x0,g0,n,"a ""quoted"" name"'];
    for (let i = 0; i < 30; i++)
      lines.push(
        `${100 - i},${i % 3},${i * 1.5},${i % 2 ? 'odd' : 'even'},${(i * 7) % 11},${i % 4},${i},${i % 5 ? 'x' : 'y'}`,
      );
    const result = await profile({
      path: file('names.csv', lines.join('\n') + '\n'),
      target: 'r',
      sampling: { mode: 'stratified', rows: 10, seed: 2 },
    });
    assert.deepEqual(
      result.columns.map((c) => c.name),
      ['rowid', 'v', 'c', 'r', 'x0', 'g0', 'n', 'a "quoted" name'],
    );
    const full = await profile({ path: join(dir, 'names.csv') });
    assert.equal(full.columns[0].type, 'id');
    assert.equal(full.columns[2].numeric?.monotonic, 'strictly increasing');
    assert.equal(full.columns[6].type, 'id');
    assert.deepEqual(
      full.sample.slice(0, 2).map((r) => r.rowid),
      ['100', '99'],
      'file order kept',
    );
    assert.ok(full.correlations.spearman?.columns.includes('c'));
  });

  it('reports progress from 0 to 1', async () => {
    const progress: JobProgress[] = [];
    await profile({ path: join(root, 'examples/penguins/data/train.csv') }, progress);
    const fractions = progress.map((p) => p.fraction ?? 0);
    assert.equal(fractions[0], 0);
    assert.equal(fractions.at(-1), 1);
    assert.deepEqual(
      fractions,
      [...fractions].sort((a, b) => a - b),
      'progress never goes back',
    );
  });
});

describe('profile: alerts', () => {
  it('raises the leakage alert for a column that copies the target', async () => {
    const lines = ['species,leak,mass'];
    const source = readFileSync(join(root, 'examples/penguins/data/train.csv'), 'utf8').trim().split('\n').slice(1);
    for (const line of source) {
      const cells = line.split(',');
      lines.push(`${cells[0]},${cells[0].toUpperCase()}_copy,${cells[5]}`);
    }
    const result = await profile({ path: file('leak.csv', lines.join('\n') + '\n'), target: 'species' });
    const leakage = result.alerts.filter((a) => a.type === 'leakage');
    assert.deepEqual(
      leakage.map((a) => a.column),
      ['leak'],
    );
    assert.ok(Math.abs(leakage[0].value - 1) < 1e-12, String(leakage[0].value));
    assert.equal(leakage[0].threshold, 0.95);
    assert.match(leakage[0].message, /"leak" predicts the target "species".*cramers v 1.*threshold 0\.95/);
  });

  it('names column, figure and threshold in every alert, and honours overridden thresholds', async () => {
    const path = join(root, 'node_modules/vega-datasets/data/cars.json');
    const defaults = await profile({ path });
    for (const alert of defaults.alerts) {
      if (alert.column) assert.ok(alert.message.includes(`"${alert.column}"`), alert.message);
      assert.ok(Number.isFinite(alert.value) && Number.isFinite(alert.threshold), alert.message);
    }
    const types = new Set(defaults.alerts.map((a) => a.type));
    for (const expected of ['missing', 'high_correlation'] as const)
      assert.ok(types.has(expected), `cars has a ${expected} alert`);
    const strict = await profile({ path, thresholds: { correlation: 0.999, missingPercent: 50 } });
    assert.ok(!strict.alerts.some((a) => a.type === 'high_correlation' || a.type === 'missing'));
    assert.equal(strict.thresholds.correlation, 0.999);
  });

  it('flags duplicate rows, constant columns, imbalance and dates stored as text', async () => {
    const lines = ['when,kind,flag,same'];
    // Dates in two spellings: DuckDB's CSV reader keeps such a column as text.
    const day = (i: number) =>
      i % 2 ? `2024-1-${(i % 28) + 1} 10:00` : `2024/01/${String((i % 28) + 1).padStart(2, '0')}`;
    for (let i = 0; i < 40; i++) lines.push(`${day(i)},${i < 38 ? 'common' : 'rare'},${i % 2 ? 'yes' : 'no'},k`);
    lines.push(lines[1], lines[2]);
    const result = await profile({ path: file('alerts.csv', lines.join('\n') + '\n') });
    // Rows i and i + 28 (i < 10) repeat each other, and two rows are appended again.
    assert.equal(result.duplicateRows, 10 + 2);
    const by = (type: string) => result.alerts.filter((a) => a.type === type).map((a) => a.column);
    assert.deepEqual(by('duplicates'), [null]);
    assert.deepEqual(by('constant'), ['same']);
    assert.deepEqual(by('imbalance'), ['kind']);
    assert.equal(result.columns[0].type, 'datetime');
    assert.deepEqual(by('type_date'), ['when']);
    assert.equal(result.columns[2].type, 'boolean');
  });
});

describe('profile: sampling', () => {
  const path = join(root, 'node_modules/vega-datasets/data/penguins.json');

  it('profiles every row unless asked, and the first N rows when asked', async () => {
    const exact = await profile({ path });
    assert.deepEqual(exact.sampling, { mode: 'exact', rows: 344 });
    const first = await profile({ path, sampling: { mode: 'first', rows: 50 } });
    assert.deepEqual(first.sampling, { mode: 'first', rows: 50 });
    assert.equal(first.rows, 344, 'rows counts the file');
    assert.equal(first.columns[0].count, 50);
    assert.deepEqual(first.sample, exact.sample, 'the first rows are the first rows');
  });

  it('draws the same random sample for the same seed, another for another seed', async () => {
    const a = await profile({ path, sampling: { mode: 'random', rows: 100, seed: 7 } });
    const b = await profile({ path, sampling: { mode: 'random', rows: 100, seed: 7 } });
    const c = await profile({ path, sampling: { mode: 'random', rows: 100, seed: 8 } });
    assert.deepEqual(a.sampling, { mode: 'random', rows: 100, seed: 7 });
    assert.deepEqual(a.sample, b.sample);
    assert.notDeepEqual(a.sample, c.sample);
  });

  it("keeps each class's share in a stratified sample", async () => {
    const result = await profile({ path, target: 'Species', sampling: { mode: 'stratified', rows: 100, seed: 1 } });
    const classes = Object.fromEntries((result.target?.classes ?? []).map((c) => [c.value, c.count]));
    assert.deepEqual(classes, {
      Adelie: Math.round((152 * 100) / 344),
      Gentoo: Math.round((124 * 100) / 344),
      Chinstrap: Math.round((68 * 100) / 344),
    });
  });
});
