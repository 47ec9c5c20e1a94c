// Studies for the study view's tests: a small one with two stages, pruned, failed and running
// trials and two objectives, and a large one (10,000 trials) for the payload and the table.
import { seededRandom } from '../../../src/core/seededRandom';
import type { TrialRecord } from '../../../src/core/tuning/study';
import type { StudyFile } from '../../../src/core/tuning/studyStore';
import type { SearchSpace } from '../../../src/core/tuning/types';

export const FIXTURE_SPACE: SearchSpace = {
  params: [
    { name: 'model', distribution: { type: 'categorical', choices: ['logistic', 'forest'] } },
    {
      name: 'logistic.C',
      distribution: { type: 'float', low: 0.001, high: 100, log: true },
      conditions: [{ param: 'model', values: ['logistic'] }],
    },
    {
      name: 'forest.n_estimators',
      distribution: { type: 'int', low: 50, high: 500, step: 50 },
      conditions: [{ param: 'model', values: ['forest'] }],
    },
    { name: 'preprocess.scale', distribution: { type: 'categorical', choices: ['standard', 'robust', 'none'] } },
    { name: 'x', distribution: { type: 'float', low: -5, high: 5 } },
  ],
};

export function fixtureStudy(objectives: 1 | 2 = 2): StudyFile {
  return {
    format: 1,
    id: 'fixture-study',
    created: '2026-12-07T10:00:00.000Z',
    directions: objectives === 2 ? ['maximize', 'minimize'] : ['maximize'],
    metrics: objectives === 2 ? ['roc_auc', 'predict_ms_per_1k_rows'] : ['roc_auc'],
    seed: 42,
    space: FIXTURE_SPACE,
    stages: [
      { index: 0, space: FIXTURE_SPACE, trials: 0 },
      { index: 1, space: FIXTURE_SPACE, trials: 0, changes: ['x: [-5, 5] → [-1, 3]'] },
    ],
    spec: {},
  };
}

/** Trial `number` of a synthetic study: x near 1 scores best; every 7th pruned, every 11th failed. */
export function fixtureTrial(number: number, stageFrom: number, objectives: 1 | 2 = 2): TrialRecord {
  const rand = seededRandom(1000 + number);
  const model = rand() < 0.5 ? 'logistic' : 'forest';
  const x = -5 + 10 * rand();
  const params: TrialRecord['params'] = {
    model,
    ...(model === 'logistic'
      ? { 'logistic.C': 10 ** (-3 + 5 * rand()) }
      : { 'forest.n_estimators': 50 * (1 + Math.floor(rand() * 10)) }),
    'preprocess.scale': ['standard', 'robust', 'none'][Math.floor(rand() * 3)],
    x,
  };
  const auc = 0.95 - 0.02 * (x - 1) ** 2 + 0.01 * rand();
  const ms = 2 + 10 * rand() + (model === 'forest' ? 5 : 0);
  const stage = number >= stageFrom ? 1 : 0;
  const base = {
    number,
    params,
    stage,
    startedAt: new Date(Date.UTC(2026, 11, 7, 10, 0, number)).toISOString(),
    durationMs: 500 + 10 * number,
    worker: number % 2,
  };
  const curve = [1, 2, 3, 4, 5].map((s) => [s, auc - 0.05 / s] as const);
  if (number % 11 === 5) return { ...base, state: 'failed', intermediate: [], error: 'fit failed: singular matrix' };
  if (number % 7 === 3) return { ...base, state: 'pruned', values: [curve[1][1]], intermediate: curve.slice(0, 2) };
  return { ...base, state: 'complete', values: objectives === 2 ? [auc, ms] : [auc], intermediate: curve };
}

export function fixtureTrials(n: number, objectives: 1 | 2 = 2): TrialRecord[] {
  return Array.from({ length: n }, (_, i) => fixtureTrial(i, Math.floor(n / 2), objectives));
}
