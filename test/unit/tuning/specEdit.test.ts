// A promoted trial's parameters spliced into the pipeline spec: only the changed values, every
// comment, key order and flow/block style kept; the text reads back to the intended values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { promotionEdit, SpecEditError } from '../../../src/core/tuning/specEdit';

const SPEC = `# Training pipeline (comment kept)
version: 1
preprocess:
  impute:
    numeric: median   # a few birds were not measured
  scale: standard

models:
  - name: logistic
    kind: logistic_regression
    params: { C: 1.0, max_iter: 200 }   # flow style kept
  - name: forest
    kind: random_forest
    params:
      n_estimators: 200 # trees
      min_samples_leaf: 1
  - name: knn
    kind: k_neighbors
seed: 42
`;

describe('promotionEdit', () => {
  it('changes only the chosen model’s values, in place, keeping comments and style', () => {
    const edit = promotionEdit(
      SPEC,
      { model: 'logistic', 'logistic.C': 0.0123456789, 'forest.n_estimators': 50 },
      'logistic',
    );
    assert.equal(
      edit.text,
      SPEC.replace('params: { C: 1.0, max_iter: 200 }', 'params: { C: 0.0123456789, max_iter: 200 }'),
    );
    assert.deepEqual(edit.changes, [{ path: 'models[logistic].params.C', from: 1, to: 0.0123456789 }]);
  });

  it('block params: replaces and adds, keeping the trailing comments', () => {
    const edit = promotionEdit(
      SPEC,
      { 'forest.n_estimators': 350, 'forest.max_depth': 7, 'forest.min_samples_leaf': 1 },
      'forest',
    );
    assert.ok(edit.text.includes('      n_estimators: 350 # trees\n      min_samples_leaf: 1\n      max_depth: 7\n'));
    const read = parse(edit.text);
    assert.deepEqual(read.models[1].params, { n_estimators: 350, min_samples_leaf: 1, max_depth: 7 });
    assert.deepEqual(
      edit.changes.map((c) => c.path),
      ['models[forest].params.n_estimators', 'models[forest].params.max_depth'],
    );
    assert.equal(edit.text.split('\n').length, SPEC.split('\n').length + 1);
  });

  it('a model without params gets a params mapping; preprocessing choices set and added', () => {
    const edit = promotionEdit(
      SPEC,
      {
        'knn.n_neighbors': 12,
        'knn.weights': 'distance',
        'preprocess.scale': 'robust',
        'preprocess.impute.categorical': 'most_frequent',
      },
      'knn',
    );
    const read = parse(edit.text);
    assert.deepEqual(read.models[2], {
      name: 'knn',
      kind: 'k_neighbors',
      params: { n_neighbors: 12, weights: 'distance' },
    });
    assert.equal(read.preprocess.scale, 'robust');
    assert.deepEqual(read.preprocess.impute, { numeric: 'median', categorical: 'most_frequent' });
    assert.ok(edit.text.startsWith('# Training pipeline (comment kept)\n'));
    assert.ok(edit.text.includes('    numeric: median   # a few birds were not measured\n'));
    assert.equal(read.seed, 42);
  });

  it('nothing to change: the text is returned byte for byte', () => {
    const edit = promotionEdit(SPEC, { 'logistic.C': 1, 'logistic.max_iter': 200 }, 'logistic');
    assert.equal(edit.text, SPEC);
    assert.deepEqual(edit.changes, []);
  });

  it('CRLF files stay CRLF', () => {
    const crlf = SPEC.replace(/\n/g, '\r\n');
    const edit = promotionEdit(crlf, { 'forest.max_depth': 3 }, 'forest');
    assert.ok(!/[^\r]\n/.test(edit.text));
    assert.equal(parse(edit.text).models[1].params.max_depth, 3);
  });

  it('refuses a model the spec no longer has, and a value where a mapping is', () => {
    assert.throws(() => promotionEdit(SPEC, { 'svm.C': 1 }, 'svm'), SpecEditError);
    assert.throws(
      () => promotionEdit(SPEC, { 'preprocess.impute': 'median' }, 'logistic'),
      /preprocess.impute is not a single value/,
    );
  });
});
