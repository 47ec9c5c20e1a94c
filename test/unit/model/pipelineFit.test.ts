// Fitting the preprocessing on real data and applying it again: training and prediction give
// bit-identical matrices (also after a JSON round trip), every input column has a rationale,
// and bad input is refused with the column, the value and the line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { takeRows, type Frame } from '../../../src/core/model/frame';
import { loadFrame } from '../../../src/core/model/loadFrame';
import type { Target } from '../../../src/core/model/matrix';
import { ModelFormatError } from '../../../src/core/model/models/estimator';
import {
  fitPipeline,
  loadPipeline,
  type FittedPipeline,
  type SelectFeatures,
} from '../../../src/core/model/pipeline/fitPipeline';
import { prepareTarget } from '../../../src/core/model/pipeline/prepareTarget';
import { parsePipelineSpec } from '../../../src/core/model/spec/parsePipelineSpec';
import type { PipelineSpec } from '../../../src/core/model/specTypes';
import { parseProjectFile } from '../../../src/core/project/projectFile';
import { JobError } from '../../../src/protocol/jobError';

const ROOT = join(__dirname, '../../..');

async function example(name: string) {
  const root = join(ROOT, 'examples', name);
  const { project } = parseProjectFile(readFileSync(join(root, 'mlcycle.yaml'), 'utf8'), root);
  assert.ok(project);
  const { spec } = parsePipelineSpec(readFileSync(join(root, 'pipeline.yaml'), 'utf8'), project);
  assert.ok(spec);
  const train = (await loadFrame({ root, path: spec.data.train })).frame;
  const holdout = (await loadFrame({ root, path: spec.data.holdout as string })).frame;
  return { spec, train, holdout };
}

function specFrom(yaml: string, task: 'classification' | 'regression', target: string): PipelineSpec {
  const { spec, problems } = parsePipelineSpec(`version: 1\n${yaml}`, { task, target, datasets: { train: 'x.csv' } });
  assert.ok(spec, JSON.stringify(problems));
  return spec;
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.every((v, i) => v === y[i]);
}

function roundTrip(p: FittedPipeline): FittedPipeline {
  return loadPipeline(JSON.parse(JSON.stringify(p.toJSON())));
}

function rejects(run: () => unknown, pattern: RegExp, line?: number): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof JobError, String(error));
    assert.equal(error.code, 'bad-input');
    assert.match(error.message, pattern);
    if (line !== undefined) assert.equal(error.line, line);
    return true;
  });
}

const frameOf = (columns: Frame['columns'], lines?: number[]): Frame => ({
  rows: columns[0].values.length,
  columns,
  ...(lines ? { lineNumbers: Int32Array.from(lines) } : {}),
});

describe('fitPipeline on the examples', () => {
  let penguins: Awaited<ReturnType<typeof example>>;
  let cars: Awaited<ReturnType<typeof example>>;
  before(async () => {
    penguins = await example('penguins');
    cars = await example('cars');
  });

  for (const name of ['penguins', 'cars'] as const) {
    it(`${name}: transform at fit time and after save/load are identical, on training and new rows`, async () => {
      const ex = name === 'penguins' ? penguins : cars;
      const prepared = prepareTarget(ex.train, ex.spec.target, ex.spec.task);
      const pipeline = await fitPipeline(prepared.frame, prepared.target, ex.spec, { seed: 1 });
      const loaded = roundTrip(pipeline);
      const X = pipeline.transform(prepared.frame);
      assert.equal(X.rows, prepared.frame.rows);
      assert.deepEqual(loaded.featureNames, pipeline.featureNames);
      assert.ok(sameBits(X.data, loaded.transform(prepared.frame).data));
      assert.ok(
        sameBits(X.data, roundTrip(loaded).transform(takeRows(ex.train, prepared.keptRows)).data),
        'the target column in the data is ignored',
      );
      const newRows = ex.holdout;
      assert.ok(sameBits(pipeline.transform(newRows).data, loaded.transform(newRows).data));
      for (const v of X.data) assert.ok(Number.isFinite(v));
    });
  }

  it('penguins: features, sources and rationale', async () => {
    const prepared = prepareTarget(penguins.train, 'Species', 'classification');
    assert.deepEqual(prepared.target.task === 'classification' && prepared.target.classes, [
      'Adelie',
      'Chinstrap',
      'Gentoo',
    ]);
    const p = await fitPipeline(prepared.frame, prepared.target, penguins.spec, { seed: 1 });
    assert.deepEqual(p.inputs, [
      { name: 'Island', type: 'categorical' },
      { name: 'Beak Length (mm)', type: 'numeric' },
      { name: 'Beak Depth (mm)', type: 'numeric' },
      { name: 'Flipper Length (mm)', type: 'numeric' },
      { name: 'Body Mass (g)', type: 'numeric' },
      { name: 'Sex', type: 'categorical' },
    ]);
    assert.ok(p.featureNames.includes('Island=Biscoe'));
    assert.ok(p.featureNames.includes('beak_ratio'));
    assert.ok(p.featureNames.includes('Beak Length (mm)_missing'), 'the training file has missing beak lengths');
    assert.equal(p.sources[p.featureNames.indexOf('Island=Dream')], 'Island');
    assert.deepEqual(
      p.rationale.map((r) => r.feature),
      ['Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex', 'beak_ratio'],
    );
    assert.ok(p.rationale.every((r) => r.included));
    // The derived ratio equals the ratio of the raw columns, standardised.
    const X = p.transform(prepared.frame);
    const j = p.featureNames.indexOf('beak_ratio');
    const length = prepared.frame.columns.find((c) => c.name === 'Beak Length (mm)')?.values as Float64Array;
    const depth = prepared.frame.columns.find((c) => c.name === 'Beak Depth (mm)')?.values as Float64Array;
    const present = Array.from(length, (v, i) => v / depth[i])
      .filter((v) => !Number.isNaN(v))
      .sort((a, b) => a - b);
    const median =
      present.length % 2
        ? present[(present.length - 1) / 2]
        : (present[present.length / 2 - 1] + present[present.length / 2]) / 2;
    assert.ok(present.length < length.length, 'some ratios are missing, and imputed with the median');
    const ratios = Array.from(length, (v, i) => (Number.isNaN(v / depth[i]) ? median : v / depth[i]));
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    const first = length[0] / depth[0];
    const std = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / ratios.length);
    assert.ok(Math.abs(X.data[j * X.rows] - (first - mean) / std) < 1e-9);
  });

  it('cars: the dropped identifier with its reason, Cylinders as categories, derived features', async () => {
    const prepared = prepareTarget(cars.train, 'Miles_per_Gallon', 'regression');
    const p = await fitPipeline(prepared.frame, prepared.target, cars.spec, { seed: 1 });
    const name = p.rationale.find((r) => r.feature === 'Name');
    assert.equal(name?.included, false);
    assert.match(name?.reason ?? '', /^dropped in the spec: an identifier/);
    assert.ok(!p.inputs.some((i) => i.name === 'Name'));
    assert.ok(p.featureNames.includes('Cylinders=8'));
    assert.ok(p.featureNames.includes('power_to_weight'));
    assert.ok(p.featureNames.includes('log_displacement'));
  });

  it('only needs the inputs: extra columns are ignored, a missing one is named', async () => {
    const prepared = prepareTarget(penguins.train, 'Species', 'classification');
    const p = await fitPipeline(prepared.frame, prepared.target, penguins.spec, { seed: 1 });
    const without = {
      ...penguins.holdout,
      columns: penguins.holdout.columns.filter((c) => c.name !== 'Body Mass (g)'),
    };
    rejects(() => p.transform(without), /no column "Body Mass \(g\)", which the model needs/);
  });
});

describe('fitPipeline refusals and rules', () => {
  const y: Target = { task: 'regression', y: Float64Array.from([1, 2, 3, 4]) };

  it('a categorical value in a numeric column at predict time: value and line', async () => {
    const train = frameOf([{ name: 'x', type: 'numeric', values: Float64Array.from([1, 2, 3, 4]) }]);
    const p = await fitPipeline(train, y, specFrom('', 'regression', 't'), { seed: 1 });
    const bad = frameOf([{ name: 'x', type: 'categorical', values: ['1', '2.5', 'n/a.', null] }], [2, 3, 9, 10]);
    rejects(() => p.transform(bad), /"x" is numeric .* line 9 has "n\/a\."/, 9);
    // Text that holds numbers is read as numbers; blanks are missing.
    const ok = frameOf([{ name: 'x', type: 'categorical', values: ['1', ' 2.5 ', null, '4'] }]);
    assert.equal(p.transform(ok).rows, 4);
  });

  it('a numeric column with stray text at fit time', async () => {
    const train = frameOf(
      [{ name: 'hp', type: 'categorical', values: ['100', '120', '?', '90', '80'] }],
      [2, 3, 4, 5, 6],
    );
    await assert.rejects(
      fitPipeline(
        train,
        { task: 'regression', y: new Float64Array(5).map((_, i) => i) },
        specFrom('', 'regression', 't'),
        { seed: 1 },
      ),
      /"hp" holds numbers, but line 4 has "\?"/,
    );
  });

  it('Infinity in the data, and a non-finite derived value from finite inputs', async () => {
    const inf = frameOf([{ name: 'x', type: 'numeric', values: Float64Array.from([1, Infinity, 3, 4]) }], [2, 3, 4, 5]);
    await assert.rejects(
      fitPipeline(inf, y, specFrom('', 'regression', 't'), { seed: 1 }),
      (e: JobError) => e.line === 3 && /"x" is Infinity at line 3/.test(e.message),
    );
    const zero = frameOf(
      [
        { name: 'a', type: 'numeric', values: Float64Array.from([1, 2, NaN, 4]) },
        { name: 'b', type: 'numeric', values: Float64Array.from([1, 1, 0, 0]) },
      ],
      [2, 3, 4, 5],
    );
    const spec = specFrom('preprocess:\n  derive: [{ name: r, expression: a / b }]\n', 'regression', 't');
    // Row 3 has a missing input (a missing result, imputed later); row 4 divides by zero.
    await assert.rejects(
      fitPipeline(zero, y, spec, { seed: 1 }),
      (e: JobError) => e.line === 5 && /"r" \(a \/ b\) is Infinity at line 5 \(a = 4, b = 0\)/.test(e.message),
    );
    const fine = await fitPipeline(
      takeRows(zero, [0, 1, 2]),
      { task: 'regression', y: Float64Array.from([1, 2, 3]) },
      spec,
      { seed: 1 },
    );
    assert.ok(fine.featureNames.includes('r'));
  });

  it('columns the spec names must exist; derived features need numeric columns', async () => {
    const train = frameOf([
      { name: 'x', type: 'numeric', values: Float64Array.from([1, 2, 3, 4]) },
      { name: 'c', type: 'categorical', values: ['a', 'b', 'a', 'b'] },
    ]);
    await assert.rejects(
      fitPipeline(
        train,
        y,
        specFrom('preprocess: { drop: [{ column: id, reason: identifier }] }\n', 'regression', 't'),
        { seed: 1 },
      ),
      (e: JobError & { specPath?: string }) =>
        e.specPath === 'preprocess.drop.0.column' && /no column "id"/.test(e.message),
    );
    await assert.rejects(
      fitPipeline(train, y, specFrom('preprocess: { derive: [{ name: d, expression: x * c }] }\n', 'regression', 't'), {
        seed: 1,
      }),
      /uses "c", a categorical column/,
    );
    await assert.rejects(
      fitPipeline(
        train,
        y,
        specFrom('preprocess: { derive: [{ name: d, expression: x * zz }] }\n', 'regression', 't'),
        { seed: 1 },
      ),
      /uses "zz", which is not a column/,
    );
    await assert.rejects(
      fitPipeline(train, y, specFrom('preprocess: { derive: [{ name: x, expression: "2" }] }\n', 'regression', 't'), {
        seed: 1,
      }),
      /name of a column/,
    );
  });

  it('a derived feature may use a dropped column; an all-missing column is left out with its reason', async () => {
    const train = frameOf([
      { name: 'id', type: 'numeric', values: Float64Array.from([10, 20, 30, 40]) },
      { name: 'empty', type: 'categorical', values: [null, null, null, null] },
      { name: 'k', type: 'numeric', values: Float64Array.from([5, 5, 5, 5]) },
    ]);
    const spec = specFrom(
      'preprocess:\n  drop: [{ column: id, reason: row number }]\n  derive: [{ name: half, expression: id / 2 }]\n',
      'regression',
      't',
    );
    const p = await fitPipeline(train, y, spec, { seed: 1 });
    assert.deepEqual(p.featureNames, ['k', 'half']);
    assert.deepEqual(
      p.inputs.map((i) => i.name),
      ['id', 'k'],
    );
    assert.deepEqual(
      p.rationale.map((r) => [r.feature, r.included]),
      [
        ['id', false],
        ['empty', false],
        ['k', true],
        ['half', true],
      ],
    );
    assert.match(p.rationale[1].reason, /every value is missing/);
    assert.match(p.rationale[2].reason, /constant/);
    const X = p.transform(train);
    assert.deepEqual(Array.from(X.data.subarray(0, 4)), [0, 0, 0, 0], 'a constant column scales to 0, not NaN');
  });

  it('unknown categories: ignored (all zeros / -1 / prior) or refused with the line', async () => {
    const train = frameOf([{ name: 'c', type: 'categorical', values: ['a', 'b', 'a', 'b'] }]);
    const fresh = frameOf([{ name: 'c', type: 'categorical', values: ['a', 'zz'] }], [2, 3]);
    const onehot = await fitPipeline(train, y, specFrom('', 'regression', 't'), { seed: 1 });
    assert.deepEqual(Array.from(onehot.transform(fresh).data), [1, 0, 0, 0]);
    const ordinal = await fitPipeline(
      train,
      y,
      specFrom('preprocess: { encode: { categorical: ordinal } }\n', 'regression', 't'),
      { seed: 1 },
    );
    assert.deepEqual(Array.from(ordinal.transform(fresh).data), [0, -1]);
    const strict = await fitPipeline(
      train,
      y,
      specFrom('preprocess: { encode: { unknown: error } }\n', 'regression', 't'),
      { seed: 1 },
    );
    rejects(() => strict.transform(fresh), /"zz" at line 3, a category never seen in training/, 3);
  });

  it('target encoding: m-estimate per category, fitted on the training rows only, prior for unknowns', async () => {
    const train = frameOf([{ name: 'c', type: 'categorical', values: ['a', 'a', 'a', 'b', 'b', null] }]);
    const target: Target = { task: 'classification', classes: ['n', 'p'], y: Int32Array.from([1, 1, 0, 0, 0, 1]) };
    const spec = specFrom(
      'preprocess: { encode: { categorical: target, smoothing: 2 }, impute: { categorical: none } }\n',
      'classification',
      't',
    );
    const p = await fitPipeline(train, target, spec, { seed: 1 });
    assert.deepEqual(p.featureNames, ['c:target']);
    const prior = 3 / 6;
    const X = p.transform(frameOf([{ name: 'c', type: 'categorical', values: ['a', 'b', null, 'new'] }]));
    const expected = [(2 + 2 * prior) / (3 + 2), (0 + 2 * prior) / (2 + 2), (1 + 2 * prior) / (1 + 2), prior];
    Array.from(X.data).forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-15, `${v} vs ${expected[i]}`));
    const multi: Target = { task: 'classification', classes: ['x', 'y', 'z'], y: Int32Array.from([0, 1, 2, 0, 1, 2]) };
    const pm = await fitPipeline(train, multi, spec, { seed: 1 });
    assert.deepEqual(pm.featureNames, ['c:target=x', 'c:target=y', 'c:target=z']);
  });

  it('feature selection is injected, keeps whole source columns and records its reasons', async () => {
    const train = frameOf([
      { name: 'x', type: 'numeric', values: Float64Array.from([1, 2, 3, 4]) },
      { name: 'c', type: 'categorical', values: ['a', 'b', 'a', 'b'] },
      { name: 'z', type: 'numeric', values: Float64Array.from([4, 1, 3, 2]) },
    ]);
    const calls: string[][] = [];
    const select: SelectFeatures = async (X, _y, sources, spec) => {
      calls.push(sources);
      assert.equal(X.cols, sources.length);
      assert.equal(spec.method, 'correlation');
      return {
        selectedSources: ['x', 'c'],
        rationale: [
          { feature: 'x', included: true, reason: '|r| 1.00', score: 1 },
          { feature: 'z', included: false, reason: '|r| 0.20 below 0.5', score: 0.2 },
        ],
      };
    };
    const spec = specFrom('featureSelection: { method: correlation, threshold: 0.5 }\n', 'regression', 't');
    const p = await fitPipeline(train, y, spec, { seed: 3, selectFeatures: select });
    assert.deepEqual(calls, [['x', 'c', 'c', 'z']]);
    assert.deepEqual(p.featureNames, ['x', 'c=a', 'c=b']);
    assert.deepEqual(
      p.inputs.map((i) => i.name),
      ['x', 'c'],
    );
    assert.deepEqual(
      p.rationale.map((r) => [r.feature, r.included, r.reason]),
      [
        ['x', true, '|r| 1.00'],
        ['c', true, 'kept'],
        ['z', false, '|r| 0.20 below 0.5'],
      ],
    );
    await assert.rejects(fitPipeline(train, y, spec, { seed: 3 }), /no selector/);
  });

  it('loadPipeline refuses a newer format and other files clearly', async () => {
    const train = frameOf([{ name: 'x', type: 'numeric', values: Float64Array.from([1, 2, 3, 4]) }]);
    const saved = (await fitPipeline(train, y, specFrom('', 'regression', 't'), { seed: 1 })).toJSON();
    assert.throws(
      () => loadPipeline({ ...saved, version: 2 }),
      (e: unknown) => e instanceof ModelFormatError && /format version 2, newer/.test(e.message),
    );
    assert.throws(() => loadPipeline({ hello: 1 }), ModelFormatError);
    assert.throws(() => loadPipeline(null), ModelFormatError);
  });
});

describe('prepareTarget', () => {
  const lines = [2, 3, 4, 5];
  it('drops rows without a target and sorts classes like scikit-learn', () => {
    const frame = frameOf(
      [
        { name: 'y', type: 'numeric', values: Float64Array.from([10, 2, NaN, 2]) },
        { name: 'x', type: 'numeric', values: Float64Array.from([1, 2, 3, 4]) },
      ],
      lines,
    );
    const r = prepareTarget(frame, 'y', 'classification');
    assert.deepEqual(r.target, { task: 'classification', classes: ['2', '10'], y: Int32Array.from([1, 0, 0]) });
    assert.equal(r.droppedRows, 1);
    assert.deepEqual(Array.from(r.keptRows), [0, 1, 3]);
    assert.deepEqual(
      r.frame.columns.map((c) => c.name),
      ['x'],
    );
    assert.deepEqual(Array.from(r.frame.lineNumbers ?? []), [2, 3, 5]);
    const s = prepareTarget(
      frameOf([{ name: 'y', type: 'categorical', values: ['b', 'B', 'a', null] }]),
      'y',
      'classification',
    );
    assert.deepEqual(s.target.task === 'classification' && s.target.classes, ['B', 'a', 'b']);
  });

  it('refuses what cannot be learned', () => {
    const f = (values: Array<string | null>) => frameOf([{ name: 'y', type: 'categorical', values }], lines);
    rejects(
      () => prepareTarget(f(['a', 'b', 'a', 'b']), 'label', 'classification'),
      /no target column "label". Its columns: y/,
    );
    rejects(() => prepareTarget(f([null, null, null, null]), 'y', 'classification'), /missing in every row/);
    rejects(() => prepareTarget(f(['a', 'a', null, 'a']), 'y', 'classification'), /one class only \("a"\)/);
    rejects(
      () => prepareTarget(f(['1', '2', 'three', '4']), 'y', 'regression'),
      /must be numeric .* line 4 has "three"/,
      4,
    );
    rejects(
      () =>
        prepareTarget(
          frameOf([{ name: 'y', type: 'numeric', values: Float64Array.from([3, 3, 3, 3]) }]),
          'y',
          'regression',
        ),
      /3 in every row/,
    );
  });
});
