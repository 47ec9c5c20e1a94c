// One tree of a random forest, from its index alone: the tree's own random stream (seed + index)
// draws the bootstrap sample and then the features of every split. The same function runs in
// the main thread (threads = 1) and in the worker threads, so both give identical forests.
import { growTree, type GrowOptions, type GrownTree, type TreeData } from './grow';
import { createRng, deriveSeed } from './random';

export interface ForestJob {
  data: TreeData;
  /** Per-row class weights (class_weight), or null. */
  baseWeight: Float64Array | null;
  options: GrowOptions;
  seed: number;
  bootstrap: boolean;
  /** Rows drawn with replacement per tree (max_samples). */
  nBootstrap: number;
  /** class_weight = "balanced_subsample": reweight classes within each bootstrap sample. */
  balancedSubsample: boolean;
}

export function buildForestTree(job: ForestJob, index: number): GrownTree {
  const { data } = job;
  const rng = createRng(deriveSeed(job.seed, index));
  let weight = job.baseWeight;
  if (job.bootstrap) {
    const counts = new Float64Array(data.rows);
    for (let i = 0; i < job.nBootstrap; i++) counts[rng.int(data.rows)] += 1;
    if (job.balancedSubsample && data.yClass) {
      const perClass = new Float64Array(data.nClasses);
      for (let r = 0; r < data.rows; r++) perClass[data.yClass[r]] += counts[r];
      let present = 0;
      for (let c = 0; c < data.nClasses; c++) if (perClass[c] > 0) present++;
      for (let c = 0; c < data.nClasses; c++)
        perClass[c] = perClass[c] > 0 ? job.nBootstrap / (present * perClass[c]) : 0;
      for (let r = 0; r < data.rows; r++) counts[r] *= perClass[data.yClass[r]];
    } else if (weight) {
      for (let r = 0; r < data.rows; r++) counts[r] *= weight[r];
    }
    weight = counts;
  }
  return growTree(data, weight, job.options, rng);
}
