// SCAFFOLD: replaced by the real implementation during this change.
import type { ModelDefinition } from './estimator';
export const randomForest: ModelDefinition = { kind: 'randomForest', title: 'randomForest', tasks: [], handlesMissing: false, defaults: () => ({}), params: () => ({}), fit: () => { throw new Error('randomForest: not implemented yet'); }, load: () => { throw new Error('randomForest: not implemented yet'); } };
