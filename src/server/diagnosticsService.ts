// Publishes the diagnostics of every lifecycle document of the known projects: an open document
// from its editor text (debounced while typing), a closed one from disk, so the Problems panel
// lists every document's problems as the sidebar's checklist sees them. A newer edit supersedes
// an analysis still waiting for its facts; the cross-file facts come from the cache, with the
// open documents' unsaved contents laid over the documents read from disk.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LifecycleDocumentKind, WorkspaceFacts } from '../core/language/languageTypes';
import { isInside } from '../core/paths';
import { parseYaml } from '../core/yaml/yamlDocument';
import { documentDiagnostics, MAX_ANALYSED_CHARS, tooLarge, tooLargeDiagnostic } from './analysis';
import type { FactsCache } from './factsCache';
import { toLspDiagnostic } from './lspConvert';
import type { DocumentRef, ProjectIndex, ProjectInfo } from './projects';

/** Quiet time after the last keystroke before a document is checked again. */
export const DEBOUNCE_MS = 250;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export function uriPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export class DiagnosticsService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generation = new Map<string, number>();
  /** What was last published per URI (the code actions' fallback when a client drops `data`). */
  readonly published = new Map<string, Diagnostic[]>();
  /** Parsed values of open documents by URI and version, for the facts overlay. */
  private readonly values = new Map<string, { version: number; value: unknown }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly projects: ProjectIndex,
    private readonly facts: FactsCache,
    private readonly refOf: (uri: string) => Promise<DocumentRef | undefined>,
  ) {}

  /** Checks an open document after `delay` ms (0: on the next turn); a later call replaces a pending one. */
  schedule(uri: string, delay = DEBOUNCE_MS): void {
    clearTimeout(this.timers.get(uri));
    const generation = this.bump(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.checkOpen(uri, generation).catch((error) =>
          this.connection.console.error(`[diagnostics] ${uri}: ${(error as Error).stack ?? error}`),
        );
      }, delay),
    );
  }

  private bump(uri: string): number {
    const next = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, next);
    return next;
  }

  private current(uri: string, generation: number): boolean {
    return this.generation.get(uri) === generation;
  }

  /** The facts of a project, with the unsaved text of its open documents laid over the disk's. */
  async factsFor(root: string): Promise<WorkspaceFacts> {
    const base = await this.facts.get(root);
    const project = this.projects.all.find((p) => p.root === root);
    if (!project) return base;
    const documents = { ...base.documents };
    for (const [kind, path] of Object.entries(project.documents) as Array<[LifecycleDocumentKind, string]>) {
      const open = this.documents.get(fileUri(join(root, path)));
      if (!open || tooLarge(open.getText())) continue;
      let cached = this.values.get(open.uri);
      if (cached?.version !== open.version) {
        cached = { version: open.version, value: parseYaml(open.getText()).value };
        this.values.set(open.uri, cached);
      }
      if (cached.value !== undefined && cached.value !== null) documents[kind] = cached.value;
      else delete documents[kind];
    }
    return { ...base, documents };
  }

  private publish(uri: string, diagnostics: Diagnostic[]): void {
    if (diagnostics.length === 0 && !this.published.has(uri)) return;
    if (diagnostics.length === 0) this.published.delete(uri);
    else this.published.set(uri, diagnostics);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** Removes a URI's diagnostics (a file that is no longer a lifecycle document). */
  clear(uri: string): void {
    this.bump(uri);
    clearTimeout(this.timers.get(uri));
    this.publish(uri, []);
  }

  private async checkOpen(uri: string, generation: number): Promise<void> {
    const ref = await this.refOf(uri);
    if (!this.current(uri, generation)) return;
    if (!ref) return this.clear(uri);
    const facts = await this.factsFor(ref.root);
    const document = this.documents.get(uri);
    if (!document || !this.current(uri, generation)) return;
    const diagnostics = await documentDiagnostics(
      ref.kind,
      document.getText(),
      ref.root,
      facts,
      () => !this.current(uri, generation),
    );
    if (diagnostics && this.current(uri, generation)) this.publish(uri, diagnostics.map(toLspDiagnostic));
  }

  /** Checks a closed document from disk (clears its diagnostics when the file is gone). */
  private async checkOnDisk(ref: DocumentRef, uri: string): Promise<void> {
    const generation = this.bump(uri);
    const file = join(ref.root, ref.path);
    let text: string;
    try {
      const info = await stat(file);
      if (!info.isFile()) return this.publish(uri, []);
      // UTF-8 spends at most three bytes per UTF-16 unit: a file this large is over the limit unread.
      if (info.size > MAX_ANALYSED_CHARS * 3)
        return this.publish(uri, [toLspDiagnostic(tooLargeDiagnostic(info.size))]);
      text = await readFile(file, 'utf8');
    } catch {
      return this.publish(uri, []);
    }
    if (tooLarge(text)) return this.publish(uri, [toLspDiagnostic(tooLargeDiagnostic(text.length))]);
    const facts = await this.factsFor(ref.root);
    const stale = () => !this.current(uri, generation) || this.documents.get(uri) !== undefined;
    const diagnostics = await documentDiagnostics(ref.kind, text, ref.root, facts, stale);
    if (diagnostics && !stale()) this.publish(uri, diagnostics.map(toLspDiagnostic));
  }

  /** A document closed in the editor: its diagnostics follow the file on disk again. */
  async closed(uri: string): Promise<void> {
    clearTimeout(this.timers.get(uri));
    this.values.delete(uri);
    const ref = await this.refOf(uri);
    if (ref) await this.checkOnDisk(ref, uri);
    else this.clear(uri);
  }

  /**
   * Checks every document of a project (open ones from the editor, the others from disk), one
   * per turn of the event loop so requests are answered in between. Clears diagnostics of files
   * that were documents of the project before and no longer are.
   */
  async checkProject(project: ProjectInfo, previous?: ProjectInfo): Promise<void> {
    const uris = new Set<string>();
    for (const [kind, path] of Object.entries(project.documents) as Array<[LifecycleDocumentKind, string]>) {
      const uri = fileUri(join(project.root, path));
      uris.add(uri);
      if (this.documents.get(uri)) this.schedule(uri, 0);
      else await this.checkOnDisk({ root: project.root, kind, path }, uri);
      await nextTurn();
    }
    for (const path of Object.values(previous?.documents ?? {})) {
      const uri = fileUri(join(project.root, path));
      if (!uris.has(uri)) this.clear(uri);
    }
  }

  /** Removes the diagnostics of every document of a project that is gone (its mlcycle.yaml deleted). */
  forget(project: ProjectInfo): void {
    for (const path of Object.values(project.documents)) this.clear(fileUri(join(project.root, path)));
  }

  /** Re-checks the open documents of a project other than `except` (their cross-file facts changed). */
  recheckOpen(root: string, except?: string): void {
    for (const document of this.documents.all()) {
      const path = uriPath(document.uri);
      if (document.uri !== except && path && isInside(root, path)) this.schedule(document.uri);
    }
  }
}
