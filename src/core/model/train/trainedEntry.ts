// What the train job keeps of each model until the run ends, and its progress by model step:
// shared by the training of built-in models (train.ts) and of external trainers (trainExternal.ts).
import type { JobContext } from '../../../protocol/jobs';
import type { Prediction } from '../metrics/prediction';
import type { FittedModel } from '../models/estimator';
import type { FittedPipeline } from '../pipeline/fitPipeline';
import type { RunModelResult } from '../runTypes';

/** What the run keeps in memory about a model until the end (for the best model's analysis). */
export interface TrainedEntry {
  result: RunModelResult;
  evaluated?: { on: 'holdout' | 'cv'; prediction: Prediction; index?: Int32Array };
  fitted?: { pipeline: FittedPipeline; model: FittedModel };
}

export class Progress {
  private done = 0;
  constructor(
    private readonly ctx: JobContext,
    private readonly total: number,
  ) {}
  step(message: string): void {
    this.ctx.report({ message, fraction: 0.05 + 0.85 * Math.min(1, this.done / this.total) });
    this.done++;
  }
}

export const elapsed = (since: number) => Math.round(performance.now() - since);
