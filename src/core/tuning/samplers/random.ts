// Random search: each active parameter drawn uniformly from its distribution (log-uniform for
// log ranges, uniform over the grid points of a stepped range), from the trial's own stream.
import { isActive } from '../conditions';
import { trialRandom } from '../trialRandom';
import type { Distribution, ParamValue, Params, SampleRequest, Sampler } from '../types';

/** One value drawn from a distribution with `u` uniform in [0, 1). */
export function drawUniform(d: Distribution, u: number): ParamValue {
  switch (d.type) {
    case 'categorical':
      return d.choices[Math.min(d.choices.length - 1, Math.floor(u * d.choices.length))];
    case 'int': {
      const step = d.step ?? 1;
      if (d.log) {
        // Uniform in log space over [low - 0.5, high + 0.5], rounded: each integer gets its log-width share.
        const lo = Math.log(d.low - 0.5);
        const hi = Math.log(d.high + 0.5);
        return Math.min(d.high, Math.max(d.low, Math.round(Math.exp(lo + u * (hi - lo)))));
      }
      const points = Math.floor((d.high - d.low) / step) + 1;
      return d.low + Math.min(points - 1, Math.floor(u * points)) * step;
    }
    case 'float': {
      if (d.step !== undefined) {
        const points = Math.floor((d.high - d.low) / d.step + 1e-9) + 1;
        return d.low + Math.min(points - 1, Math.floor(u * points)) * d.step;
      }
      if (d.log) {
        const lo = Math.log(d.low);
        return Math.min(d.high, Math.exp(lo + u * (Math.log(d.high) - lo)));
      }
      return d.low + u * (d.high - d.low);
    }
  }
}

export class RandomSampler implements Sampler {
  readonly name = 'random';

  sample(request: SampleRequest): Params {
    const rand = trialRandom(request.seed, request.number, 1);
    const params: Params = {};
    for (const def of request.space.params) {
      const u = rand(); // drawn for every parameter, active or not, so one choice does not shift the others
      if (isActive(def, params)) params[def.name] = drawUniform(def.distribution, u);
    }
    return params;
  }
}
