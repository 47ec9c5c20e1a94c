// ExternalPredictor on its own, with a tiny node predict command (test/fixtures/byo/sum_predictor.mjs):
// rows go in batches, one process each, in the trainer's column order; the placeholders, the
// predict-params.json and the environment agree; a bad predictions.csv, a missing one, a missing
// program and a program outside the project are clear errors; no rows or a cancel start nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Frame } from '../../../../src/core/model/frame';
import {
  ExternalPredictError,
  ExternalPredictor,
  type ExternalPredictorSpec,
} from '../../../../src/core/model/train/externalPredictor';

const SCRIPT = join(process.cwd(), 'test/fixtures/byo/sum_predictor.mjs');

describe('ExternalPredictor', () => {
  let root: string;
  let calls: string;
  let spec: ExternalPredictorSpec;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'mlcycle-predictor-'));
    mkdirSync(join(root, 'model'));
    writeFileSync(join(root, 'model', 'factor.txt'), '2');
    calls = join(root, 'calls.txt');
    spec = {
      root,
      name: 'summer',
      task: 'regression',
      target: 'y',
      inputs: [
        { name: 'a', type: 'numeric' },
        { name: 'b', type: 'numeric' },
        { name: 'c', type: 'categorical' },
      ],
      params: { mode: 'ok', calls },
      modelDir: join(root, 'model'),
      command: [process.execPath, SCRIPT, '{params}', '{input}', '{output}', '{model_dir}'],
      cwd: '.',
      timeoutSeconds: 60,
      batchRows: 3,
    };
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  // Columns in another order than the trainer's, and one it never saw.
  const frame: Frame = {
    rows: 7,
    columns: [
      { name: 'z', type: 'categorical', values: ['x', 'x', 'x', 'x', 'x', 'x', 'x'] },
      { name: 'b', type: 'numeric', values: Float64Array.from([10, 20, 30, 40, 50, 60, NaN]) },
      { name: 'c', type: 'categorical', values: ['p', null, 'q', 'p, q', 'p', 'q', 'p'] },
      { name: 'a', type: 'numeric', values: Float64Array.from([1, 2, 3, 4, 5, 6, 7]) },
    ],
  };

  it('predicts in batches of batchRows, one process each, in the trainer’s column order', async () => {
    rmSync(calls, { force: true });
    const batches: number[][] = [];
    const p = await new ExternalPredictor(spec).predict(frame, { onBatch: (...args) => batches.push(args) });
    assert.deepEqual(p.task === 'regression' && Array.from(p.values), [22, 44, 66, 88, 110, 132, 14]);
    assert.equal(readFileSync(calls, 'utf8'), '3\n3\n1\n');
    assert.deepEqual(batches, [
      [0, 3, 0],
      [1, 3, 3],
      [2, 3, 6],
    ]);
  });

  it('refuses a predictions.csv that is not numbers, and a missing one, quoting the command', async () => {
    await assert.rejects(
      new ExternalPredictor({ ...spec, params: { mode: 'nan' } }).predict(frame),
      (error: Error) =>
        error instanceof ExternalPredictError &&
        /The predict command of summer .* line 2: prediction "oops" is not a number/.test(error.message),
    );
    await assert.rejects(
      new ExternalPredictor({ ...spec, params: { mode: 'none' } }).predict(frame),
      /wrote no predictions\.csv \(expected at MLCYCLE_OUTPUT/,
    );
  });

  it('says when the program is missing, and refuses one outside the project', async () => {
    await assert.rejects(
      new ExternalPredictor({ ...spec, command: ['no-such-predictor-program'] }).predict(frame),
      /Cannot run the external predictor: "no-such-predictor-program" was not found/,
    );
    assert.throws(
      () => new ExternalPredictor({ ...spec, command: ['../elsewhere/predict.sh'] }),
      /outside the project/,
    );
  });

  it('starts nothing for no rows or after a cancel', async () => {
    rmSync(calls, { force: true });
    const empty = await new ExternalPredictor(spec).predict({
      rows: 0,
      columns: frame.columns.map((c) => ({ ...c, values: c.values.slice(0, 0) }) as Frame['columns'][number]),
    });
    assert.equal(empty.task === 'regression' && empty.values.length, 0);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(new ExternalPredictor(spec).predict(frame, { signal: controller.signal }), {
      name: 'AbortError',
    });
    assert.equal(existsSync(calls), false);
  });
});
