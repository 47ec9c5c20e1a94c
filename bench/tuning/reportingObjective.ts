// The benchmark's trivial trial (the per-trial cost apart from a fit): a quadratic in x and y,
// reported over `steps` steps for the pruner. Also a trial thread's objective module.
import type { TrialContext } from '../../src/core/tuning/study';
import { TrialPruned } from '../../src/core/tuning/trialPruned';
import type { Params } from '../../src/core/tuning/types';

export function reportingObjective(steps: number) {
  return {
    async run(params: Params, ctx: TrialContext) {
      const base = ((params.x as number) - 1) ** 2 + ((params.y as number) + 2) ** 2;
      let value = base;
      for (let step = 0; step < steps; step++) {
        value = base + (steps - step) / steps;
        if (await ctx.report(step, value)) throw new TrialPruned(step);
      }
      return { values: [value], attributes: {} };
    },
  };
}

export async function createThreadObjective(steps: number) {
  return reportingObjective(steps);
}
