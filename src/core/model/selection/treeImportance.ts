// Embedded selection by tree importance (SelectFromModel on a forest): fit random_forest (or the
// spec's estimator, e.g. decision_tree) on all training rows, sum the impurity-decrease
// importances of each source's encoded columns, and keep the sources above the mean source
// importance (SelectFromModel's default threshold "mean"), above spec.threshold, or the top k.
import type { Matrix, Target } from '../matrix';
import { betweenFits } from './betweenFits';
import { importancesOf, type Estimator } from './estimatorChoice';
import { selectByScore, type KeepRule } from './ranking';
import { groupScores, type SourceGroups } from './sourceGroups';
import type { SelectionOutcome, WrapperContext } from './wrapperTypes';

export async function treeImportanceSelection(
  X: Matrix,
  y: Target,
  groups: SourceGroups,
  estimator: Estimator,
  ctx: WrapperContext,
): Promise<SelectionOutcome> {
  await betweenFits(ctx.signal);
  const model = await estimator.fit(X, y, { seed: ctx.seed, signal: ctx.signal });
  const importance = groupScores(groups, importancesOf(model, 'tree_importance'), 'sum');
  let mean = 0;
  for (const v of importance) mean += v;
  mean /= importance.length;
  const rule: KeepRule =
    ctx.k !== undefined
      ? { k: ctx.k }
      : ctx.threshold !== undefined
        ? { threshold: ctx.threshold }
        : { threshold: mean, name: 'the mean importance' };
  const label = `${estimator.definition.kind} importance`;
  const { selected, rationale } = selectByScore({ names: groups.names, scores: importance, label }, rule);
  return { selected, rationale, extra: { threshold: 'k' in rule ? undefined : rule.threshold } };
}
