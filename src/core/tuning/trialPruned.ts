// What an objective throws when the pruner stopped its trial (TrialContext.report returned true):
// the study records the trial as pruned, with its intermediate values, not as failed.
export class TrialPruned extends Error {
  constructor(readonly step?: number) {
    super(step === undefined ? 'trial pruned' : `trial pruned at step ${step}`);
    this.name = 'TrialPruned';
  }
}
