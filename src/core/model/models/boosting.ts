// Histogram-based gradient boosting (scikit-learn's HistGradientBoostingClassifier/Regressor, the
// LightGBM idea): features binned to ≤ 255 bins, leaf-wise trees grown on loss gradients from
// per-bin histograms, missing values sent to a learned side, early stopping on a held-out share.
// The pieces live in ./boosting/: params, loss, histogram, splitter, grower, ensemble, fit, model.
import type { ModelDefinition } from './estimator';
import { fitBoosting } from './boosting/fit';
import { BoostingModel } from './boosting/model';
import { boostingDefaults, boostingParams, KIND, type BoostingParams } from './boosting/params';

export type { BoostingParams } from './boosting/params';

export const histGradientBoosting: ModelDefinition<BoostingParams> = {
  kind: KIND,
  title: 'Histogram gradient boosting (like scikit-learn HistGradientBoosting / LightGBM)',
  tasks: ['classification', 'regression'],
  handlesMissing: true,
  defaults: boostingDefaults,
  params: boostingParams,
  fit: (X, y, params, ctx) => fitBoosting(X, y, params, ctx),
  load: (saved) => BoostingModel.load(saved),
};
