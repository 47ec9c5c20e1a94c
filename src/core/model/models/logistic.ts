// SCAFFOLD: replaced by the real implementation during this change.
import type { ModelDefinition } from './estimator';
export const logisticRegression: ModelDefinition = { kind: 'logisticRegression', title: 'logisticRegression', tasks: [], handlesMissing: false, defaults: () => ({}), params: () => ({}), fit: () => { throw new Error('logisticRegression: not implemented yet'); }, load: () => { throw new Error('logisticRegression: not implemented yet'); } };
