// Cross-file checks of mlcycle.yaml: each dataset path must lie inside the workspace and exist,
// and the target and sensitive columns must be columns of the training data.
import { list, record, str, type CheckContext } from './checkContext';
import { checkColumn, checkDataPath, dataColumns } from './dataReferences';

export function checkProject(ctx: CheckContext): void {
  const project = ctx.value;
  const datasets = record(project.datasets) ?? {};
  let train: string | undefined;
  for (const [role, entry] of Object.entries(datasets)) {
    // A dataset is a path, or { path, missingValues }.
    const path = typeof entry === 'string' ? entry : str(record(entry)?.path);
    if (typeof path !== 'string' || path === '') continue;
    const at = typeof entry === 'string' ? ['datasets', role] : ['datasets', role, 'path'];
    const usable = checkDataPath(ctx, at, path, `The ${role} dataset`);
    if (role === 'train' && usable) train = path;
  }
  if (!train) return;
  const data = dataColumns(ctx, train);
  if (!data) return;
  checkColumn(ctx, ['target'], str(project.target), data, { what: 'The target' });
  list(project.sensitiveColumns).forEach((c, i) =>
    checkColumn(ctx, ['sensitiveColumns', i], c, data, { what: 'The sensitive column' }),
  );
}
