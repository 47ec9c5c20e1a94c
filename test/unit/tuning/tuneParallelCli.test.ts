// `mlcycle tune` with `parallel: 2` on penguins: trials run on two worker threads. A random
// search gives every trial the same parameters and the same value as the serial study (the
// threads' fits are the same fits); a TPE study run twice gives the same trials (the sampler and
// the pruner see the same history whatever thread finished first).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
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

const SPACE = `space:
  model: [logistic, forest]
  logistic:
    C: { low: 0.01, high: 10, log: true }
  forest:
    max_depth: { low: 2, high: 6 }
  preprocess:
    scale: [standard, none]
`;

type Trial = { number: number; state: string; params: Record<string, unknown>; values?: number[] };

describe('mlcycle tune, parallel: 2', () => {
  let project: ReturnType<typeof tempProject>;
  before(() => {
    project = tempProject('penguins', SPEC);
  });
  after(() => project.dispose());

  const tune = async (name: string, sampler: string, parallel: number, pruner = '{ kind: none }') => {
    writeFileSync(
      join(project.root, name),
      `version: 1\nspec: pipeline.yaml\nobjective: { metric: log_loss }\nsampler: ${sampler}\npruner: ${pruner}\nbudget: { trials: 10 }\nparallel: ${parallel}\n${SPACE}`,
    );
    const r = await runMlcycle(project.root, 'tune', name, '--json', `${name}.json`);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(readFileSync(join(project.root, `${name}.json`), 'utf8')) as { trials: Trial[] };
    return json.trials.map((t) => ({ number: t.number, state: t.state, params: t.params, values: t.values }));
  };

  it('random search: the same trials and values on two threads as in one process', async () => {
    const serial = await tune('serial.yaml', '{ kind: random }', 1);
    const threaded = await tune('threaded.yaml', '{ kind: random }', 2);
    assert.equal(threaded.length, 10);
    assert.ok(threaded.every((t) => t.state === 'complete'));
    assert.deepEqual(threaded, serial);
  });

  it('TPE with the median pruner: the same trials when the study is run again', async () => {
    const sampler = '{ kind: tpe, startupTrials: 4 }';
    const pruner = '{ kind: median, startupTrials: 2 }';
    const first = await tune('tpe1.yaml', sampler, 2, pruner);
    const second = await tune('tpe2.yaml', sampler, 2, pruner);
    assert.deepEqual(second, first);
  });
});
