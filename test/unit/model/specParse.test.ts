// pipeline.yaml: the schema itself, the examples, the defaults, and every problem placed at the
// line and column the user has to fix.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parsePipelineSpec, type PipelineProject } from '../../../src/core/model/spec/parsePipelineSpec';
import { splitCommandLine } from '../../../src/core/model/spec/splitCommandLine';
import { parseProjectFile } from '../../../src/core/project/projectFile';

const ROOT = join(__dirname, '../../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/pipeline.schema.json'), 'utf8'));
const PENGUINS: PipelineProject = {
  task: 'classification',
  target: 'Species',
  datasets: { train: 'data/train.csv', holdout: 'data/holdout.csv' },
  sensitiveColumns: ['Island'],
};
const CARS: PipelineProject = { task: 'regression', target: 'mpg', datasets: { train: 'data/train.csv' } };

function errors(text: string, project: PipelineProject = PENGUINS) {
  const result = parsePipelineSpec(text, project);
  const found = result.problems.filter((p) => p.severity === 'error');
  assert.ok(found.length > 0, `expected errors, got a spec: ${JSON.stringify(result.problems)}`);
  assert.equal(result.spec, undefined);
  return found;
}

function spec(text: string, project: PipelineProject = PENGUINS) {
  const result = parsePipelineSpec(text, project);
  assert.deepEqual(
    result.problems.filter((p) => p.severity === 'error'),
    [],
  );
  assert.ok(result.spec);
  return { ...result, spec: result.spec };
}

describe('pipeline schema', () => {
  it('is valid draft-07 and documents every property', () => {
    const ajv = new Ajv({ strict: false });
    assert.ok(ajv.validateSchema(schema), JSON.stringify(ajv.errors));
    const undocumented: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties) {
        for (const [key, value] of Object.entries(n.properties as Record<string, { description?: string }>)) {
          if (!value.description) undocumented.push(`${path}.${key}`);
          visit(value, `${path}.${key}`);
        }
      }
      for (const key of ['items', 'additionalProperties'])
        if (typeof n[key] === 'object') visit(n[key], `${path}[${key}]`);
      for (const key of ['oneOf', 'anyOf'])
        if (Array.isArray(n[key])) (n[key] as unknown[]).forEach((s, i) => visit(s, `${path}.${key}${i}`));
    };
    visit(schema, '');
    assert.deepEqual(undocumented, []);
  });

  it('lists exactly the model kinds the spec reader knows', () => {
    const kinds = schema.properties.models.items.properties.kind.enum as string[];
    assert.deepEqual(kinds.sort(), [
      'decision_tree',
      'dummy_classifier',
      'dummy_regressor',
      'external',
      'gaussian_nb',
      'hist_gradient_boosting',
      'k_neighbors',
      'linear_regression',
      'logistic_regression',
      'random_forest',
    ]);
  });
});

describe('the examples', () => {
  for (const example of ['penguins', 'cars']) {
    it(`examples/${example}/pipeline.yaml is valid with its mlcycle.yaml`, () => {
      const dir = join(ROOT, 'examples', example);
      const { project } = parseProjectFile(readFileSync(join(dir, 'mlcycle.yaml'), 'utf8'), dir);
      assert.ok(project);
      assert.equal(project.documents.pipeline, 'pipeline.yaml');
      const result = parsePipelineSpec(readFileSync(join(dir, project.documents.pipeline), 'utf8'), project);
      assert.deepEqual(result.problems, []);
      assert.ok(result.spec);
      assert.equal(result.spec.target, project.target);
      assert.ok(result.spec.models.some((m) => m.kind === 'hist_gradient_boosting'));
      assert.ok(result.spec.models.some((m) => m.kind === 'random_forest'));
      assert.ok(result.spec.preprocess.derive.length > 0);
    });
  }
});

describe('defaults', () => {
  it('fills a minimal classification spec from mlcycle.yaml and sensible defaults', () => {
    const { spec: s } = spec('version: 1\n');
    assert.equal(s.task, 'classification');
    assert.equal(s.target, 'Species');
    assert.deepEqual(s.data, { train: 'data/train.csv', holdout: 'data/holdout.csv' });
    assert.deepEqual(s.split, { holdoutFraction: 0, kind: 'stratified', folds: 5, shuffle: true, seed: 42 });
    assert.equal(s.preprocess.impute.numeric, 'median');
    assert.equal(s.preprocess.impute.categorical, 'most_frequent');
    assert.equal(s.preprocess.clip.method, 'none');
    assert.equal(s.preprocess.encode.categorical, 'onehot');
    assert.equal(s.preprocess.encode.unknown, 'ignore');
    assert.equal(s.preprocess.scale, 'standard');
    assert.equal(s.featureSelection.method, 'none');
    assert.deepEqual(
      s.models.map((m) => m.name),
      ['logistic_regression', 'random_forest', 'hist_gradient_boosting'],
    );
    assert.equal(s.evaluation.primaryMetric, 'balanced_accuracy');
    assert.deepEqual(s.evaluation.sensitiveColumns, ['Island']);
    assert.equal(s.evaluation.permutationRepeats, 5);
    assert.equal(s.evaluation.slices, 10);
    assert.equal(s.evaluation.worstRows, 20);
    assert.equal(s.seed, 42);
  });

  it('regression: kfold, a 0.2 holdout without a holdout file, rmse, linear models', () => {
    const { spec: s } = spec('version: 1\nseed: 3\n', CARS);
    assert.deepEqual(s.split, { holdoutFraction: 0.2, kind: 'kfold', folds: 5, shuffle: true, seed: 3 });
    assert.equal(s.evaluation.primaryMetric, 'rmse');
    assert.deepEqual(
      s.models.map((m) => m.kind),
      ['linear_regression', 'random_forest', 'hist_gradient_boosting'],
    );
    assert.deepEqual(s.evaluation.sensitiveColumns, []);
  });

  it('names repeated kinds uniquely and splits an external command into argv', () => {
    const { spec: s, locations } = spec(`version: 1
models:
  - kind: random_forest
  - kind: random_forest
    params: { n_estimators: 50 }
  - name: mine
    kind: external
    command: python3 "my trainer.py" --flag 'a b' c\\ d
`);
    assert.deepEqual(
      s.models.map((m) => m.name),
      ['random_forest', 'random_forest_2', 'mine'],
    );
    assert.deepEqual(s.models[2].command, ['python3', 'my trainer.py', '--flag', 'a b', 'c d']);
    assert.equal(s.models[2].timeoutSeconds, 3600);
    assert.deepEqual(locations['models.1.params.n_estimators'], { line: 5, column: 15 });
  });

  it('takes the spec over mlcycle.yaml and a holdout only with the project train file', () => {
    const { spec: s } = spec('version: 1\ntask: regression\ntarget: Body Mass (g)\ndata: { train: other.csv }\n');
    assert.equal(s.task, 'regression');
    assert.equal(s.target, 'Body Mass (g)');
    assert.deepEqual(s.data, { train: 'other.csv' });
    assert.equal(s.split.holdoutFraction, 0.2);
  });
});

describe('problems, with positions', () => {
  it('YAML syntax errors', () => {
    const [p] = errors('version: 1\nsplit: { folds: 3\n');
    assert.equal(p.start.line, 3);
  });

  it('unknown keys and wrong types at their own line', () => {
    const found = errors('version: 1\nsplit:\n  folds: many\n  shufle: true\n');
    assert.ok(found.some((p) => p.start.line === 3 && /folds/.test(p.message)));
    assert.ok(found.some((p) => p.start.line === 4 && /Unknown key "shufle"/.test(p.message)));
  });

  it('an unknown model kind lists the kinds', () => {
    const [p] = errors('version: 1\nmodels:\n  - kind: xgboost\n');
    assert.equal(p.start.line, 3);
    assert.match(p.message, /hist_gradient_boosting/);
    assert.match(p.message, /random_forest/);
  });

  it('params that are not an object', () => {
    const [p] = errors('version: 1\nmodels:\n  - kind: random_forest\n    params: 100\n');
    assert.equal(p.start.line, 4);
    assert.match(p.message, /params/);
  });

  it('model parameters are checked by the model itself, at the parameter', () => {
    const [p] = errors(
      'version: 1\nmodels:\n  - kind: k_neighbors\n    params:\n      n_neighbors: 5\n      bogus: 1\n',
    );
    assert.equal(p.start.line, 6);
    assert.match(p.message, /bogus/);
  });

  it('duplicate model names, at the second', () => {
    const [p] = errors(
      'version: 1\nmodels:\n  - name: a\n    kind: random_forest\n  - name: a\n    kind: decision_tree\n',
    );
    assert.deepEqual(p.start, { line: 5, column: 5 });
    assert.match(p.message, /already named "a"/);
  });

  it('a group split without its group column, a time split without its time column', () => {
    const [g] = errors('version: 1\nsplit:\n  kind: group\n');
    assert.equal(g.start.line, 3);
    assert.match(g.message, /split\.group/);
    const [t] = errors('version: 1\nsplit:\n  kind: time\n');
    assert.match(t.message, /split\.time/);
  });

  it('a stratified regression, a model of the other task, a metric of the other task', () => {
    assert.match(errors('version: 1\nsplit: { kind: stratified }\n', CARS)[0].message, /kfold/);
    assert.match(
      errors('version: 1\nmodels: [{ kind: logistic_regression }]\n', CARS)[0].message,
      /classification model/,
    );
    assert.match(errors('version: 1\nevaluation: { primaryMetric: rmse }\n')[0].message, /regression metric/);
  });

  it('expression errors point inside the expression', () => {
    const text = 'version: 1\npreprocess:\n  derive:\n    - name: r\n      expression: "a / (b +"\n';
    const [p] = errors(text);
    // The value starts at column 19 (the quote); the error is at offset 8 in the expression.
    assert.deepEqual(p.start, { line: 5, column: 19 + 1 + 8 });
    assert.match(p.message, /ends too early/);
    const [q] = errors('version: 1\npreprocess:\n  derive:\n    - { name: r, expression: process.exit() }\n');
    assert.equal(q.start.line, 4);
    assert.match(q.message, /Unexpected character "\."/);
  });

  it('a derived feature using a later one, itself, or the target', () => {
    const found = errors(
      'version: 1\npreprocess:\n  derive:\n    - { name: a, expression: b * 2 }\n    - { name: b, expression: b + Species }\n',
    );
    assert.ok(found.some((p) => /further down/.test(p.message)));
    assert.ok(found.some((p) => /cannot use itself/.test(p.message)));
    assert.ok(found.some((p) => /is the target/.test(p.message)));
  });

  it('external trainers need a command, built-in models refuse one', () => {
    assert.match(errors('version: 1\nmodels: [{ kind: external }]\n')[0].message, /needs the command/);
    assert.match(
      errors('version: 1\nmodels: [{ kind: random_forest, command: x }]\n')[0].message,
      /kind external only/,
    );
    const [p] = errors('version: 1\nmodels:\n  - kind: external\n    command: python3 "unclosed\n');
    assert.match(p.message, /not closed/);
  });

  it('an external model may declare the command that predicts with it, split like the train command', () => {
    const { spec: s } = spec(
      'version: 1\nmodels:\n  - name: mine\n    kind: external\n    command: python3 train.py {params}\n    predict: python3 "my predict.py" {params}\n',
    );
    assert.deepEqual(s.models[0].predict, ['python3', 'my predict.py', '{params}']);
    assert.equal(s.models[0].predictBatchRows, 10_000);
    assert.equal(spec('version: 1\nmodels: [{ kind: external, command: x }]\n').spec.models[0].predict, undefined);
    assert.match(
      errors('version: 1\nmodels: [{ kind: random_forest, predict: x }]\n')[0].message,
      /"predict" is for kind external only/,
    );
    assert.match(
      errors('version: 1\nmodels:\n  - kind: external\n    command: x\n    predict: python3 "unclosed\n')[0].message,
      /not closed/,
    );
    const warned = spec('version: 1\nmodels: [{ kind: external, command: x, predictBatchRows: 5 }]\n').problems;
    assert.match(warned[0].message, /has none: add predict/);
  });

  it('paths that leave the project folder', () => {
    assert.match(errors('version: 1\ndata: { train: ../secret.csv }\n')[0].message, /outside the project folder/);
  });

  it('no task or target anywhere', () => {
    const found = errors('version: 1\n', { datasets: { train: 'a.csv' } });
    assert.ok(found.some((p) => /No task/.test(p.message)));
    assert.ok(found.some((p) => /No target/.test(p.message)));
  });

  it('an empty document', () => {
    assert.match(errors('')[0].message, /empty/);
  });

  it('warns about keys that are ignored', () => {
    const result = parsePipelineSpec('version: 1\nsplit: { holdout: 0.3, group: g }\n', PENGUINS);
    assert.ok(result.spec);
    assert.equal(result.spec.split.holdoutFraction, 0);
    assert.equal(result.problems.filter((p) => p.severity === 'warning').length, 2);
  });
});

describe('splitCommandLine', () => {
  it('splits like a shell without running one', () => {
    assert.deepEqual(splitCommandLine('  python3   train.py  '), ['python3', 'train.py']);
    assert.deepEqual(splitCommandLine(`a 'b c' "d \\"e\\"" f\\ g ''`), ['a', 'b c', 'd "e"', 'f g', '']);
    assert.deepEqual(splitCommandLine('echo $HOME; rm -rf / | cat'), ['echo', '$HOME;', 'rm', '-rf', '/', '|', 'cat']);
    assert.throws(() => splitCommandLine('a "b'), /not closed/);
  });
});
