// SCAFFOLD: replaced by the real implementation during this change.
import type { ModelDefinition } from './estimator';
export const histGradientBoosting: ModelDefinition = { kind: 'histGradientBoosting', title: 'histGradientBoosting', tasks: [], handlesMissing: false, defaults: () => ({}), params: () => ({}), fit: () => { throw new Error('histGradientBoosting: not implemented yet'); }, load: () => { throw new Error('histGradientBoosting: not implemented yet'); } };
