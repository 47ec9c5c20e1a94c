// Hand-made files where validation is easy to get wrong: ragged rows, an all-null column, a
// column the YAML names but the data lacks, quoted line breaks and blank lines (line numbers),
// a bad value appended to real data, JSON and Parquet, bad expectations, cancellation. And
// through all of it, the data file is never changed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { JobError } from '../../../src/protocol/jobError';
import { validate } from '../../../src/core/validation/validate';
import { byId, PENGUINS, runValidate } from './helpers';

const fingerprint = (path: string) => ({
  sha: createHash('sha256').update(readFileSync(path)).digest('hex'),
  mtime: statSync(path).mtimeMs,
});

async function rejects(promise: Promise<unknown>, code: string, message: RegExp, line?: number): Promise<JobError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JobError, String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    if (line !== undefined) assert.equal(error.line, line, error.message);
    return error;
  }
  assert.fail('expected an error');
}

describe('validate: edge cases', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const touched = new Map<string, { sha: string; mtime: number }>();
  const watch = (path: string) => {
    touched.set(path, fingerprint(path));
    return path;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlcycle-validate-'));
  });
  after(() => {
    for (const [path, before] of touched) assert.deepEqual(fingerprint(path), before, `${path} was modified`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ragged rows: a read error naming the file and the line', async () => {
    const path = watch(file('ragged.csv', 'a,b\n1,2\n3\n4,5\n'));
    await rejects(
      runValidate(path, 'expectations: []\n'),
      'bad-input',
      /ragged\.csv:3: this row has 1 field, expected 2/,
      3,
    );
  });

  it('a column that is all null', async () => {
    const path = watch(file('allnull.csv', 'a,b\n1,\n2,\n3,\n'));
    const result = await runValidate(
      path,
      'expectations:\n  - column: b\n    notNull: true\n    type: numeric\n    mean: { min: 0 }\n  - column: b\n    maxMissingPercent: 100\n',
    );
    const check = byId(result);
    assert.equal(check('0.notNull').offendingRows, 3);
    assert.deepEqual(
      check('0.notNull').examples.map((e) => [e.line, e.values.b]),
      [
        [2, null],
        [3, null],
        [4, null],
      ],
    );
    assert.equal(check('0.type').status, 'pass', 'no value is not numeric');
    assert.equal(check('0.mean').status, 'fail');
    assert.equal(check('0.mean').message, 'Mean of "b" cannot be computed: it has no numeric values.');
    assert.equal(check('1.maxMissingPercent').status, 'pass');
  });

  it('a column named in the YAML but not in the data fails at its YAML line, with a hint', async () => {
    const yaml =
      'expectations:\n  - column: Species\n    notNull: true\n  - column: body mass (g)\n    notNull: true\n  - compare: { left: Colour, op: "<", right: Species }\n';
    const result = await runValidate(PENGUINS, yaml, { expectationsFile: 'docs/expectations.yaml' });
    const check = byId(result);
    assert.equal(check('1.column').status, 'fail');
    assert.match(
      check('1.column').message,
      /^Column "body mass \(g\)" is not in the data \(did you mean "Body Mass \(g\)"\?\)/,
    );
    assert.deepEqual(check('1.column').range.start, { line: 4, column: 5 });
    assert.equal(check('1.notNull').status, 'skipped');
    assert.equal(check('2.compare').status, 'fail');
    assert.match(check('2.compare').message, /Column "Colour" is not in the data/);
    assert.equal(result.outcome, 'fail');
    assert.deepEqual(result.counts, {
      checks: 5,
      passed: 2,
      failed: 2,
      failedErrors: 2,
      failedWarnings: 0,
      skipped: 1,
    });
  });

  it('line numbers count quoted line breaks and blank lines', async () => {
    const text =
      'id,note,value\n1,"line one\nline two",10\n2,plain,-5\n\n3,"a ""quoted"" one",20\n\n\n4,"three\nlines\nhere",-1\n';
    const path = watch(file('multiline.csv', text));
    const result = await runValidate(
      path,
      'expectations:\n  - column: value\n    range: { min: 0 }\n  - column: note\n    length: { max: 8 }\n',
    );
    const check = byId(result);
    assert.deepEqual(
      check('0.range').examples.map((e) => [e.line, e.row, e.values.value]),
      [
        [4, 1, '-5'],
        [9, 3, '-1'],
      ],
    );
    assert.deepEqual(
      check('1.length').examples.map((e) => [e.line, e.values.note]),
      [
        [2, 'line one\nline two'],
        [6, 'a "quoted" one'],
        [9, 'three\nlines\nhere'],
      ],
    );
  });

  it('a bad value appended to real data: the type and range checks find it at its line', async () => {
    const path = join(dir, 'penguins-bad.csv');
    copyFileSync(PENGUINS, path);
    appendFileSync(path, 'Adelie,Dream,abc,18.5,190,3900,MALE\n');
    watch(path);
    const lineCount = readFileSync(path, 'utf8').trimEnd().split('\n').length;
    const yaml =
      'expectations:\n  - column: Beak Length (mm)\n    type: numeric\n    range: { min: 30, max: 60 }\n    mean: { min: 40, max: 50 }\n';
    const check = byId(await runValidate(path, yaml));
    assert.equal(check('0.type').offendingRows, 1);
    assert.deepEqual(check('0.type').examples, [
      { row: lineCount - 2, line: lineCount, values: { 'Beak Length (mm)': 'abc' } },
    ]);
    assert.equal(check('0.range').offendingRows, 1, 'a value that is not a number is outside the range');
    assert.equal(check('0.mean').status, 'pass', 'the mean is over the numbers');
  });

  it('NDJSON and JSON arrays: examples at the line of their record', async () => {
    const ndjson = watch(
      file('data.ndjson', '{"a":1,"b":"x"}\n\n{"a":-2,"b":"y"}\n{"a":3,"b":null}\n{"a":-4,"b":"z"}'),
    );
    let check = byId(
      await runValidate(
        ndjson,
        'expectations:\n  - column: a\n    range: { min: 0 }\n  - column: b\n    notNull: true\n',
      ),
    );
    assert.deepEqual(
      check('0.range').examples.map((e) => e.line),
      [3, 5],
    );
    assert.deepEqual(
      check('1.notNull').examples.map((e) => e.line),
      [4],
    );
    const json = watch(
      file('data.json', '[\n  {\n    "a": 1\n  },\n  {\n    "a": -2\n  },\n  { "a": 3 }, { "a": -4 }\n]\n'),
    );
    check = byId(await runValidate(json, 'expectations:\n  - column: a\n    range: { min: 0 }\n'));
    assert.deepEqual(
      check('0.range').examples.map((e) => [e.line, e.values.a]),
      [
        [5, '-2'],
        [8, '-4'],
      ],
    );
  });

  it('Parquet: examples carry their row position (a Parquet file has no lines)', async () => {
    const path = join(dir, 'penguins.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${PENGUINS}')) TO '${path}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    watch(path);
    const check = byId(await runValidate(path, 'expectations:\n  - column: Sex\n    notNull: true\n'));
    const csvCheck = byId(await runValidate(PENGUINS, 'expectations:\n  - column: Sex\n    notNull: true\n'));
    assert.equal(check('0.notNull').offendingRows, csvCheck('0.notNull').offendingRows);
    assert.deepEqual(
      check('0.notNull').examples.map((e) => e.row),
      csvCheck('0.notNull').examples.map((e) => e.row),
    );
    assert.ok(check('0.notNull').examples.every((e) => e.line === undefined));
  });

  it('types by storage: booleans as true/false, yes/no or 0/1; dates as DATE or ISO text', async () => {
    const path = watch(
      file(
        'types.csv',
        'b,yn,bit,d,dt\ntrue,yes,0,2012-01-01,2012-01-01 08:00\nfalse,no,1,2012-01-02,soon\ntrue,maybe,2,2012-01-03,2012-01-03\n',
      ),
    );
    const yaml =
      'expectations:\n' +
      ['b', 'yn', 'bit', 'd', 'dt']
        .map((c) => `  - column: ${c}\n    type: ${c.startsWith('d') ? 'datetime' : 'boolean'}\n`)
        .join('') +
      '  - column: b\n    allowed: [true]\n';
    const check = byId(await runValidate(path, yaml));
    assert.equal(check('0.type').status, 'pass');
    assert.deepEqual(
      check('1.type').examples.map((e) => [e.line, e.values.yn]),
      [[4, 'maybe']],
    );
    assert.deepEqual(
      check('2.type').examples.map((e) => [e.line, e.values.bit]),
      [[4, '2']],
    );
    assert.equal(check('3.type').status, 'pass');
    assert.deepEqual(
      check('4.type').examples.map((e) => [e.line, e.values.dt]),
      [[3, 'soon']],
    );
    assert.deepEqual(
      check('5.allowed').examples.map((e) => [e.line, e.values.b]),
      [[3, 'false']],
    );
  });

  it('numbers with thousands separators are not numeric (and are named with their lines)', async () => {
    const path = watch(file('thousands.csv', 'id,amount\n1,"1,000"\n2,300\n3,"2,500.50"\n'));
    const check = byId(await runValidate(path, 'expectations:\n  - column: amount\n    type: numeric\n'));
    assert.deepEqual(
      check('0.type').examples.map((e) => [e.line, e.values.amount]),
      [
        [2, '1,000'],
        [4, '2,500.50'],
      ],
    );
    assert.equal(check('0.type').message, '2 values of "amount" are not numeric (66.67% of 3 rows).');
  });

  it('long example values are cut to 200 characters', async () => {
    const path = watch(file('long.csv', `id,text\n1,${'x'.repeat(5000)}\n`));
    const check = byId(await runValidate(path, 'expectations:\n  - column: text\n    length: { max: 100 }\n'));
    assert.equal(check('0.length').examples[0].values.text, `${'x'.repeat(200)}…`);
    assert.equal(check('0.length').observed, '5000 … 5000');
  });

  it('a header-only file has no rows', async () => {
    const path = watch(file('header.csv', 'a,b\n'));
    const check = byId(
      await runValidate(path, 'expectations:\n  - rowCount: { min: 1 }\n  - column: a\n    notNull: true\n'),
    );
    assert.equal(check('0.rowCount').status, 'fail');
    assert.equal(check('0.rowCount').message, '0 rows; expected ≥ 1.');
    assert.equal(check('1.notNull').status, 'pass');
  });

  it('bad expectations are bad input at their line; so is a missing file', async () => {
    await rejects(
      runValidate(PENGUINS, 'expectations:\n  - column: Sex\n    regex: "(MALE"\n', { expectationsFile: 'exp.yaml' }),
      'bad-input',
      /exp\.yaml:3:5: the regular expression \/\(MALE\/ is not valid/,
      3,
    );
    await rejects(
      runValidate(PENGUINS, 'expectations:\n  - column: Sex\n    allowed: MALE\n', { expectationsFile: 'exp.yaml' }),
      'bad-input',
      /^exp\.yaml:3:14: "expectations\.0\.allowed" must be of type array/,
      3,
    );
    await rejects(runValidate(PENGUINS, 'expectations:\n  - column: [Sex\n'), 'bad-input', /^expectations:3:1: /);
    await rejects(
      validate(
        { path: PENGUINS, expectationsFile: join(dir, 'nope.yaml') },
        { signal: new AbortController().signal, report: () => undefined },
      ),
      'bad-input',
      /The expectations file .*nope\.yaml does not exist/,
    );
    await rejects(runValidate(join(dir, 'gone.csv'), 'expectations: []\n'), 'bad-input', /gone\.csv does not exist/);
    // The error carries the absolute path, so the editor's "Open File" lands on the line.
    const bad = file('bad.yaml', 'expectations:\n  - column: Sex\n    range: { min: 3, max: 1 }\n');
    const error = await rejects(
      validate(
        { path: PENGUINS, expectationsFile: bad },
        { signal: new AbortController().signal, report: () => undefined },
      ),
      'bad-input',
      /bad\.yaml:3:5: min \(3\) is greater than max \(1\)/,
      3,
    );
    assert.equal(error.file, bad);
    assert.equal(error.column, 5);
  });

  it('reads the expectations from their file, relative to the root', async () => {
    file('exp.yaml', 'expectations:\n  - column: Sex\n    notNull: true\n');
    const result = await validate(
      { path: PENGUINS, expectationsFile: 'exp.yaml', root: dir },
      { signal: new AbortController().signal, report: () => undefined },
    ).catch((e: Error) => e);
    // The data file is outside this root: refused, as every job refuses paths leaving the workspace.
    assert.ok(result instanceof JobError && /outside the workspace/.test(result.message), String(result));
    const copy = join(dir, 'train.csv');
    copyFileSync(PENGUINS, copy);
    const inside = await validate(
      { path: 'train.csv', expectationsFile: 'exp.yaml', root: dir },
      { signal: new AbortController().signal, report: () => undefined },
    );
    assert.equal(inside.expectationsFile, 'exp.yaml');
    assert.equal(inside.path, 'train.csv');
    assert.equal(byId(inside)('0.notNull').status, 'fail');
  });

  it('cancels promptly: the running load is interrupted and nothing runs after the cancel', async () => {
    const path = join(dir, 'big.csv');
    const lines = ['id,a,b'];
    for (let i = 0; i < 1_500_000; i++) lines.push(`${i},${i % 97},x${i % 13}`);
    writeFileSync(path, lines.join('\n') + '\n');
    watch(path);
    const controller = new AbortController();
    const afterCancel: string[] = [];
    // Cancel from inside the work: its first progress report during the load (the load reports 0
    // as it starts, so this does not wait for a progress poll to fall inside a fast load).
    const report = (p: { message?: string; fraction?: number }) => {
      if (controller.signal.aborted) afterCancel.push(p.message ?? '');
      else if (p.fraction !== undefined && p.fraction < 0.6) controller.abort();
    };
    const error = await rejects(
      validate(
        { path, expectations: 'expectations:\n  - column: a\n    range: { max: 50 }\n' },
        { signal: controller.signal, report },
      ),
      'cancelled',
      /cancelled/,
    );
    assert.ok(controller.signal.aborted, 'cancelled during the load');
    // "Promptly" without a clock: no step reported anything after the cancel, and when DuckDB's
    // query was running it was interrupted (a cancel before the statement really starts is seen
    // by the next step instead, which refuses to start).
    if (error.cause) assert.match(String((error.cause as Error).message), /interrupt/i, 'the load was interrupted');
    assert.deepEqual(afterCancel, [], 'no work reported after the cancel');
  });
});
