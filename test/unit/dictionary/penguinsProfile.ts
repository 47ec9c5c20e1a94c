// The real profile of a penguins dataset, made by the `profile` job function (DuckDB), as the
// command gets it from the worker. Cached per file: profiling takes a second or two.
import { join } from 'node:path';
import { profile } from '../../../src/core/profile/profileDataset';
import type { DatasetProfile } from '../../../src/core/profile/profileTypes';

export const PENGUINS = join(__dirname, '../../../examples/penguins');

const cache = new Map<string, Promise<DatasetProfile>>();

/** Profiles `path` (relative to `root`, default the penguins example) with the project's target. */
export function profileOf(path = 'data/train.csv', root = PENGUINS): Promise<DatasetProfile> {
  const key = join(root, path);
  let pending = cache.get(key);
  if (!pending) {
    pending = profile(
      { path, root, target: 'Species', task: 'classification' },
      { signal: new AbortController().signal, report: () => undefined },
    );
    cache.set(key, pending);
  }
  return pending;
}
