// Tuning an external trainer end to end on penguins: each trial runs the trainer command with the
// trial's params (the training run's external runner), its value is the evaluator's accuracy of
// the trainer's holdout predictions — checked here against the predictions scored by hand. A
// trainer that hangs (ignoring SIGTERM, with a grandchild) is killed by the per-trial timeout:
// the trial fails "timed out after S s" and neither process is left.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JobError } from '../../../src/protocol/jobError';
import { loadStudy } from '../../../src/core/tuning/studyStore';
import { tune } from '../../../src/core/tuning/tuneJob';
import { tempProject, testContext } from '../model/train/trainFixtures';

const fixture = (name: string) => JSON.stringify(join(__dirname, 'fixtures', name));
const SPEC = (script: string) => `version: 1
split: { folds: 3 }
evaluation: { permutationRepeats: 0 }
models:
  - name: centroid
    kind: external
    command: [${JSON.stringify(process.execPath)}, ${fixture(script)}, "{params}"]
`;

/** Whether a process is gone (a zombie waiting for its parent to reap it counts as gone). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? false;
  } catch {
    return true;
  }
}

describe('tuning an external trainer', () => {
  let project: ReturnType<typeof tempProject>;
  before(() => {
    project = tempProject('penguins', SPEC('centroidTrainer.js'));
  });
  after(() => project.dispose());

  it('runs the trainer per trial with its params and scores its holdout predictions', async () => {
    writeFileSync(
      join(project.root, 'tuning.yaml'),
      'version: 1\nspec: pipeline.yaml\nobjective: { metric: accuracy }\nsampler: { kind: random }\nbudget: { trials: 4 }\nparallel: 2\nspace:\n  centroid:\n    shrink: { low: 0, high: 1 }\n',
    );
    const result = await tune({ root: project.root }, testContext());
    assert.equal(result.trials.length, 4);
    assert.ok(
      result.trials.every((t) => t.state === 'complete'),
      JSON.stringify(result.trials),
    );
    const labels = readFileSync(join(project.root, 'data/holdout.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    const runs = readFileSync(join(project.root, 'trials.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { params: { shrink: number }; predictions: string[] });
    assert.equal(runs.length, 4);
    for (const t of result.trials) {
      const run = runs.find((r) => r.params.shrink === t.params['centroid.shrink']);
      assert.ok(run, `the trainer got trial ${t.number}'s shrink`);
      const accuracy = run.predictions.filter((p, i) => p === labels[i]).length / labels.length;
      assert.equal(t.values![0], accuracy);
      assert.ok(t.attributes!.fit_ms > 0);
    }
    // The shrinkage matters: more shrinkage, no better accuracy on these well-separated species.
    const sorted = [...result.trials].sort(
      (a, b) => (a.params['centroid.shrink'] as number) - (b.params['centroid.shrink'] as number),
    );
    assert.ok(sorted[0].values![0] >= sorted[3].values![0]);
  });

  it('kills a hanging trainer and its grandchild at the per-trial timeout (SIGTERM, then SIGKILL)', async () => {
    writeFileSync(join(project.root, 'pipeline.yaml'), SPEC('hangTrainer.js'));
    writeFileSync(
      join(project.root, 'hang.yaml'),
      'version: 1\nspec: pipeline.yaml\nobjective: { metric: accuracy }\nsampler: { kind: random }\nbudget: { trials: 1, trialTimeoutSeconds: 2 }\nspace:\n  centroid:\n    shrink: { low: 0, high: 1 }\n',
    );
    let studyId: string | undefined;
    await assert.rejects(tune({ root: project.root, spec: 'hang.yaml' }, testContext()), (error: unknown) => {
      assert.ok(error instanceof JobError);
      assert.match(error.message, /trial 0: timed out after 2 s/);
      return true;
    });
    // The study's log has the failed trial.
    const studies = readdirSync(join(project.root, '.mlcycle', 'studies'), { withFileTypes: true });
    for (const id of studies.filter((d) => d.isDirectory()).map((d) => d.name)) {
      const loaded = await loadStudy(project.root, id);
      if (loaded.study.spec && (loaded.study.spec as { tuningPath?: string }).tuningPath === 'hang.yaml') studyId = id;
    }
    const trial = (await loadStudy(project.root, studyId!)).trials[0];
    assert.equal(trial.state, 'failed');
    assert.equal(trial.error, 'timed out after 2 s');
    // The trial was recorded only once the trainer had exited; its grandchild went with its group.
    assert.ok(existsSync(join(project.root, 'hang.pids')));
    const pids = JSON.parse(readFileSync(join(project.root, 'hang.pids'), 'utf8')) as Record<string, number>;
    assert.ok(gone(pids.trainer), `trainer ${pids.trainer} is gone`);
    for (let i = 0; i < 100 && !gone(pids.grandchild); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(gone(pids.grandchild), `grandchild ${pids.grandchild} is gone`);
  });
});
