// Cross-file checks of data expectations: every column an entry names (column, compare.left /
// right, ifNull / ifNotNull, thenNull / thenNotNull, columnSet) should be a column of the
// training data. Warnings, not errors: expectations also guard serving data, which may differ.
// A column that must be absent (`exists: false`) is of course not looked for.
import { list, record, type CheckContext, type YamlPath } from './checkContext';
import { checkColumn, dataColumns, type DataColumns } from './dataReferences';

function checkOneOrMore(ctx: CheckContext, path: Array<string | number>, value: unknown, data: DataColumns): void {
  if (Array.isArray(value)) value.forEach((c, i) => checkColumn(ctx, [...path, i], c, data, { severity: 'warning' }));
  else checkColumn(ctx, path as YamlPath, value, data, { severity: 'warning' });
}

export function checkExpectations(ctx: CheckContext): void {
  const data = dataColumns(ctx);
  if (!data) return;
  list(ctx.value.expectations).forEach((item, i) => {
    const entry = record(item);
    if (!entry) return;
    const at = (...rest: Array<string | number>) => ['expectations', i, ...rest];
    if (entry.exists !== false) checkColumn(ctx, at('column'), entry.column, data, { severity: 'warning' });
    const compare = record(entry.compare);
    checkColumn(ctx, at('compare', 'left'), compare?.left, data, { severity: 'warning' });
    checkColumn(ctx, at('compare', 'right'), compare?.right, data, { severity: 'warning' });
    for (const key of ['ifNull', 'ifNotNull']) checkColumn(ctx, at(key), entry[key], data, { severity: 'warning' });
    for (const key of ['thenNull', 'thenNotNull']) checkOneOrMore(ctx, at(key), entry[key], data);
    const set = record(entry.columnSet);
    for (const key of ['exactly', 'atLeast'])
      list(set?.[key]).forEach((c, j) => checkColumn(ctx, at('columnSet', key, j), c, data, { severity: 'warning' }));
  });
}
