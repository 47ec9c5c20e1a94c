// Cross-file checks of the pipeline spec: every column it names (target, dropped columns,
// per-column overrides, clipped columns, the columns derived expressions read, split group/time
// columns, sensitive columns) must be a column of its training data — a derived feature counts
// from its definition on — its data files must exist inside the workspace, and its primary
// metric must be one the task has.
import { checkTuningSection } from './tuningChecks';
import { expressionColumns, parseExpression, type ExpressionNode } from '../../model/pipeline/expression';
import { list, record, str, type CheckContext } from './checkContext';
import { checkMetric } from './charterChecks';
import { checkColumn, checkDataPath, dataColumns, isTask, projectTask, type DataColumns } from './dataReferences';
import { nearestName as nearestColumn } from './nearestName';

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A column name as an expression writes it: bare when it can be, else in backticks. */
function expressionName(name: string): string {
  return BARE_NAME.test(name) ? name : `\`${name}\``;
}

function checkExpression(
  ctx: CheckContext,
  index: number,
  expression: string,
  data: DataColumns,
  derivedNames: string[],
): void {
  let node: ExpressionNode;
  try {
    node = parseExpression(expression);
  } catch {
    return; // a syntax error is the spec parser's to report
  }
  const path = ['preprocess', 'derive', index, 'expression'];
  const before = derivedNames.slice(0, index);
  for (const { name, offset } of expressionColumns(node)) {
    // Derived further down or itself: the spec parser reports the order.
    if (data.columns.includes(name) || derivedNames.includes(name)) continue;
    const quoted = expression[offset] === '`';
    const range = ctx.rangeInside(path, offset, name.length + (quoted ? 2 : 0));
    const message = `"${name}" is not a column of ${data.file}${before.length > 0 ? ' nor a feature derived above' : ''}.`;
    const nearest = nearestColumn(name, [...data.columns, ...derivedNames.filter((n) => n !== '')]);
    if (nearest && !data.columns.includes(nearest) && !before.includes(nearest)) {
      // A typo of a feature derived further down (or of this one): no fix, the order is wrong too.
      ctx.report(
        range,
        'error',
        'unknown-column',
        `${message} Did you mean "${nearest}"? It is derived further down: move its definition above this one.`,
      );
      continue;
    }
    const exact =
      range.start.line === range.end.line &&
      ctx.source(range) === expression.slice(offset, offset + name.length + (quoted ? 2 : 0));
    const fixes =
      nearest && exact
        ? [
            {
              title: `Change to "${nearest}"`,
              edits: [{ ...range, newText: expressionName(nearest) }],
              preferred: true,
            },
          ]
        : undefined;
    ctx.report(range, 'error', 'unknown-column', message + (nearest ? ` Did you mean "${nearest}"?` : ''), fixes);
  }
}

export function checkPipeline(ctx: CheckContext): void {
  checkTuningSection(ctx);
  const spec = ctx.value;
  const data = record(spec.data);
  let trainPath: string | undefined;
  for (const role of ['train', 'holdout'] as const) {
    const path = str(data?.[role]);
    if (path === undefined || path === '') continue;
    const usable = checkDataPath(
      ctx,
      ['data', role],
      path,
      role === 'train' ? 'The training data' : 'The holdout data',
    );
    if (role === 'train') trainPath = usable ? path : '';
  }

  const task = isTask(spec.task) ? spec.task : projectTask(ctx);
  const evaluation = record(spec.evaluation);
  const primary = str(evaluation?.primaryMetric);
  if (primary) checkMetric(ctx, ['evaluation', 'primaryMetric'], primary, task, 'the task');

  if (trainPath === '') return; // the data file itself is the problem
  const columns = dataColumns(ctx, trainPath);
  if (!columns) return;

  const preprocess = record(spec.preprocess);
  const derive = list(preprocess?.derive).map((d) => record(d));
  const derivedNames = derive.map((d) => str(d?.name) ?? '');
  const features = { extra: derivedNames.filter((n) => n !== '') };

  checkColumn(ctx, ['target'], spec.target, columns, { what: 'The target' });
  list(preprocess?.drop).forEach((d, i) =>
    checkColumn(ctx, ['preprocess', 'drop', i, 'column'], record(d)?.column, columns, features),
  );
  derive.forEach((d, i) => {
    const expression = str(d?.expression);
    if (expression) checkExpression(ctx, i, expression, columns, derivedNames);
  });
  for (const name of Object.keys(record(preprocess?.columns) ?? {})) {
    if (columns.columns.includes(name) || features.extra.includes(name)) continue;
    // The fix renames the key; its range is the key's.
    const range = ctx.range(['preprocess', 'columns', name], true);
    const nearest = nearestColumn(name, [...columns.columns, ...features.extra]);
    ctx.report(
      range,
      'error',
      'unknown-column',
      `"${name}" is not a column of ${columns.file} nor a derived feature.${nearest ? ` Did you mean "${nearest}"?` : ''}`,
      nearest ? [ctx.replaceFix(range, nearest)] : undefined,
    );
  }
  list(record(preprocess?.clip)?.columns).forEach((c, i) =>
    checkColumn(ctx, ['preprocess', 'clip', 'columns', i], c, columns, features),
  );
  const split = record(spec.split);
  checkColumn(ctx, ['split', 'group'], split?.group, columns, { what: 'The group column' });
  checkColumn(ctx, ['split', 'time'], split?.time, columns, { what: 'The time column' });
  list(evaluation?.sensitiveColumns).forEach((c, i) =>
    checkColumn(ctx, ['evaluation', 'sensitiveColumns', i], c, columns, { what: 'The sensitive column' }),
  );
}
