// The evaluator's API: metrics and curves of a set of predictions, error analysis, fairness
// between groups, and permutation importance.
export { evaluatePredictions, histogram, CURVE_POINTS, REGRESSION_POINTS, type EvaluateInput } from './evaluate';
export { errorAnalysis, type ErrorAnalysisInput } from './errorAnalysis';
export { fairness, type FairnessInput } from './fairness';
export { permutationImportance, type PermutationImportanceInput } from './permutationImportance';
export type * from './evaluationTypes';
