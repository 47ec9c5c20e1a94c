// SCAFFOLD: replaced by the real implementation during this change.
import type { ModelDefinition } from './estimator';
export const gaussianNb: ModelDefinition = { kind: 'gaussianNb', title: 'gaussianNb', tasks: [], handlesMissing: false, defaults: () => ({}), params: () => ({}), fit: () => { throw new Error('gaussianNb: not implemented yet'); }, load: () => { throw new Error('gaussianNb: not implemented yet'); } };
