// Which files are lifecycle documents, and of which project: a project is a folder with
// mlcycle.yaml; its documents are the paths its `documents` mapping names (DEFAULT_DOCUMENTS
// for the ones it leaves out). Projects are found below the workspace folders (a shallow walk)
// and above any document the editor opens (findProjectRoot), and re-read when mlcycle.yaml changes.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { LifecycleDocumentKind } from '../core/language/languageTypes';
import { isInside } from '../core/paths';
import {
  DEFAULT_DOCUMENTS,
  findProjectRoot,
  PROJECT_FILE,
  TUNING_FILE,
  type DocumentKind,
} from '../core/project/projectFile';
import { parseYaml } from '../core/yaml/yamlDocument';

export interface ProjectInfo {
  root: string;
  /** Relative path (with /) of each document kind, mlcycle.yaml included as 'project'. */
  documents: Record<LifecycleDocumentKind, string>;
}

export interface DocumentRef {
  root: string;
  kind: LifecycleDocumentKind;
  /** The file's path relative to the root, with forward slashes. */
  path: string;
}

/** Folders never searched for projects. */
const SKIPPED = new Set(['node_modules', '.git', '.mlcycle', '.venv', 'venv', '__pycache__', 'dist', 'out']);
/** How deep below a workspace folder mlcycle.yaml is looked for. */
const MAX_DEPTH = 3;

const normalize = (path: string) => path.split(sep).join('/').replace(/^\.\//, '');

/** The document paths a project file names (defaults where it names none or is unreadable). */
export function documentPathsOf(projectText: string | undefined): Record<LifecycleDocumentKind, string> {
  const paths: Record<LifecycleDocumentKind, string> = {
    project: PROJECT_FILE,
    tuning: TUNING_FILE,
    ...DEFAULT_DOCUMENTS,
  };
  if (projectText === undefined) return paths;
  let value: unknown;
  try {
    value = parseYaml(projectText).value;
  } catch {
    return paths;
  }
  const named = value !== null && typeof value === 'object' ? (value as { documents?: unknown }).documents : undefined;
  if (named && typeof named === 'object' && !Array.isArray(named)) {
    for (const [kind, path] of Object.entries(named)) {
      if (kind in DEFAULT_DOCUMENTS && typeof path === 'string' && path.trim() !== '')
        paths[kind as DocumentKind] = normalize(path.trim());
    }
  }
  return paths;
}

async function projectRootsBelow(dir: string, depth: number, found: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (entries.some((e) => e.isFile() && e.name === PROJECT_FILE)) found.push(dir);
  if (depth >= MAX_DEPTH) return;
  for (const entry of entries) {
    if (entry.isDirectory() && !SKIPPED.has(entry.name) && !entry.name.startsWith('.'))
      await projectRootsBelow(join(dir, entry.name), depth + 1, found);
  }
}

export class ProjectIndex {
  private readonly projects = new Map<string, ProjectInfo>();

  get all(): ProjectInfo[] {
    return [...this.projects.values()];
  }

  /** Finds the projects below the workspace folders. */
  async scan(folders: string[]): Promise<void> {
    const roots: string[] = [];
    for (const folder of folders) await projectRootsBelow(resolve(folder), 0, roots);
    for (const root of roots) await this.load(root);
  }

  /** (Re)reads a project's mlcycle.yaml; forgets the project when the file is gone. */
  async load(root: string): Promise<ProjectInfo | undefined> {
    let text: string | undefined;
    try {
      text = await readFile(join(root, PROJECT_FILE), 'utf8');
    } catch {
      this.projects.delete(root);
      return undefined;
    }
    const info: ProjectInfo = { root, documents: documentPathsOf(text) };
    this.projects.set(root, info);
    return info;
  }

  /** Updates a project's document paths from the (possibly unsaved) text of its mlcycle.yaml. */
  updateFromText(root: string, text: string): ProjectInfo {
    const info: ProjectInfo = { root, documents: documentPathsOf(text) };
    this.projects.set(root, info);
    return info;
  }

  /** The project that owns `file` (absolute), looking upwards for mlcycle.yaml when it is not known yet. */
  async projectOf(file: string): Promise<ProjectInfo | undefined> {
    const known = this.all.filter((p) => isInside(p.root, file)).sort((a, b) => b.root.length - a.root.length)[0];
    if (known) return known;
    const root = await findProjectRoot(join(file, '..'));
    return root ? this.load(root) : undefined;
  }

  /** What `file` (absolute) is: a lifecycle document of a known project, or undefined. */
  classify(file: string, project: ProjectInfo | undefined): DocumentRef | undefined {
    if (!project || !isInside(project.root, file)) return undefined;
    const path = normalize(relative(project.root, file));
    for (const [kind, docPath] of Object.entries(project.documents) as Array<[LifecycleDocumentKind, string]>) {
      if (docPath === path) return { root: project.root, kind, path };
    }
    return undefined;
  }
}
