import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inspectFile } from '../../../src/core/data/inspect';
import type { InspectParams, InspectResult } from '../../../src/core/data/inspectTypes';
import { JobError } from '../../../src/protocol/jobError';
import type { JobProgress } from '../../../src/protocol/jobs';

const VEGA = join(process.cwd(), 'node_modules/vega-datasets/data');

function run(
  params: InspectParams,
  chunkBytes?: number,
  progress: JobProgress[] = [],
  signal = new AbortController().signal,
) {
  return inspectFile(params, { signal, report: (p) => progress.push(p) }, chunkBytes ? { chunkBytes } : {});
}

/** The result without the timing, for comparing runs. */
function shape(result: InspectResult): InspectResult {
  return { ...result, elapsedMs: 0 };
}

async function rejectsWith(
  promise: Promise<unknown>,
  expected: Partial<Pick<JobError, 'code' | 'line' | 'column'>> & { message?: RegExp },
) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof JobError, `expected a JobError, got ${String(error)}`);
    if (expected.code) assert.equal(error.code, expected.code);
    if (expected.line !== undefined) assert.equal(error.line, expected.line, error.message);
    if (expected.column !== undefined) assert.equal(error.column, expected.column, error.message);
    if (expected.message) assert.match(error.message, expected.message);
    return true;
  });
}

describe('inspect on real data (vega-datasets)', () => {
  it('seattle-weather.csv: rows match a line count, hash and size match the file', async () => {
    const path = join(VEGA, 'seattle-weather.csv');
    const bytes = readFileSync(path);
    const lines = bytes
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    const result = await run({ path });
    assert.equal(result.format, 'csv');
    assert.equal(result.delimiter, ',');
    assert.equal(result.header, true);
    assert.deepEqual(result.columns, lines[0].split(','));
    assert.equal(result.rows, lines.length - 1);
    assert.equal(result.rows, 1461);
    assert.equal(result.sizeBytes, statSync(path).size);
    assert.equal(result.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(result.raggedRows.count, 0);
    assert.equal(result.emptyRows, 0);
    assert.equal(result.bom, false);
  });

  for (const name of ['penguins.json', 'cars.json']) {
    it(`${name}: rows and columns match JSON.parse`, async () => {
      const path = join(VEGA, name);
      const records = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
      const result = await run({ path });
      assert.equal(result.format, 'json');
      assert.equal(result.rows, records.length);
      assert.deepEqual(result.columns, [...new Set(records.flatMap((r) => Object.keys(r)))]);
      const width = Object.keys(records[0]).length;
      assert.equal(result.raggedRows.count, records.filter((r) => Object.keys(r).length !== width).length);
    });
  }

  it('gives identical results whatever the read size (chunk boundaries everywhere)', async () => {
    for (const name of ['seattle-weather.csv', 'penguins.json', 'unemployment.tsv']) {
      const path = join(VEGA, name);
      const reference = shape(await run({ path }));
      for (const chunkBytes of [13, 4096]) {
        assert.deepEqual(shape(await run({ path }, chunkBytes)), reference, `${name} in ${chunkBytes}-byte chunks`);
      }
    }
  });

  it('reports progress by bytes, ending at 1', async () => {
    const progress: JobProgress[] = [];
    await run({ path: join(VEGA, 'cars.json') }, 8192, progress);
    const fractions = progress.map((p) => p.fraction).filter((f): f is number => f !== undefined);
    assert.ok(fractions.length > 10);
    assert.deepEqual(
      [...fractions].sort((a, b) => a - b),
      fractions,
    );
    assert.equal(fractions.at(-1), 1);
  });
});

describe('inspect on hand-made files', () => {
  let dir: string;
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlcycle-inspect-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('handles BOM, CRLF, quoted newlines, blank lines and ragged rows', async () => {
    const path = file(
      'messy.csv',
      '\uFEFFid,name,score\r\n1,"Smith, Jo",3.5\r\n2,"two\r\nlines",4\r\n\r\n3,short\r\n4,a,5,extra\r\n',
    );
    const result = await run({ path });
    assert.equal(result.bom, true);
    assert.deepEqual(result.columns, ['id', 'name', 'score']);
    assert.equal(result.rows, 4);
    assert.equal(result.emptyRows, 1);
    assert.deepEqual(result.raggedRows, {
      count: 2,
      examples: [
        { line: 6, fields: 2, expected: 3 },
        { line: 7, fields: 4, expected: 3 },
      ],
    });
  });

  it('reads multi-byte UTF-8 split across chunks of 1 to 4 bytes', async () => {
    const path = file('unicode.csv', '\uFEFFnaïve,日本,emoji\r\n"a\r\nb",€,😀\r\nç,"""",x\r\n');
    const reference = shape(await run({ path }));
    assert.deepEqual(reference.columns, ['naïve', '日本', 'emoji']);
    assert.equal(reference.rows, 2);
    assert.equal(reference.raggedRows.count, 0);
    for (const chunkBytes of [1, 2, 3, 4])
      assert.deepEqual(shape(await run({ path }, chunkBytes)), reference, `${chunkBytes}-byte chunks`);
  });

  it('sniffs a semicolon delimiter and a missing header', async () => {
    const semicolon = await run({ path: file('eu.csv', 'name;price\nx;1,5\ny;22,75\n') });
    assert.equal(semicolon.delimiter, ';');
    assert.deepEqual(semicolon.columns, ['name', 'price']);
    const headerless = await run({ path: file('nums.csv', '1,2.5,x\n2,3.5,y\n3,4.5,z\n') });
    assert.equal(headerless.header, false);
    assert.deepEqual(headerless.columns, ['column_1', 'column_2', 'column_3']);
    assert.equal(headerless.rows, 3);
  });

  it('accepts an empty file and a header-only file', async () => {
    const empty = await run({ path: file('empty.csv', '') });
    assert.equal(empty.rows, 0);
    assert.deepEqual(empty.columns, []);
    const headerOnly = await run({ path: file('header.csv', 'a,b,c\n') });
    assert.equal(headerOnly.rows, 0);
    assert.deepEqual(headerOnly.columns, ['a', 'b', 'c']);
    assert.equal(headerOnly.header, true);
  });

  it('reads NDJSON, counting blank lines', async () => {
    const result = await run({ path: file('events.ndjson', '{"a":1,"b":2}\n\n{"a":3,"b":4}\r\n{"a":5}\n') });
    assert.equal(result.format, 'ndjson');
    assert.equal(result.rows, 3);
    assert.equal(result.emptyRows, 1);
    assert.deepEqual(result.columns, ['a', 'b']);
    assert.deepEqual(result.raggedRows.examples, [{ line: 4, fields: 1, expected: 2 }]);
  });

  it('refuses binary files renamed .csv, saying what they are', async () => {
    await rejectsWith(run({ path: file('book.csv', Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1')) }), {
      code: 'bad-input',
      message: /book\.csv is a ZIP archive/,
    });
    await rejectsWith(run({ path: file('blob.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01])) }), {
      code: 'bad-input',
      message: /binary file \(NUL byte at offset 4\)/,
    });
  });

  it('names the line of bytes that are not UTF-8', async () => {
    const path = file(
      'latin1.csv',
      Buffer.concat([Buffer.from('name,city\nA,Paris\nB,'), Buffer.from([0x4d, 0xfc, 0x6e]), Buffer.from('chen\n')]),
    );
    await rejectsWith(run({ path }), {
      code: 'bad-input',
      line: 3,
      message: /latin1\.csv:3: Invalid UTF-8 at byte offset 21/,
    });
    await rejectsWith(run({ path }, 5), { code: 'bad-input', line: 3 });
  });

  it('names line and column of an unclosed quote', async () => {
    const path = file('open.csv', 'a,b\n1,2\n3,"never closed\n4,5\n');
    await rejectsWith(run({ path }), { code: 'bad-input', line: 3, column: 3, message: /open\.csv:3:3: Quoted field/ });
  });

  it('names line and column of a JSON syntax error inside a record', async () => {
    const path = file('broken.json', '[\n  {"a": 1},\n  {"a": 2,\n   "b": }\n]\n');
    await rejectsWith(run({ path }), { code: 'bad-input', line: 4, column: 9 });
    await rejectsWith(run({ path: file('trailing.json', '[{"a":1},]') }), {
      code: 'bad-input',
      line: 1,
      message: /Trailing comma/,
    });
    await rejectsWith(run({ path: file('cut.json', '[{"a":1},{"a"') }), { code: 'bad-input', message: /not closed/ });
    await rejectsWith(run({ path: file('object.json', '{\n  "type": "Topology"\n}\n') }), {
      code: 'bad-input',
      message: /one JSON object, not a table/,
    });
    await rejectsWith(run({ path: file('numbers.json', '[1, 2]') }), {
      code: 'bad-input',
      message: /Record 1 is a number/,
    });
    await rejectsWith(run({ path: file('bad.ndjson', '{"a":1}\n{"a":}\n') }), { code: 'bad-input', line: 2 });
  });

  it('refuses a path outside the workspace, a missing file and a folder', async () => {
    const root = join(dir, 'workspace');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'ok.csv'), 'a\n1\n');
    assert.equal((await run({ path: 'ok.csv', root })).rows, 1);
    await rejectsWith(run({ path: '../messy.csv', root }), { code: 'bad-input', message: /outside the workspace/ });
    await rejectsWith(run({ path: join(dir, 'nope.csv') }), { code: 'bad-input', message: /does not exist/ });
    await rejectsWith(run({ path: root }), { code: 'bad-input', message: /is not a file/ });
  });

  it('stops between chunks when cancelled', async () => {
    const path = file('big.csv', 'a,b\n' + '1,2\n'.repeat(500_000));
    const controller = new AbortController();
    const progress: JobProgress[] = [];
    const pending = inspectFile(
      { path },
      {
        signal: controller.signal,
        report: (p) => {
          progress.push(p);
          if (progress.length === 3) controller.abort();
        },
      },
      { chunkBytes: 16 * 1024 },
    );
    await rejectsWith(pending, { code: 'cancelled' });
    // 2 MB in 16 KB chunks is 122 chunks; it stopped right after the third report.
    assert.ok(progress.length < 6, `kept reading after cancel: ${progress.length} reports`);
  });
});
