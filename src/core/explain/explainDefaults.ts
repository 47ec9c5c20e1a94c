// The explainers' defaults, shared by `mlcycle explain`, `predict --explain` and the editor.

/** Background rows drawn from the training rows (interventional, linear, sampling). */
export const DEFAULT_BACKGROUND = 100;
/** Antithetic permutation pairs per row for the sampling estimator. */
export const DEFAULT_PAIRS = 100;
