// File paths that come from documents are resolved inside the workspace: a project file must
// not be able to make a job read or write outside the folder the user opened.
import { isAbsolute, relative, resolve, sep } from 'node:path';

export class OutsideWorkspaceError extends Error {
  constructor(
    readonly requested: string,
    readonly root: string,
  ) {
    super(`"${requested}" resolves outside the workspace folder ${root}.`);
    this.name = 'OutsideWorkspaceError';
  }
}

/** True when `candidate` (absolute) is `root` itself or lies below it. */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(resolve(root), resolve(candidate));
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/** Resolves `path` (relative to `root`, or absolute) and throws when it leaves `root`. */
export function resolveInside(root: string, path: string): string {
  const absolute = resolve(root, path);
  if (!isInside(root, absolute)) throw new OutsideWorkspaceError(path, root);
  return absolute;
}
