// The samplers the tuning benchmark compares, by name, with their default settings.
import type { Sampler } from '../../src/core/tuning/types';
import { RandomSampler } from '../../src/core/tuning/samplers/random';
import { TpeSampler } from '../../src/core/tuning/samplers/tpe';

export function makeSampler(name: string): Sampler {
  if (name === 'tpe') return new TpeSampler();
  if (name === 'random') return new RandomSampler();
  throw new Error(`Unknown sampler "${name}"`);
}
