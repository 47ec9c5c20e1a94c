// Cross-file checks of the data dictionary against the data it describes (observedIn.path when
// the dictionary was drafted from a file, else the training data): a field the data does not
// have (warning, with the nearest column as the fix), and columns of the data the dictionary
// does not describe (information on `fields`). Fields marked `status: removed` are history.
import { list, nameList, record, str, type CheckContext } from './checkContext';
import { checkColumn, dataColumns } from './dataReferences';

export function checkDictionary(ctx: CheckContext): void {
  const dictionary = ctx.value;
  const observed = str(record(dictionary.observedIn)?.path);
  // A file of its own whose columns are unknown (not saved yet, unreadable): nothing to compare.
  const data = observed ? dataColumns(ctx, observed) : dataColumns(ctx);
  if (!data) return;
  const fields = list(dictionary.fields).map((f) => record(f));
  const described = new Set<string>();
  fields.forEach((field, i) => {
    const name = str(field?.name);
    if (name === undefined) return;
    described.add(name);
    if (field?.status === 'removed') return;
    checkColumn(ctx, ['fields', i, 'name'], name, data, { severity: 'warning', what: 'Field' });
  });
  const undescribed = data.columns.filter((c) => !described.has(c));
  if (undescribed.length === 0 || !('fields' in dictionary)) return;
  ctx.report(
    ctx.range(['fields'], true),
    'information',
    'undescribed-column',
    `${undescribed.length} column${undescribed.length === 1 ? '' : 's'} of ${data.file} ${undescribed.length === 1 ? 'is' : 'are'} not described here: ${nameList(undescribed)}. "ML Lifecycle: Draft Data Dictionary" adds them and keeps what you wrote.`,
  );
}
