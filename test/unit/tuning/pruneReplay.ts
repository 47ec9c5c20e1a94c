// Recorded learning curves and a replay of them through a pruner, ours or Optuna's: trials run one
// after another, each reports its values in order and asks the pruner after every report, and
// the (trial, step) pairs where a trial was stopped are the result.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { seededRandom } from '../../../src/core/seededRandom';
import type { Direction, Pruner, TrialView } from '../../../src/core/tuning/types';

const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';

export interface Curve {
  steps: number[];
  values: number[];
}

export interface CurveOptions {
  trials?: number;
  steps?: number;
  seed?: number;
  /** Step spacing: steps are 0, every, 2·every, ... */
  every?: number;
  /** Probability that a value is NaN. */
  nanRate?: number;
  /** Curves rise towards their asymptote instead of falling (for maximize). */
  rising?: boolean;
}

/** Deterministic noisy learning curves: an asymptote, a decaying gap, and noise, per trial. */
export function recordedCurves(options: CurveOptions = {}): Curve[] {
  const { trials = 30, steps = 20, seed = 7, every = 1, nanRate = 0, rising = false } = options;
  const random = seededRandom(seed);
  const curves: Curve[] = [];
  for (let i = 0; i < trials; i += 1) {
    const floor = 0.2 + 0.6 * random();
    const gap = 0.5 + random();
    const rate = 0.05 + 0.4 * random();
    const curve: Curve = { steps: [], values: [] };
    for (let k = 0; k < steps; k += 1) {
      const step = k * every;
      const loss = floor + gap * Math.exp(-rate * k) + 0.03 * (random() - 0.5);
      const v = Math.round((rising ? 2 - loss : loss) * 1e6) / 1e6;
      curve.steps.push(step);
      curve.values.push(random() < nanRate ? NaN : v);
    }
    curves.push(curve);
  }
  return curves;
}

export type Decision = [trial: number, step: number];

export function replayOurs(pruner: Pruner, curves: Curve[], direction: Direction, seed = 0): Decision[] {
  const done: TrialView[] = [];
  const pruned: Decision[] = [];
  curves.forEach((curve, number) => {
    const intermediate: Array<[number, number]> = [];
    let state: TrialView['state'] = 'complete';
    for (let k = 0; k < curve.steps.length; k += 1) {
      intermediate.push([curve.steps[k], curve.values[k]]);
      const trial: TrialView = { number, state: 'running', params: {}, intermediate: [...intermediate] };
      if (pruner.shouldPrune({ trial, trials: done, direction, seed })) {
        pruned.push([number, curve.steps[k]]);
        state = 'pruned';
        break;
      }
    }
    const last = intermediate[intermediate.length - 1][1];
    if (state === 'complete' && Number.isNaN(last)) state = 'failed';
    done.push({ number, state, params: {}, values: [last], intermediate });
  });
  return pruned;
}

export interface OptunaReplay {
  pruned: Decision[];
  brackets: number[] | null;
}

export function replayOptuna(pruner: object, curves: Curve[], direction: Direction): OptunaReplay {
  const input = {
    pruner,
    direction,
    studyName: 'replay',
    trials: curves.map((c) => ({ steps: c.steps, values: c.values.map((v) => (Number.isNaN(v) ? null : v)) })),
  };
  const run = spawnSync(PYTHON, [join(__dirname, 'optunaPrunerReplay.py')], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`Optuna replay failed (${PYTHON}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as OptunaReplay;
}
