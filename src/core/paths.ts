// File paths that come from documents, records or the command line are resolved inside the
// workspace: a project file must not be able to make a job read or write outside the folder the
// user opened. The check is made on real paths (symbolic links resolved), so a data file, a data
// folder or .mlcycle/ that is a link to somewhere else is refused like "../elsewhere" is.
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export class OutsideWorkspaceError extends Error {
  constructor(
    readonly requested: string,
    readonly root: string,
    /** The symbolic link that leads out, when that is how the path leaves. */
    readonly link?: { path: string; target: string },
  ) {
    super(
      link
        ? `"${requested}" leaves the project: ${link.path} is a symbolic link to ${link.target}, outside the workspace folder ${root}.`
        : `"${requested}" resolves outside the workspace folder ${root}.`,
    );
    this.name = 'OutsideWorkspaceError';
  }
}

/** True when `candidate` (absolute) is `root` itself or lies below it, by name (links not followed). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(resolve(root), resolve(candidate));
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The real path of `path` (absolute): symbolic links resolved for the part that exists, the
 * rest (a file or folder still to be created) appended as written.
 */
export function realPath(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(realpathSync.native(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      missing.push(basename(current));
      current = parent;
    }
  }
}

/** True when `candidate` lies inside `root` once both are resolved to real paths. */
export function isReallyInside(root: string, candidate: string): boolean {
  return isInside(realPath(root), realPath(candidate));
}

/** The first symbolic link on the way from `root` down to `absolute` whose target is outside `root`. */
function escapingLink(root: string, absolute: string): { path: string; target: string } | undefined {
  const realRoot = realPath(root);
  let current = resolve(root);
  for (const part of relative(resolve(root), absolute).split(sep)) {
    if (part === '' || part === '.') continue;
    current = join(current, part);
    const real = realPath(current);
    if (!isInside(realRoot, real)) return { path: relative(resolve(root), current) || current, target: real };
  }
  return undefined;
}

/** Throws OutsideWorkspaceError when `absolute` (by name inside `root`) really lies outside it. */
export function assertReallyInside(root: string, absolute: string, requested = absolute): void {
  if (!isInside(root, absolute)) throw new OutsideWorkspaceError(requested, root);
  if (isReallyInside(root, absolute)) return;
  throw new OutsideWorkspaceError(
    requested,
    root,
    escapingLink(root, absolute) ?? { path: absolute, target: realPath(absolute) },
  );
}

/** Resolves `path` (relative to `root`, or absolute) and throws when it leaves `root`, by name or through a link. */
export function resolveInside(root: string, path: string): string {
  const absolute = resolve(root, path);
  assertReallyInside(root, absolute, path);
  return absolute;
}

/** True when two paths name the same file once links are resolved. */
export function sameFile(a: string, b: string): boolean {
  return realPath(a) === realPath(b);
}
