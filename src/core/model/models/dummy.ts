// SCAFFOLD: replaced by the real implementation during this change.
import type { ModelDefinition } from './estimator';
export const dummyClassifier: ModelDefinition = { kind: 'dummyClassifier', title: 'dummyClassifier', tasks: [], handlesMissing: false, defaults: () => ({}), params: () => ({}), fit: () => { throw new Error('dummyClassifier: not implemented yet'); }, load: () => { throw new Error('dummyClassifier: not implemented yet'); } };
export const dummyRegressor: ModelDefinition = { kind: 'dummyRegressor', title: 'dummyRegressor', tasks: [], handlesMissing: false, defaults: () => ({}), params: () => ({}), fit: () => { throw new Error('dummyRegressor: not implemented yet'); }, load: () => { throw new Error('dummyRegressor: not implemented yet'); } };
