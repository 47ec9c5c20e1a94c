// SCAFFOLD: replaced by the real implementation during this change.
import type { ModelDefinition } from './estimator';
export const linearRegression: ModelDefinition = { kind: 'linearRegression', title: 'linearRegression', tasks: [], handlesMissing: false, defaults: () => ({}), params: () => ({}), fit: () => { throw new Error('linearRegression: not implemented yet'); }, load: () => { throw new Error('linearRegression: not implemented yet'); } };
