// The positive class of binary metrics a pipeline spec names (evaluation.positiveClass), as a
// class index of the loaded data; a name the data do not have is bad input naming the spec.
import { JobError } from '../../../protocol/jobError';
import { resolvePositiveClass } from '../metrics/prediction';
import type { PipelineSpec } from '../specTypes';
import type { TrainingData } from './trainingData';

/** undefined when the spec names none (scikit-learn's default, the second class) or the task is regression. */
export function specPositiveClass(data: TrainingData, spec: PipelineSpec, specFile: string): number | undefined {
  if (!data.classes || spec.evaluation.positiveClass === undefined) return undefined;
  try {
    return resolvePositiveClass(data.classes, spec.evaluation.positiveClass);
  } catch (error) {
    throw new JobError('bad-input', `evaluation.positiveClass: ${(error as Error).message}`, { file: specFile });
  }
}
