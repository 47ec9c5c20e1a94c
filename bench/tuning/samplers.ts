// The samplers the tuning benchmark compares, by name: our TPE with its defaults, our TPE with
// Optuna 3.1's exact defaults (optunaCompat), and random search.
import type { Sampler } from '../../src/core/tuning/types';
import { RandomSampler } from '../../src/core/tuning/samplers/random';
import { TpeSampler } from '../../src/core/tuning/samplers/tpe';

export const SAMPLERS: Record<string, () => Sampler> = {
  tpe: () => new TpeSampler(),
  'tpe-optuna-compat': () => new TpeSampler({ optunaCompat: true }),
  random: () => new RandomSampler(),
};

export function makeSampler(name: string): Sampler {
  const make = SAMPLERS[name];
  if (!make) throw new Error(`Unknown sampler "${name}"`);
  return make();
}
