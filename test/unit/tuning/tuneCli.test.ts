// `mlcycle tune` end to end on vega-datasets' penguins: one study per sampler (grid, random,
// TPE), recorded under .mlcycle/studies/<id>/; a grid trial's value equals what a training run
// with the same parameters reports; a seed reproduces its study; exit codes 0 / 2 / 130 and a
// resumed study that re-runs nothing finished.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JobError } from '../../../src/protocol/jobError';
import { tune as tuneJob } from '../../../src/core/tuning/tuneJob';
import { loadStudy } from '../../../src/core/tuning/studyStore';
import { tempProject } from '../model/train/trainFixtures';
import { runMlcycle } from '../support/runCliInProcess';

const SPEC = `version: 1
split: { folds: 3 }
preprocess:
  scale: standard
models:
  - name: logistic
    kind: logistic_regression
  - name: forest
    kind: random_forest
    params: { n_estimators: 10, max_depth: 4 }
evaluation:
  permutationRepeats: 0
`;

const study = (sampler: string, trials: number, space: string) =>
  `version: 1\nspec: pipeline.yaml\nobjective: { metric: log_loss }\nsampler: ${sampler}\nbudget: { trials: ${trials} }\nspace:\n${space}`;

type Json = {
  studyId: string;
  beatBaseline: boolean;
  baseline: number[];
  best: { number: number; params: Record<string, unknown>; values: number[] };
  trials: Array<{ number: number; state: string; params: Record<string, unknown>; values?: number[] }>;
};

describe('mlcycle tune', () => {
  let project: ReturnType<typeof tempProject>;
  before(() => {
    project = tempProject('penguins', SPEC);
  });
  after(() => project.dispose());

  const tune = async (name: string, text: string, ...args: string[]) => {
    writeFileSync(join(project.root, name), text);
    const r = await runMlcycle(project.root, 'tune', name, '--json', `${name}.json`, ...args);
    return { ...r, json: JSON.parse(readFileSync(join(project.root, `${name}.json`), 'utf8')) as Json };
  };

  it('grid: every combination once, each value the one a training run with those parameters gives', async () => {
    const { code, stderr, stdout, json } = await tune(
      'grid.yaml',
      study('{ kind: grid }', 10, '  logistic:\n    C: { low: 0.01, high: 10, log: true, points: 4 }\n'),
    );
    assert.equal(code, 0, stderr);
    assert.match(stdout, /The best trial beats the baseline/);
    assert.deepEqual(
      json.trials.map((t) => t.params['logistic.C']),
      [0.01, 0.1, 1, 10],
    );
    assert.ok(json.trials.every((t) => t.state === 'complete'));
    assert.ok(json.baseline[0] > json.best.values[0]);
    const best = Math.min(...json.trials.map((t) => t.values![0]));
    assert.equal(json.best.values[0], best);
    // The same parameters through `mlcycle train` (the run's own CV log loss).
    const C = json.best.params['logistic.C'];
    writeFileSync(
      join(project.root, 'one.yaml'),
      SPEC.replace('kind: logistic_regression', `kind: logistic_regression\n    params: { C: ${C} }`),
    );
    const train = await runMlcycle(project.root, 'train', 'one.yaml', '--models', 'logistic', '--json', 'one.json');
    assert.ok(train.code <= 1, train.stderr);
    const run = JSON.parse(readFileSync(join(project.root, 'one.json'), 'utf8'));
    const logistic = run.models.find((m: { name: string }) => m.name === 'logistic');
    assert.ok(Math.abs(logistic.metrics.cv.log_loss.mean - json.best.values[0]) < 1e-12);
    const baseline = run.models.find((m: { baseline: boolean }) => m.baseline);
    assert.ok(Math.abs(baseline.metrics.cv.log_loss.mean - json.baseline[0]) < 1e-12);
    const stored = await loadStudy(project.root, json.studyId);
    assert.equal(stored.trials.length, 4);
    assert.deepEqual(stored.study.metrics, ['log_loss']);
    // The record the sidebar's "Hyperparameters tuned" item reads, computed from the training data.
    const record = JSON.parse(readFileSync(join(project.root, '.mlcycle/studies', `${json.studyId}.json`), 'utf8'));
    assert.equal(record.kind, 'study');
    assert.equal(record.outcome, 'pass');
    assert.ok(record.inputs.some((i: { path: string }) => i.path === 'data/train.csv'));
    assert.match(record.summary, /^Best log_loss \d/);
  });

  it('random and TPE: the same seed gives the same study, conditional parameters only where active', async () => {
    const space = [
      '  model: [logistic, forest]',
      '  logistic:',
      '    C: { low: 0.001, high: 100, log: true }',
      '  forest:',
      '    max_depth: { low: 2, high: 8 }',
      '',
    ].join('\n');
    for (const sampler of ['{ kind: random, seed: 5 }', '{ kind: tpe, seed: 5, startupTrials: 4 }']) {
      const a = await tune('a.yaml', study(sampler, 7, space));
      const b = await tune('b.yaml', study(sampler, 7, space));
      assert.equal(a.code, 0, a.stderr);
      assert.equal(a.json.trials.length, 7);
      assert.deepEqual(
        a.json.trials.map((t) => t.params),
        b.json.trials.map((t) => t.params),
        sampler,
      );
      for (const t of a.json.trials) {
        const keys = Object.keys(t.params).sort();
        assert.deepEqual(keys, t.params.model === 'logistic' ? ['logistic.C', 'model'] : ['forest.max_depth', 'model']);
      }
    }
  });

  it('constraints: the best trial is the best that meets them, its model size measured', async () => {
    const space =
      '  model: [logistic, forest]\n  logistic:\n    C: { low: 0.01, high: 10, log: true }\n  forest:\n    max_depth: { low: 2, high: 6 }\n';
    const free = await tune(
      'free.yaml',
      study('{ kind: random, seed: 2 }', 8, space).replace(
        'space:',
        'constraints: ["model_size_kb <= 100000"]\nspace:',
      ),
    );
    assert.equal(free.code, 0, free.stderr);
    const sizes = free.json.trials.map((t) => [
      t.params.model,
      (t as { attributes?: Record<string, number> }).attributes?.model_size_kb,
    ]);
    assert.ok(
      sizes.every(([, kb]) => typeof kb === 'number' && kb > 0),
      JSON.stringify(sizes),
    );
    // A limit between the smallest and the largest model: only trials under it may be the best.
    const kbs = sizes.map(([, kb]) => kb as number).sort((a, b) => a - b);
    const limit = (kbs[0] + kbs[kbs.length - 1]) / 2;
    const limited = await tune(
      'limited.yaml',
      study('{ kind: random, seed: 2 }', 8, space).replace(
        'space:',
        `constraints: ["model_size_kb <= ${limit}"]\nspace:`,
      ),
    );
    const allowed = limited.json.trials.filter(
      (t) => ((t as { attributes?: Record<string, number> }).attributes?.model_size_kb ?? Infinity) <= limit,
    );
    const bestAllowed = Math.min(...allowed.map((t) => t.values![0]));
    assert.equal(limited.json.best.values[0], bestAllowed);
  });

  it('bad input exits 2 with the line to fix; a cancelled study keeps its finished trials and resumes without re-running finished trials', async () => {
    writeFileSync(
      join(project.root, 'bad.yaml'),
      study('{ kind: tpe }', 5, '  logistic:\n    C: { low: 10, high: 1 }\n'),
    );
    const bad = await runMlcycle(project.root, 'tune', 'bad.yaml');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.yaml:8:\d+: low \(10\) is above high \(1\)/);

    writeFileSync(
      join(project.root, 'stop.yaml'),
      study('{ kind: random, seed: 1 }', 6, '  logistic:\n    C: { low: 0.01, high: 10, log: true }\n'),
    );
    // Cancel from inside the job: once it reports the third trial finished.
    const controller = new AbortController();
    const cancelled = await tuneJob(
      { root: project.root, spec: join(project.root, 'stop.yaml') },
      {
        signal: controller.signal,
        report: (p) => {
          if (/trial 2 complete/.test(p.message ?? '')) controller.abort();
        },
      },
    ).then(
      () => assert.fail('the study should have been cancelled'),
      (error: unknown) => error,
    );
    assert.ok(cancelled instanceof JobError && cancelled.code === 'cancelled', String(cancelled));
    const id = /--resume (\S+)\)/.exec(cancelled.message)?.[1];
    assert.ok(id, cancelled.message);
    const before = await loadStudy(project.root, id);
    const finished = before.trials.filter((t) => t.state === 'complete').map((t) => t.number);
    assert.ok(finished.length >= 3 && finished.length < 6);
    const resumed = await runMlcycle(project.root, 'tune', '--resume', id, '--json', 'resumed.json');
    assert.equal(resumed.code, 0, resumed.stderr);
    const json = JSON.parse(readFileSync(join(project.root, 'resumed.json'), 'utf8')) as Json;
    assert.deepEqual(
      json.trials.map((t) => t.number),
      [0, 1, 2, 3, 4, 5],
    );
    assert.ok(json.trials.every((t) => t.state === 'complete'));
    const after = await loadStudy(project.root, id);
    for (const n of finished)
      assert.equal(
        after.trials.find((t) => t.number === n)?.values?.[0],
        before.trials.find((t) => t.number === n)?.values?.[0],
      );
  });
});
