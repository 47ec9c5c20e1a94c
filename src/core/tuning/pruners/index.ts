// The pruner a tuning spec names: `pruner: { kind: ... }`, with Optuna 3.1's defaults for every
// field left out.
import type { Pruner } from '../types';
import { HyperbandPruner } from './hyperband';
import { medianPruner } from './median';
import { SuccessiveHalvingPruner } from './successiveHalving';

export type PrunerConfig =
  | { kind: 'none' }
  | { kind: 'median'; startupTrials?: number; warmupSteps?: number; intervalSteps?: number; minTrials?: number }
  | {
      kind: 'successive_halving';
      minResource?: 'auto' | number;
      reductionFactor?: number;
      minEarlyStoppingRate?: number;
    }
  | { kind: 'hyperband'; minResource?: number; maxResource?: 'auto' | number; reductionFactor?: number };

export const noPruner: Pruner = { name: 'none', shouldPrune: () => false };

export function makePruner(
  config: PrunerConfig,
  overrides: { bracketOf?: (trialNumber: number, bracketCount: number) => number } = {},
): Pruner {
  switch (config.kind) {
    case 'none':
      return noPruner;
    case 'median':
      return medianPruner(config);
    case 'successive_halving':
      return new SuccessiveHalvingPruner(config);
    case 'hyperband':
      return new HyperbandPruner({ ...config, bracketOf: overrides.bracketOf });
    default:
      throw new Error(`pruner: unknown kind ${JSON.stringify((config as { kind: unknown }).kind)}`);
  }
}

export { medianPruner, PercentilePruner, nanPercentile } from './median';
export type { MedianPrunerOptions } from './median';
export { SuccessiveHalvingPruner } from './successiveHalving';
export type { SuccessiveHalvingOptions } from './successiveHalving';
export { HyperbandPruner, bracketPlan, bracketFor, HYPERBAND_SALT } from './hyperband';
export type { HyperbandOptions, BracketPlan } from './hyperband';
