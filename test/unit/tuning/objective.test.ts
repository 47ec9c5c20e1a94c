// The tuning objective on real data (penguins): a trial's value is exactly what the training
// path computes for the same effective spec, the data are loaded once per study, each distinct
// preprocessing choice is prepared (and binned) once per fold, pruning stops after the fold the
// pruner names, and a cancel from inside the trial rejects with AbortError.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAbortError } from '../../../src/protocol/jobError';
import { crossValidate } from '../../../src/core/model/train/crossValidate';
import { loadSpec } from '../../../src/core/model/train/loadSpec';
import { binningStats, PreparedData } from '../../../src/core/model/train/preparedData';
import { loadTrainingData } from '../../../src/core/model/train/trainingData';
import type { PipelineSpec } from '../../../src/core/model/specTypes';
import { applyParams, TrialParamsError } from '../../../src/core/tuning/applyParams';
import { createTuningObjective, type TuningObjective } from '../../../src/core/tuning/objective';
import type { TrialContext } from '../../../src/core/tuning/study';
import { TrialPruned } from '../../../src/core/tuning/trialPruned';
import type { Params } from '../../../src/core/tuning/types';
import { PENGUINS_SPEC, tempProject } from '../model/train/trainFixtures';

function context(
  number: number,
  report: TrialContext['report'] = () => false,
  signal = new AbortController().signal,
): TrialContext {
  return { number, params: {}, report, signal };
}

const TRIALS: Params[] = [
  { model: 'forest', 'forest.n_estimators': 10, 'forest.max_depth': 3 },
  { model: 'logistic_regression', 'logistic_regression.C': 0.5, 'preprocess.scale': 'minmax' },
  { model: 'logistic_regression', 'logistic_regression.C': 2 },
];

describe('tuning objective', () => {
  let project: ReturnType<typeof tempProject>;
  let spec: PipelineSpec;
  let specFile: string;
  let objective: TuningObjective;
  before(async () => {
    project = tempProject('penguins', PENGUINS_SPEC);
    ({ spec, specFile } = await loadSpec(project.root));
    objective = await createTuningObjective({
      root: project.root,
      spec,
      specFile,
      metrics: ['balanced_accuracy', 'log_loss'],
    });
  });
  after(() => project.dispose());

  it('applies a trial to the spec: the chosen model only, its params and the preprocessing', () => {
    const t = applyParams(spec, TRIALS[1]);
    assert.deepEqual(
      t.spec.models.map((m) => m.name),
      ['logistic_regression'],
    );
    assert.equal(t.model.params.C, 0.5);
    assert.equal(t.spec.preprocess.scale, 'minmax');
    assert.equal(spec.preprocess.scale, 'standard', 'the study spec is not changed');
    assert.throws(
      () => applyParams(spec, { model: 'svm' }),
      /chose the model "svm", which the pipeline spec does not have/,
    );
    assert.throws(() => applyParams(spec, { model: 'forest', 'preprocess.nope': 1 }), TrialParamsError);
    assert.throws(() => applyParams(spec, { model: 'forest', C: 1 }), /"C" is not a tuning parameter name/);
  });

  it('gives exactly the numbers of the training path for the same effective spec', async () => {
    assert.deepEqual(objective.directions, ['maximize', 'minimize']);
    for (const [i, params] of TRIALS.entries()) {
      const values = await objective.evaluate(params, context(i));
      const trial = applyParams(spec, params);
      const prepared = new PreparedData(await loadTrainingData({ root: project.root, spec: trial.spec }), {
        seed: spec.seed,
      });
      const cv = await crossValidate(prepared, trial.model, { seed: spec.seed });
      assert.deepEqual(values, [cv.metrics.balanced_accuracy.mean, cv.metrics.log_loss.mean], JSON.stringify(params));
    }
  });

  it('loads once per study and prepares and bins each fold once per preprocessing choice', async () => {
    const study = await createTuningObjective({ root: project.root, spec, specFile, metrics: ['balanced_accuracy'] });
    const binned = binningStats.computed;
    for (let i = 0; i < 3; i++) for (const params of TRIALS) await study.evaluate(params, context(i));
    assert.deepEqual(study.stats, { preparedChoices: 2 });
    assert.equal(binningStats.computed - binned, study.data.folds.length, 'the forest trials bin each fold once');
  });

  it('stops after the fold the pruner names and reports the running mean per fold', async () => {
    const reported: Array<[number, number]> = [];
    await assert.rejects(
      objective.evaluate(
        TRIALS[0],
        context(0, (step, value) => {
          reported.push([step, value]);
          return step === 1;
        }),
      ),
      (error: unknown) => error instanceof TrialPruned && error.step === 1,
    );
    assert.deepEqual(
      reported.map(([s]) => s),
      [0, 1],
    );
  });

  it('rejects with AbortError when the trial is cancelled from inside its work', async () => {
    const controller = new AbortController();
    await assert.rejects(
      objective.evaluate(
        TRIALS[2],
        context(
          0,
          () => {
            controller.abort();
            return false;
          },
          controller.signal,
        ),
      ),
      (error: unknown) => isAbortError(error),
    );
  });
});
