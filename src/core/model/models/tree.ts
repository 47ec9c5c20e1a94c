// SCAFFOLD: replaced by the real implementation during this change.
import type { ModelDefinition } from './estimator';
export const decisionTree: ModelDefinition = { kind: 'decisionTree', title: 'decisionTree', tasks: [], handlesMissing: false, defaults: () => ({}), params: () => ({}), fit: () => { throw new Error('decisionTree: not implemented yet'); }, load: () => { throw new Error('decisionTree: not implemented yet'); } };
