// Sampler overhead: the time of ask + tell per trial through our real study loop (runStudy: the
// sampler asked for trial i with the history it may see, the trial recorded complete), with a
// trivial objective on the 4-D mixed space, averaged over a window of trial numbers. A trial's
// time runs from the previous trial's completion to its own.
import { runStudy } from '../../src/core/tuning/study';
import type { Sampler } from '../../src/core/tuning/types';
import { OVERHEAD_SPACE, overheadObjective } from './functions';

export async function oursOverhead(
  sampler: Sampler,
  trials: number,
  window: [number, number],
): Promise<{ wallMs: number; cpuMs: number }> {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let wall = 0;
  let cpu = 0;
  await runStudy({
    space: OVERHEAD_SPACE,
    sampler,
    directions: ['minimize'],
    seed: 0,
    trials,
    objective: async (p) => [overheadObjective(p)],
    onTrial: (t) => {
      if (t.state === 'running') return;
      const now = performance.now();
      const c = process.cpuUsage(lastCpu);
      const k = t.number + 1;
      if (k >= window[0] && k <= window[1]) {
        wall += now - last;
        cpu += (c.user + c.system) / 1000;
      }
      last = now;
      lastCpu = process.cpuUsage();
    },
  });
  const count = window[1] - window[0] + 1;
  return { wallMs: wall / count, cpuMs: cpu / count };
}
