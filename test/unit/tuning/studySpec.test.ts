// The tuning study YAML (tuning.yaml or a `tuning:` section): the schema, the defaults (Optuna's),
// the compiled space, and every problem placed at the line of the key the user has to fix.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parseStudySpec, tuningSpecReference, hasTuningSection } from '../../../src/core/tuning/studySpec';
import type { StudyPipeline } from '../../../src/core/tuning/spaceCompiler';
import { resolveParallel } from '../../../src/core/tuning/studyTypes';

const ROOT = join(__dirname, '../../..');
const PIPELINE: StudyPipeline = {
  task: 'classification',
  models: [
    { name: 'logistic', kind: 'logistic_regression' },
    { name: 'forest', kind: 'random_forest' },
  ],
  seed: 7,
  primaryMetric: 'roc_auc',
};

function ok(text: string, options: { section?: boolean } = {}, pipeline = PIPELINE) {
  const result = parseStudySpec(text, pipeline, options);
  const errors = result.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, [], JSON.stringify(errors));
  assert.ok(result.spec);
  return { spec: result.spec, warnings: result.problems.filter((p) => p.severity === 'warning') };
}

function errors(text: string, options: { section?: boolean } = {}) {
  const result = parseStudySpec(text, PIPELINE, options);
  const found = result.problems.filter((p) => p.severity === 'error');
  assert.ok(found.length > 0, 'expected an error');
  assert.equal(result.spec, undefined);
  return found;
}

/** The (1-based) line of the first problem whose message matches. */
function lineOf(found: ReadonlyArray<{ message: string; start: { line: number } }>, pattern: RegExp): number {
  const p = found.find((e) => pattern.test(e.message));
  assert.ok(p, `no error matches ${pattern}: ${found.map((e) => e.message).join(' | ')}`);
  return p.start.line;
}

const HEAD = 'version: 1\nspec: pipeline.yaml\n';

describe('tuning schema', () => {
  it('is valid draft-07 and documents every property', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/tuning.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false });
    assert.ok(ajv.validateSchema(schema), JSON.stringify(ajv.errors));
    const undocumented: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [key, value] of Object.entries((n.properties ?? {}) as Record<string, { description?: string }>)) {
        if (!value.description && !(value as { $ref?: string }).$ref) undocumented.push(`${path}.${key}`);
        visit(value, `${path}.${key}`);
      }
      for (const [key, value] of Object.entries(n))
        if (key !== 'properties' && value && typeof value === 'object') visit(value, `${path}/${key}`);
    };
    visit(schema, '');
    assert.deepEqual(undocumented, []);
  });
});

describe('parseStudySpec', () => {
  it('defaults to our TPE (10 startup trials, 24 candidates, continuous parameters jointly), median pruner 5/0, 100 trials, CV, the primary metric', () => {
    const { spec } = ok(`${HEAD}space:\n  logistic:\n    C: { low: 0.001, high: 100, log: true }\n`);
    assert.deepEqual(spec.objectives, [{ metric: 'roc_auc', direction: 'maximize' }]);
    assert.equal(spec.on, 'cv');
    assert.equal(spec.pipelineSpec, 'pipeline.yaml');
    assert.equal(spec.sampler.kind, 'tpe');
    assert.ok(spec.sampler.kind === 'tpe');
    assert.equal(spec.sampler.startupTrials, 10);
    assert.equal(spec.sampler.eiCandidates, 24);
    assert.equal(spec.sampler.multivariate, true);
    assert.equal(spec.sampler.optunaCompat, false);
    assert.equal(spec.sampler.constantLiar, false);
    assert.equal(spec.seed, 7, "the pipeline's seed");
    assert.equal(spec.budget.trials, 100);
    assert.deepEqual(spec.stages, [{ trials: 100 }]);
    assert.equal(spec.parallel, 1);
    assert.deepEqual(spec.models, ['logistic']);
    assert.deepEqual(spec.space.params, [
      { name: 'logistic.C', distribution: { type: 'float', low: 0.001, high: 100, log: true } },
    ]);
  });

  it('takes parallel: N or auto (cores − 1, at least 1), and refuses 0 or another word at its line', () => {
    const space = 'space:\n  logistic:\n    C: { low: 0.1, high: 10 }\n';
    assert.equal(ok(`${HEAD}parallel: 2\n${space}`).spec.parallel, 2);
    assert.equal(ok(`${HEAD}parallel: auto\n${space}`).spec.parallel, 'auto');
    assert.equal(resolveParallel('auto', 2), 1);
    assert.equal(resolveParallel('auto', 1), 1);
    assert.equal(resolveParallel('auto', 8), 7);
    assert.equal(resolveParallel(3, 2), 3);
    assert.equal(resolveParallel(undefined, 8), 1);
    for (const bad of ['0', 'many', '1.5']) {
      const problems = errors(`${HEAD}parallel: ${bad}\n${space}`);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0].message, /"parallel"/);
      assert.equal(lineOf(problems, /"parallel"/), 3);
    }
  });

  it("takes Optuna 3.1's TPE defaults with optunaCompat: univariate, 24 candidates; explicit options still win", () => {
    const compat = ok(
      `${HEAD}sampler: { kind: tpe, optunaCompat: true }\nspace:\n  logistic:\n    C: { low: 0.1, high: 10 }\n`,
    );
    assert.ok(compat.spec.sampler.kind === 'tpe');
    assert.equal(compat.spec.sampler.optunaCompat, true);
    assert.equal(compat.spec.sampler.eiCandidates, 24);
    assert.equal(compat.spec.sampler.multivariate, false);
    const mixed = ok(
      `${HEAD}sampler: { kind: tpe, optunaCompat: true, multivariate: true, eiCandidates: 30 }\nspace:\n  logistic:\n    C: { low: 0.1, high: 10 }\n`,
    );
    assert.ok(mixed.spec.sampler.kind === 'tpe');
    assert.equal(mixed.spec.sampler.multivariate, true);
    assert.equal(mixed.spec.sampler.eiCandidates, 30);
  });

  it('takes the direction from the metric: log loss minimised, AUC maximised; several objectives', () => {
    const { spec } = ok(
      `${HEAD}objectives:\n  - metric: log_loss\n  - metric: roc_auc\nspace:\n  logistic:\n    C: { low: 0.1, high: 10 }\n`,
    );
    assert.deepEqual(spec.objectives, [
      { metric: 'log_loss', direction: 'minimize' },
      { metric: 'roc_auc', direction: 'maximize' },
    ]);
  });

  it('compiles the model choice, conditional parameters and preprocessing choices', () => {
    const { spec } = ok(
      [
        HEAD + 'space:',
        '  model: [logistic, forest]',
        '  logistic:',
        '    C: { low: 0.001, high: 100, log: true }',
        '    penalty: [l2, elasticnet]',
        '    l1_ratio: { low: 0.0, high: 1.0, when: { penalty: elasticnet } }',
        '  forest:',
        '    n_estimators: { low: 50, high: 500, step: 50 }',
        '  preprocess:',
        '    scale: [standard, robust, none]',
        '',
      ].join('\n'),
    );
    const byName = new Map(spec.space.params.map((p) => [p.name, p]));
    assert.deepEqual(byName.get('model')?.distribution, { type: 'categorical', choices: ['logistic', 'forest'] });
    assert.deepEqual(byName.get('forest.n_estimators')?.distribution, { type: 'int', low: 50, high: 500, step: 50 });
    const ratio = byName.get('logistic.l1_ratio');
    assert.ok(ratio?.conditions?.some((c) => c.param === 'logistic.penalty'));
    assert.ok(ratio?.conditions?.some((c) => c.param === 'model'));
    assert.ok(byName.get('forest.n_estimators')?.conditions?.some((c) => c.param === 'model'));
    assert.deepEqual(byName.get('preprocess.scale')?.distribution, {
      type: 'categorical',
      choices: ['standard', 'robust', 'none'],
    });
    assert.deepEqual(spec.models, ['logistic', 'forest']);
  });

  it('reads a tuning: section of pipeline.yaml, which has no spec: or version of its own', () => {
    const text =
      'version: 1\nmodels: []\ntuning:\n  budget: { trials: 20 }\n  space:\n    forest:\n      max_depth: { low: 2, high: 12 }\n';
    assert.equal(hasTuningSection(text), true);
    const { spec } = ok(text, { section: true });
    assert.equal(spec.pipelineSpec, undefined);
    assert.equal(spec.budget.trials, 20);
    const bad = errors(
      'version: 1\ntuning:\n  spec: other.yaml\n  space:\n    forest:\n      max_depth: { low: 2, high: 12 }\n',
      {
        section: true,
      },
    );
    assert.equal(lineOf(bad, /spec: belongs to a separate tuning.yaml/), 3);
  });

  it('finds the pipeline spec a tuning file names', () => {
    assert.equal(tuningSpecReference(`${HEAD}space: {}\n`), 'pipeline.yaml');
    assert.equal(tuningSpecReference('version: 1\n'), undefined);
  });

  it('places each bad range at its line: low > high, a log range reaching 0, a parameter the model lacks', () => {
    const found = errors(
      [
        HEAD + 'space:',
        '  logistic:',
        '    C: { low: 10, high: 1 }',
        '    tol: { low: 0, high: 0.1, log: true }',
        '    depth: { low: 1, high: 3 }',
        '',
      ].join('\n'),
    );
    assert.equal(lineOf(found, /low \(10\) is above high \(1\)/), 5);
    assert.equal(lineOf(found, /log range must be above 0/), 6);
    assert.equal(lineOf(found, /no parameter "depth"/), 7);
  });

  it('refuses an empty space, an unknown model and a metric of the other task', () => {
    assert.match(errors(`${HEAD}space: {}\n`)[0].message, /"space" is empty/);
    const unknown = errors(`${HEAD}space:\n  boosting:\n    max_iter: { low: 10, high: 100 }\n`);
    assert.equal(lineOf(unknown, /Unknown model "boosting"/), 4);
    const metric = errors(`${HEAD}objective: { metric: rmse }\nspace:\n  logistic:\n    C: { low: 0.1, high: 1 }\n`);
    assert.equal(lineOf(metric, /rmse/), 3);
  });

  it('refuses options of another sampler or pruner, and stages that do not add up to the budget', () => {
    const opts = ok(
      `${HEAD}sampler: { kind: random, startupTrials: 5 }\nspace:\n  logistic:\n    C: { low: 0.1, high: 1 }\n`,
    );
    assert.equal(lineOf(opts.warnings, /Ignored: startupTrials/), 3);
    const stages = ok(
      `${HEAD}budget: { trials: 50 }\nstages:\n  - trials: 30\n  - trials: 20\n    narrow: { top: 5 }\nspace:\n  logistic:\n    C: { low: 0.1, high: 1 }\n`,
    ).spec.stages;
    assert.deepEqual(stages, [{ trials: 30 }, { trials: 20, narrow: { top: 5, margin: 0.1 } }]);
  });

  it('parses constraints on metrics and measured costs, and refuses ones it cannot measure', () => {
    const { spec } = ok(
      `${HEAD}constraints: ["predict_ms_per_1k_rows <= 20", "model_size_kb < 500"]\nspace:\n  logistic:\n    C: { low: 0.1, high: 1 }\n`,
    );
    assert.deepEqual(spec.constraints, [
      { name: 'predict_ms_per_1k_rows', op: '<=', value: 20 },
      { name: 'model_size_kb', op: '<', value: 500 },
    ]);
    const bad = errors(`${HEAD}constraints: ["speed <= 20"]\nspace:\n  logistic:\n    C: { low: 0.1, high: 1 }\n`);
    assert.equal(lineOf(bad, /speed/), 3);
  });

  it('refuses a grid too large before it starts, saying how large, and a float range without points', () => {
    const big = errors(
      [
        HEAD + 'sampler: { kind: grid, maxCombinations: 1000 }',
        'space:',
        '  forest:',
        '    n_estimators: { low: 1, high: 100 }',
        '    max_depth: { low: 1, high: 100 }',
        '',
      ].join('\n'),
    );
    assert.match(big.map((e) => e.message).join(' '), /The grid has 10,000 combinations; at most 1,000/);
    const noPoints = errors(`${HEAD}sampler: { kind: grid }\nspace:\n  logistic:\n    C: { low: 0.1, high: 1 }\n`);
    assert.equal(lineOf(noPoints, /give it a step .* or a number of points/), 6);
  });

  it('reports YAML syntax errors and a file that is not a mapping', () => {
    assert.ok(errors('version: 1\nspace: [\n').length);
    assert.match(errors('')[0].message, /empty/);
  });
});
