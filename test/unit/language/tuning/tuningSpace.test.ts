// Completion and hover in a tuning study's space (tuning.yaml and pipeline.yaml's tuning:
// section) on the penguins example: the pipeline's model names, each kind's real parameters with
// scikit-learn's defaults and what the model's own check accepts, and the analysis that merges
// them with the schema's entries.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { acceptedValues, tuningCompletions, tuningHover } from '../../../../src/core/language/tuningSpace';
import { studyPipelineOf } from '../../../../src/core/language/tuningPipeline';
import { findModel } from '../../../../src/core/model/models/registry';
import { parseProjectFile } from '../../../../src/core/project/projectFile';
import type { StudyPipeline } from '../../../../src/core/tuning/spaceCompiler';
import { documentCompletions, documentHover, tuningTargetOf } from '../../../../src/server/analysis';
import { cursor } from '../schemaFeatures/helpers';

const ROOT = join(process.cwd(), 'examples', 'penguins');
const project = parseProjectFile(readFileSync(join(ROOT, 'mlcycle.yaml'), 'utf8'), ROOT).project!;
const pipelineText = readFileSync(join(ROOT, 'pipeline.yaml'), 'utf8');

describe('tuning space completion and hover', () => {
  let pipeline: StudyPipeline;
  const file = { prefix: [] as string[], pipeline: () => pipeline };
  before(() => {
    pipeline = studyPipelineOf(pipelineText, project)!;
    assert.ok(pipeline, 'the example pipeline reads');
  });

  test('under space: the pipeline spec models not yet searched', () => {
    const { text, position } = cursor('version: 1\nspec: pipeline.yaml\nspace:\n  logistic: {}\n  §\n');
    const labels = tuningCompletions(text, position, file).map((e) => e.label);
    const expected = pipeline.models.map((m) => m.name).filter((n) => n !== 'logistic');
    assert.deepEqual(labels, expected);
  });

  test("under space.<model>: that kind's parameters with their defaults, as a range to fill in", () => {
    const { text, position } = cursor(
      'version: 1\nspec: pipeline.yaml\nspace:\n  boosting:\n    max_iter: [50, 100]\n    §\n',
    );
    const entries = tuningCompletions(text, position, file);
    const kind = pipeline.models.find((m) => m.name === 'boosting')!.kind;
    const defaults = findModel(kind)!.defaults(pipeline.task) as Record<string, unknown>;
    assert.deepEqual(
      entries.map((e) => e.label),
      Object.keys(defaults).filter((p) => p !== 'max_iter'),
    );
    const rate = entries.find((e) => e.label === 'learning_rate')!;
    assert.equal(rate.detail, `${kind} parameter, default 0.1`);
    assert.equal(rate.insertText, 'learning_rate: { low: ${1:0.01}, high: ${2:1}, log: true }');
    assert.equal(
      entries.find((e) => e.label === 'max_leaf_nodes')!.insertText,
      'max_leaf_nodes: { low: ${1:15}, high: ${2:62} }',
    );
    assert.match(rate.documentation!, /Accepts: a number > 0/);
  });

  test('a categorical parameter is offered with all the values its model accepts', () => {
    const { text, position } = cursor('version: 1\nspec: pipeline.yaml\nspace:\n  logistic:\n    pen§\n');
    const penalty = tuningCompletions(text, position, file).find((e) => e.label === 'penalty')!;
    assert.equal(penalty.insertText, 'penalty: [l2, none, l1, elasticnet]');
  });

  test('the model list offers the model names not listed yet', () => {
    const { text, position } = cursor('version: 1\nspec: pipeline.yaml\nspace:\n  model:\n    - logistic\n    - §\n');
    const labels = tuningCompletions(text, position, file).map((e) => e.label);
    assert.ok(!labels.includes('logistic'));
    assert.deepEqual(
      labels,
      pipeline.models.map((m) => m.name).filter((n) => n !== 'logistic'),
    );
  });

  test('the same in the tuning: section of pipeline.yaml, and nothing outside the space', () => {
    const section = { prefix: ['tuning'], pipeline: () => pipeline };
    const { text, position } = cursor(`${pipelineText}\ntuning:\n  space:\n    forest:\n      n_est§\n`);
    assert.ok(tuningCompletions(text, position, section).some((e) => e.label === 'n_estimators'));
    const outside = cursor(`${pipelineText}\nsplit2:\n  space:\n    forest:\n      §\n`);
    assert.deepEqual(tuningCompletions(outside.text, outside.position, section), []);
  });

  test('hover on a parameter: its kind, default and what the model accepts; on a model: its parameters', () => {
    const { text, position } = cursor(
      'version: 1\nspec: pipeline.yaml\nspace:\n  logistic:\n    C§: { low: 0.01, high: 10 }\n',
    );
    const info = tuningHover(text, position, file)!;
    assert.match(info.markdown, /\*\*logistic\.C\*\*: parameter of `logistic_regression`/);
    assert.match(info.markdown, /Default: `1`/);
    assert.match(info.markdown, /Accepts: a number > 0/);
    const model = cursor('version: 1\nspec: pipeline.yaml\nspace:\n  logis§tic:\n    C: [1, 2]\n');
    assert.match(tuningHover(model.text, model.position, file)!.markdown, /- `max_iter` \(default `100`\)/);
    const unknown = cursor('version: 1\nspec: pipeline.yaml\nspace:\n  logistic:\n    dep§th: [1, 2]\n');
    assert.equal(tuningHover(unknown.text, unknown.position, file), undefined);
  });

  test('what a model accepts comes from its own parameter check', () => {
    const tree = findModel('decision_tree')!;
    assert.equal(acceptedValues(tree, 'classification', 'max_depth'), 'an integer >= 1');
    assert.equal(
      acceptedValues(findModel('k_neighbors')!, 'classification', 'weights'),
      'one of "uniform", "distance"',
    );
    assert.equal(acceptedValues(tree, 'classification', 'no_such_param'), undefined);
  });

  test("the server's analysis merges the space's entries with the schema's, in both kinds of document", () => {
    const tuningText = 'version: 1\nspec: pipeline.yaml\nspace:\n  §\n';
    const { text, position } = cursor(tuningText);
    const target = tuningTargetOf('tuning', text, ROOT, 'tuning.yaml', project);
    const labels = documentCompletions('tuning', text, position, target).map((e) => e.label);
    for (const l of ['model', 'preprocess', ...pipeline.models.map((m) => m.name)]) assert.ok(labels.includes(l), l);
    // pipeline.yaml's tuning: section now completes its own keys from the tuning schema.
    const section = cursor(`${pipelineText}\ntuning:\n  §\n`);
    const keys = documentCompletions(
      'pipeline',
      section.text,
      section.position,
      tuningTargetOf('pipeline', section.text, ROOT, 'pipeline.yaml', project),
    ).map((e) => e.label);
    for (const l of ['objective', 'sampler', 'budget', 'space', 'stages']) assert.ok(keys.includes(l), l);
    assert.ok(!keys.includes('version') && !keys.includes('spec'), 'file-only keys are not offered in the section');
    // Hover on a searched parameter: the model's words, then the schema's on a range.
    const on = cursor('version: 1\nspec: pipeline.yaml\nspace:\n  logistic:\n    C§: { low: 0.01, high: 10 }\n');
    const hover = documentHover(
      'tuning',
      on.text,
      on.position,
      tuningTargetOf('tuning', on.text, ROOT, 'tuning.yaml', project),
    )!;
    assert.match(hover.markdown, /parameter of `logistic_regression`[\s\S]*---[\s\S]*choices/);
  });
});
