// What the wrapper and embedded methods take and give back, shared by their modules.
import type { FeatureRationale } from '../runTypes';

export interface WrapperContext {
  seed: number;
  signal?: AbortSignal;
  folds: number;
  /** Sources to keep, when the spec fixes it. */
  k?: number;
  threshold?: number;
}

export interface SelectionOutcome {
  /** Per source (in SourceGroups order). */
  selected: boolean[];
  rationale: FeatureRationale[];
  /** Optional data for the report (CV curve, regularisation path). */
  extra?: Record<string, unknown>;
}
