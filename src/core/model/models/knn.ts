// SCAFFOLD: replaced by the real implementation during this change.
import type { ModelDefinition } from './estimator';
export const kNeighbors: ModelDefinition = { kind: 'kNeighbors', title: 'kNeighbors', tasks: [], handlesMissing: false, defaults: () => ({}), params: () => ({}), fit: () => { throw new Error('kNeighbors: not implemented yet'); }, load: () => { throw new Error('kNeighbors: not implemented yet'); } };
