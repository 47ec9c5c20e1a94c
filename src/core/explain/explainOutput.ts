// Which output the explanation is in: `raw` (the model's own output: a boosting classifier's
// log-odds or softmax scores, a forest's class probabilities, a linear model's score; shap's
// model_output="raw") or `probability` (shap's model_output="probability"). Probability changes
// the method only for boosting classifiers, explained by interventional TreeSHAP rescaled per
// background row (treeShapProbability.ts); as in shap, path-dependent TreeSHAP explains the raw
// output only. Forests, sampling and KernelSHAP already explain probabilities: a no-op there.
import { JobError } from '../../protocol/jobError';
import type { ExplainMethod, ExplainOutput, ResolvedMethod } from './explainTypes';
import type { TreeSet } from './treeModels';
import { probabilityTransform } from './treeShapProbability';

export interface OutputChoice {
  /** The method to use instead of auto's choice (undefined: unchanged). */
  method?: ResolvedMethod;
  /** Explain the boosting trees in probability space. */
  probability: boolean;
  /** Said after the method note. */
  note?: string;
}

/** How `output` applies to a model explained by `asked` (throws when it cannot). */
export function chooseOutput(
  output: ExplainOutput,
  asked: ExplainMethod,
  model: { name: string; classification: boolean; trees?: TreeSet; isLinear: boolean },
): OutputChoice {
  if (output === 'raw') return { probability: false };
  const { trees, isLinear, name: modelName } = model;
  const transform = trees ? probabilityTransform(trees) : undefined;
  if (!model.classification || transform === 'none')
    throw new JobError('bad-input', `--output probability is for classifiers; ${modelName} is a regression model.`);
  if (transform === 'sigmoid' || transform === 'softmax') {
    if (asked === 'tree-path')
      throw new JobError(
        'bad-input',
        'Path-dependent TreeSHAP explains the raw output only (log-odds or softmax scores), as in shap, which takes model_output="probability" only with feature_perturbation="interventional": use --method tree-interventional with --output probability.',
      );
    if (asked === 'auto' || asked === 'tree-interventional')
      return {
        method: 'tree-interventional',
        probability: true,
        note: `in probability space: per background row the margin's interventional SHAP values rescaled to sum to the change in ${transform === 'sigmoid' ? 'sigmoid' : 'softmax'} probability, averaged (shap's model_output="probability")`,
      };
    return { probability: false, note: 'probabilities, as the method explains predicted probabilities already' };
  }
  if (transform === 'already')
    return {
      probability: false,
      note:
        asked === 'sampling' || asked === 'kernel'
          ? 'probabilities, as the method explains predicted probabilities already'
          : 'the trees output class probabilities already: --output probability changes nothing',
    };
  // Not a tree model.
  if (asked === 'linear' || (asked === 'auto' && isLinear)) {
    if (asked === 'linear')
      throw new JobError(
        'bad-input',
        `Linear SHAP is exact for ${modelName}'s linear score only (log-odds or softmax scores): use --output raw, or --method sampling or kernel for probabilities.`,
      );
    return {
      method: 'sampling',
      probability: false,
      note: `probabilities by the permutation estimator (Linear SHAP is exact for the linear score only)`,
    };
  }
  return { probability: false, note: 'probabilities, as the method explains predicted probabilities already' };
}
