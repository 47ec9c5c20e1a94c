// loadFrame: typed columns from real and crafted files through the one DuckDB loader, each
// row's source line, and the bad values a model cannot take refused with their line.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { columnKind, loadFrame } from '../../../src/core/model/loadFrame';
import { fitPipeline } from '../../../src/core/model/pipeline/fitPipeline';
import { prepareTarget } from '../../../src/core/model/pipeline/prepareTarget';
import { parsePipelineSpec } from '../../../src/core/model/spec/parsePipelineSpec';
import { JobError } from '../../../src/protocol/jobError';

const ROOT = join(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'mlcycle-frame-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe('loadFrame', () => {
  it('loads the penguins and cars examples with their types and lines', async () => {
    const { frame, file } = await loadFrame({ root: join(ROOT, 'examples/penguins'), path: 'data/train.csv' });
    assert.equal(file, join(ROOT, 'examples/penguins/data/train.csv'));
    assert.equal(frame.rows, 241);
    assert.deepEqual(
      frame.columns.map((c) => [c.name, c.type]),
      [
        ['Species', 'categorical'],
        ['Island', 'categorical'],
        ['Beak Length (mm)', 'numeric'],
        ['Beak Depth (mm)', 'numeric'],
        ['Flipper Length (mm)', 'numeric'],
        ['Body Mass (g)', 'numeric'],
        ['Sex', 'categorical'],
      ],
    );
    assert.deepEqual(Array.from(frame.lineNumbers?.subarray(0, 3) ?? []), [2, 3, 4]);
    const mass = frame.columns[5].values as Float64Array;
    assert.equal(mass[0], 3075);
    assert.ok(mass.some(Number.isNaN), 'missing values are NaN');
    const sex = frame.columns[6].values as Array<string | null>;
    assert.ok(sex.includes(null), 'missing categories are null');
    const cars = await loadFrame({
      root: join(ROOT, 'examples/cars'),
      path: 'data/train.csv',
      columns: ['Horsepower', 'Origin', 'Nope'],
    });
    assert.deepEqual(
      cars.frame.columns.map((c) => c.name),
      ['Horsepower', 'Origin'],
    );
  });

  it('dates become epoch milliseconds, booleans and text categories, Infinity is kept; lines follow quoted line breaks', async () => {
    const path = write(
      'mixed.csv',
      'when,flag,note,x\n2020-01-02,true,"two\nlines",1.5\n2020-01-03,false,plain,inf\n\n2020-01-04,,x,-inf\n',
    );
    const { frame } = await loadFrame({ root: dir, path });
    assert.deepEqual(
      frame.columns.map((c) => c.type),
      ['numeric', 'categorical', 'categorical', 'numeric'],
    );
    assert.deepEqual(Array.from(frame.columns[0].values as Float64Array), [
      Date.UTC(2020, 0, 2),
      Date.UTC(2020, 0, 3),
      Date.UTC(2020, 0, 4),
    ]);
    assert.deepEqual(frame.columns[1].values, ['true', 'false', null]);
    assert.deepEqual(Array.from(frame.columns[3].values as Float64Array), [1.5, Infinity, -Infinity]);
    assert.deepEqual(Array.from(frame.lineNumbers ?? []), [2, 4, 6]);
  });

  it('reads NDJSON with line numbers', async () => {
    const path = write('rows.ndjson', '{"a": 1, "b": "x"}\n\n{"a": null, "b": "y"}\n{"a": 3, "b": null}\n');
    const { frame } = await loadFrame({ root: dir, path });
    assert.deepEqual(Array.from(frame.columns[0].values as Float64Array), [1, NaN, 3]);
    assert.deepEqual(frame.columns[1].values, ['x', 'y', null]);
    assert.deepEqual(Array.from(frame.lineNumbers ?? []), [1, 3, 4]);
  });

  it('a non-numeric value in a numeric column is refused with its line (by the pipeline)', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 2 ? 'a' : 'b'},${i * 1.5}`);
    rows[21] = '21,a,n/a.';
    const path = write('bad.csv', `id,label,hp\n${rows.join('\n')}\n`);
    const { frame } = await loadFrame({ root: dir, path });
    const { spec } = parsePipelineSpec('version: 1\n', {
      task: 'classification',
      target: 'label',
      datasets: { train: path },
    });
    assert.ok(spec);
    const prepared = prepareTarget(frame, 'label', 'classification');
    await assert.rejects(
      fitPipeline(prepared.frame, prepared.target, spec, { seed: 1 }),
      (e: unknown) =>
        e instanceof JobError &&
        e.code === 'bad-input' &&
        /"hp" holds numbers, but line 23 has "n\/a\."/.test(e.message),
    );
  });

  it('refuses a missing file and a path outside the folder, like every data job', async () => {
    await assert.rejects(
      loadFrame({ root: dir, path: 'nope.csv' }),
      (e: unknown) => e instanceof JobError && e.code === 'bad-input',
    );
    await assert.rejects(
      loadFrame({ root: dir, path: '../elsewhere.csv' }),
      (e: unknown) => e instanceof JobError && e.code === 'bad-input',
    );
  });

  it('maps DuckDB types', () => {
    assert.equal(columnKind('DECIMAL(10,2)'), 'numeric');
    assert.equal(columnKind('BIGINT'), 'numeric');
    assert.equal(columnKind('TIMESTAMP WITH TIME ZONE'), 'temporal');
    assert.equal(columnKind('BOOLEAN'), 'categorical');
    assert.equal(columnKind('STRUCT(a INTEGER)'), 'categorical');
  });
});

describe('loadFrame record numbers', () => {
  it('numbers the rows of a JSON array by record', async () => {
    const path = write('rows.json', '[{"a": 1}, {"a": 2}, {"a": 3}]');
    const { frame } = await loadFrame({ root: dir, path });
    assert.deepEqual(Array.from(frame.lineNumbers ?? []), [1, 2, 3]);
  });
});
