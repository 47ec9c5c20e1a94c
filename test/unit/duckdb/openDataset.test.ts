// openDataset, the shared DuckDB entry point: formats and dialects detected, bad input refused
// with the file and line, the file never modified, cancellation honoured.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openDataset, quoteIdent, type OpenedDataset } from '../../../src/core/duckdb/openDataset';
import { JobError } from '../../../src/protocol/jobError';

const VEGA = join(process.cwd(), 'node_modules/vega-datasets/data');
const dir = mkdtempSync(join(tmpdir(), 'mlcycle-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function withDataset<T>(path: string, use: (data: OpenedDataset) => Promise<T>, root?: string): Promise<T> {
  const data = await openDataset({ path, hash: true, ...(root ? { root } : {}) });
  try {
    return await use(data);
  } finally {
    data.close();
  }
}

async function rejectsWith(
  promise: Promise<unknown>,
  expected: { line?: number; column?: number; message: RegExp; code?: string },
) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof JobError, `expected a JobError, got ${String(error)}`);
    assert.equal(error.code, expected.code ?? 'bad-input');
    assert.match(error.message, expected.message);
    assert.doesNotMatch(error.message, /LINE 1:|Possible fixes|\n\s+at /, 'no raw DuckDB text or stack in the message');
    if (expected.line !== undefined) assert.equal(error.line, expected.line, error.message);
    if (expected.column !== undefined) assert.equal(error.column, expected.column, error.message);
    return true;
  });
}

describe('openDataset: formats', () => {
  it('reads a CSV with its dialect, types and fingerprint', async () => {
    const path = join(process.cwd(), 'examples/penguins/data/train.csv');
    await withDataset(path, async (data) => {
      assert.equal(data.format, 'csv');
      assert.equal(data.delimiter, ',');
      assert.equal(data.header, true);
      assert.equal(data.rows, readFileSync(path, 'utf8').trim().split('\n').length - 1);
      assert.deepEqual(
        data.columns.map((c) => c.storageType),
        ['VARCHAR', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'BIGINT', 'BIGINT', 'VARCHAR'],
      );
      assert.equal(data.sha256, sha(path));
      const [{ n }] = await data.query(`SELECT count(*) AS n FROM ${data.table} WHERE ${quoteIdent('Sex')} IS NULL`);
      assert.equal(n, 9, 'NA and empty cells are missing');
    });
  });

  it('reads TSV, JSON array, NDJSON and Parquet', async () => {
    await withDataset(join(VEGA, 'unemployment.tsv'), async (data) => {
      assert.equal(data.format, 'tsv');
      assert.equal(data.delimiter, '\t');
    });
    await withDataset(join(VEGA, 'cars.json'), async (data) => {
      assert.equal(data.format, 'json');
      assert.equal(data.rows, 406);
    });
    const ndjson = file('records.ndjson', '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n{"a":3,"b":null}\n');
    await withDataset(ndjson, async (data) => {
      assert.equal(data.format, 'ndjson');
      assert.deepEqual(await data.query(`SELECT a, b FROM ${data.table} ORDER BY rowid`), [
        { a: 1, b: 'x' },
        { a: 2, b: 'y' },
        { a: 3, b: null },
      ]);
    });
    await withDataset(join(VEGA, 'flights-3m.parquet'), async (data) => {
      assert.equal(data.format, 'parquet');
      assert.equal(data.rows, 3_000_000);
    });
  });

  it('reads UTF-8 with a byte-order mark, semicolons, and quoted line breaks', async () => {
    const path = file('bom.csv', '\uFEFFname;note\nAda;"first line\nsecond line"\nBob;plain\n');
    await withDataset(path, async (data) => {
      assert.equal(data.bom, true);
      assert.equal(data.delimiter, ';');
      assert.deepEqual(
        data.columns.map((c) => c.name),
        ['name', 'note'],
      );
      const rows = await data.query(`SELECT * FROM ${data.table} ORDER BY rowid`);
      assert.deepEqual(rows, [
        { name: 'Ada', note: 'first line\nsecond line' },
        { name: 'Bob', note: 'plain' },
      ]);
    });
  });

  it('keeps a header-only file as columns without rows, and names the columns of a headerless file', async () => {
    await withDataset(file('header.csv', 'a,b,c\n'), async (data) => {
      assert.equal(data.rows, 0);
      assert.deepEqual(
        data.columns.map((c) => c.name),
        ['a', 'b', 'c'],
      );
    });
    await withDataset(file('noheader.csv', '1,2\n3,4\n5,6\n'), async (data) => {
      assert.equal(data.header, false);
      assert.deepEqual(
        data.columns.map((c) => c.name),
        ['column_1', 'column_2'],
      );
      assert.equal(data.rows, 3);
    });
  });

  it("reads a column as text when a value past the type sniffer's sample does not fit its guess", async () => {
    const lines = ['id,value'];
    for (let i = 1; i <= 30_000; i++) lines.push(`${i},${i}`);
    lines.push('30001,unknown');
    await withDataset(file('late-text.csv', lines.join('\n') + '\n'), async (data) => {
      assert.deepEqual(
        data.columns.map((c) => c.storageType),
        ['BIGINT', 'VARCHAR'],
      );
      assert.equal(data.rows, 30_001);
    });
  });

  it('keeps numbers written with thousands separators as text (the profile parses them)', async () => {
    await withDataset(file('thousands.csv', 'city,population\nA,"1,200"\nB,"15,000"\nC,900\n'), async (data) => {
      assert.equal(data.columns[1].storageType, 'VARCHAR');
    });
  });
});

describe('openDataset: bad input', () => {
  it('refuses ragged rows with the line, even past the first 20,000 rows and after quoted line breaks', async () => {
    await rejectsWith(openDataset({ path: file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n') }), {
      line: 3,
      message: /ragged\.csv:3: this row has 2 fields, expected 3/,
    });
    const lines = ['a,b', '1,"two\nlines"'];
    for (let i = 0; i < 30_000; i++) lines.push(`${i},${i}`);
    lines.push('7');
    // The short row is on line 30,004 of the file (the quoted field spans two lines).
    await rejectsWith(openDataset({ path: file('ragged-late.csv', lines.join('\n') + '\n') }), {
      line: 30_004,
      message: /:30004: this row has 1 fields?, expected 2/,
    });
  });

  it('refuses mixed delimiters with the first line that does not fit', async () => {
    await rejectsWith(openDataset({ path: file('mixed.csv', 'a,b,c\n1,2,3\n4;5;6\n7,8,9\n') }), {
      line: 3,
      message: /mixed\.csv:3/,
    });
  });

  it('refuses an unclosed quote with line and column', async () => {
    await rejectsWith(openDataset({ path: file('quote.csv', 'a,b\n1,2\n3,"4\n5,6\n') }), {
      line: 3,
      column: 3,
      message: /never closed/,
    });
  });

  it('refuses an empty file, a binary file renamed .csv, a missing file, a path outside the root', async () => {
    await rejectsWith(openDataset({ path: file('empty.csv', '') }), { message: /empty\.csv is empty/ });
    await rejectsWith(openDataset({ path: file('blank.csv', '\n\n  \n') }), { message: /is empty/ });
    await rejectsWith(openDataset({ path: file('book.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])) }), {
      message: /ZIP archive.*\.csv extension/,
    });
    await rejectsWith(openDataset({ path: file('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])) }), {
      message: /PNG image/,
    });
    await rejectsWith(openDataset({ path: join(dir, 'nowhere.csv') }), { message: /nowhere\.csv does not exist/ });
    await rejectsWith(openDataset({ path: '../outside.csv', root: dir }), { message: /outside the workspace/ });
    await rejectsWith(openDataset({ path: file('fake.parquet', 'a,b\n1,2\n') }), { message: /not a Parquet file/ });
  });

  it('refuses broken JSON with the line, and a single object that is not a table', async () => {
    await rejectsWith(openDataset({ path: file('broken.json', '[{"a":1},\n{"a":2},\n{"a":}]') }), {
      line: 3,
      message: /broken\.json:3:/,
    });
    await rejectsWith(openDataset({ path: file('broken.ndjson', '{"a":1}\n{"a":2}\n{"a":\n') }), {
      line: 3,
      message: /broken\.ndjson:3:/,
    });
    await rejectsWith(openDataset({ path: file('object.json', '{"a": 1, "b": 2}') }), {
      message: /one JSON object, not a table/,
    });
  });

  it('never modifies the file, whether it reads or refuses it', async () => {
    const good = join(process.cwd(), 'examples/penguins/data/train.csv');
    const bad = file('ragged2.csv', 'a,b\n1\n');
    const before = [sha(good), sha(bad)];
    await withDataset(good, async () => undefined);
    await assert.rejects(openDataset({ path: bad }));
    assert.deepEqual([sha(good), sha(bad)], before);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await rejectsWith(openDataset({ path: join(VEGA, 'cars.json'), signal: controller.signal }), {
      code: 'cancelled',
      message: /cancelled/,
    });
    // Mid-load, from inside the work (its first progress report, made as the load starts), never
    // from a timer: the load is running when the cancel comes, however fast the machine.
    const running = new AbortController();
    const opening = openDataset({
      path: join(VEGA, 'flights-3m.parquet'),
      signal: running.signal,
      hash: true,
      onProgress: (fraction) => {
        if (fraction < 1) running.abort();
      },
    });
    const error = await opening.then(
      () => assert.fail('expected a cancelled error'),
      (e: unknown) => e as JobError,
    );
    await rejectsWith(Promise.reject(error), { code: 'cancelled', message: /cancelled/ });
    assert.ok(running.signal.aborted, 'cancelled during the load');
    // DuckDB either interrupts the statement or, when the interrupt comes before it really
    // starts, finishes it; then the next step sees the cancel. Either way the job is cancelled.
    if (error.cause)
      assert.match(String((error.cause as Error).message), /interrupt/i, 'the running load was interrupted');
  });
});
