// The model commands of the CLI (train, evaluate, predict) in-process through runCli: exit codes
// for CI (0 pass, 1 completed but failed, 2 bad input) and the --json contract of `train`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { PENGUINS_SPEC, tempProject } from '../model/train/trainFixtures';

function capture(cwd: string) {
  let stdout = '';
  let stderr = '';
  return {
    io: { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd },
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

async function mlcycle(cwd: string, ...args: string[]) {
  const out = capture(cwd);
  const code = await runCli(args, out.io, new AbortController().signal);
  return { code, stdout: out.stdout, stderr: out.stderr };
}

describe('mlcycle train / evaluate / predict', () => {
  let project: ReturnType<typeof tempProject>;
  before(() => {
    project = tempProject('penguins', PENGUINS_SPEC.replace('permutationRepeats: 2', 'permutationRepeats: 0'));
  });
  after(() => project.dispose());

  it('train --json: the contract, and exit 0 when the run passes', async () => {
    const { code, stdout, stderr } = await mlcycle(project.root, 'train', '--json', 'run.json');
    const json = JSON.parse(readFileSync(join(project.root, 'run.json'), 'utf8'));
    assert.equal(code, json.outcome === 'pass' ? 0 : 1, stderr);
    assert.equal(typeof json.runId, 'string');
    assert.deepEqual(
      json.models.map((m: { name: string; baseline: boolean }) => [m.name, m.baseline]),
      [
        ['baseline', true],
        ['logistic_regression', false],
        ['forest', false],
      ],
    );
    for (const m of json.models) {
      assert.equal(typeof m.kind, 'string');
      for (const name of ['accuracy', 'balanced_accuracy', 'f1_macro', 'roc_auc', 'log_loss']) {
        assert.equal(typeof m.metrics.cv[name].mean, 'number', `${m.name} cv ${name}`);
        assert.equal(typeof m.metrics.cv[name].std, 'number');
        assert.equal(typeof m.metrics.holdout[name], 'number', `${m.name} holdout ${name}`);
      }
    }
    assert.equal(json.models[1].vsBaseline.beats, true);
    assert.match(stdout, /model +kind +CV balanced_accuracy +holdout +vs baseline/);
    assert.match(stdout, /baseline +dummy_classifier +0\.3333 ± 0\.0000 +0\.3333/);
    assert.match(stdout, /KPI Correct identification: balanced_accuracy/);
    assert.match(stdout, new RegExp(`Recorded in \\.mlcycle/runs/${json.runId}\\.json`));
  });

  it('train exits 1 when no model beats the baseline, and says so', async () => {
    writeFileSync(
      join(project.root, 'weak.yaml'),
      'version: 1\nsplit: { folds: 2 }\nmodels:\n  - kind: dummy_classifier\n    params: { strategy: most_frequent }\n  - name: uniform\n    kind: k_neighbors\n    params: { n_neighbors: 150 }\n',
    );
    const { code, stdout } = await mlcycle(project.root, 'train', 'weak.yaml', '--json', '-');
    const json = JSON.parse(stdout);
    assert.equal(code, 1);
    assert.equal(json.outcome, 'fail');
    assert.ok(json.failures.some((f: string) => /baseline|KPI/.test(f)));
  });

  it('train exits 2 on a bad spec, naming its line', async () => {
    writeFileSync(
      join(project.root, 'bad.yaml'),
      'version: 1\nmodels:\n  - kind: random_forest\n    params: { n_estimators: -3 }\n',
    );
    const { code, stderr } = await mlcycle(project.root, 'train', 'bad.yaml');
    assert.equal(code, 2);
    assert.match(stderr, /bad\.yaml:4:\d+/);
  });

  it('predict writes the CSV; evaluate reports and records', async () => {
    const runId = JSON.parse(readFileSync(join(project.root, 'run.json'), 'utf8')).runId;
    const predicted = await mlcycle(
      join(project.root, 'data'),
      'predict',
      runId,
      'current.csv',
      '--out',
      '../pred.csv',
    );
    assert.equal(predicted.code, 0, predicted.stderr);
    assert.match(
      predicted.stdout,
      /predictions of .* written to \.\.\/pred\.csv \(prediction, proba_Adelie, proba_Chinstrap, proba_Gentoo\)/,
    );
    assert.ok(existsSync(join(project.root, 'pred.csv')));
    const evaluated = await mlcycle(
      project.root,
      'evaluate',
      '--run',
      runId,
      '--model',
      'logistic_regression',
      '--json',
      'eval.json',
    );
    assert.equal(evaluated.stderr, '');
    const json = JSON.parse(readFileSync(join(project.root, 'eval.json'), 'utf8'));
    assert.equal(evaluated.code, json.kpis.every((k: { pass: boolean }) => k.pass) ? 0 : 1);
    assert.match(evaluated.stdout, /balanced_accuracy/);
    assert.equal(json.model, 'logistic_regression');
  });

  it('predict exits 2 without --out or with a missing model', async () => {
    assert.equal((await mlcycle(project.root, 'predict', 'x', 'data/current.csv')).code, 2);
    const missing = await mlcycle(project.root, 'predict', 'no-such-run', 'data/current.csv', '--out', 'p.csv');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No run "no-such-run"/);
  });
});
