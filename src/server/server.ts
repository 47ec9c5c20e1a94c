// The ML Lifecycle language server: document sync for the lifecycle documents (mlcycle.yaml and
// the documents it names), diagnostics (see diagnosticsService.ts), completion, hover, outline
// and quick fixes. It reads files and never runs anything, so it is safe in untrusted
// workspaces. Requests are answered from the open document's text and cached facts; each one
// checks its cancellation token before doing work.
import { basename, join, resolve } from 'node:path';
import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isInside } from '../core/paths';
import { PROJECT_FILE, RECORDS_DIR } from '../core/project/projectFile';
import { documentCompletions, documentHover, documentOutline, tuningTargetOf } from './analysis';
import { DiagnosticsService, fileUri, uriPath } from './diagnosticsService';
import { FactsCache } from './factsCache';
import { codeActionsOf, fromLspPosition, toLspCompletion, toLspHover, toLspSymbol } from './lspConvert';
import { ProjectIndex, type DocumentRef, type ProjectInfo } from './projects';

/** Quiet time after the last watched-file event before the facts are gathered again. */
const FACTS_DEBOUNCE_MS = 300;

const overlaps = (
  a: { start: { line: number }; end: { line: number } },
  b: { start: { line: number }; end: { line: number } },
) => a.start.line <= b.end.line && b.start.line <= a.end.line;

export class LifecycleServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly projects = new ProjectIndex();
  private readonly facts = new FactsCache();
  private readonly refs = new Map<string, DocumentRef | null>();
  private readonly diagnostics: DiagnosticsService;
  private folders: string[] = [];
  /** Whether the client tells about workspace folders added and removed. */
  private followsFolders = false;
  private readonly dirtyRoots = new Set<string>();
  private factsTimer: NodeJS.Timeout | undefined;

  constructor(private readonly connection: Connection) {
    this.diagnostics = new DiagnosticsService(connection, this.documents, this.projects, this.facts, (uri) =>
      this.refOf(uri),
    );
  }

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.initialized());
    documents.onDidChangeContent(({ document }) => this.changed(document));
    documents.onDidClose(({ document }) => void this.diagnostics.closed(document.uri));
    connection.onDidChangeWatchedFiles(({ changes }) => this.filesChanged(changes.map((c) => c.uri)));
    connection.onCompletion(async ({ textDocument, position }, token) => {
      const target = await this.target(textDocument.uri, token);
      if (!target) return null;
      const text = target.document.getText();
      const tuning = await this.tuningTarget(target.ref, text);
      const entries = documentCompletions(target.ref.kind, text, fromLspPosition(position), tuning);
      return { isIncomplete: false, items: entries.map(toLspCompletion) };
    });
    connection.onHover(async ({ textDocument, position }, token) => {
      const target = await this.target(textDocument.uri, token);
      if (!target) return null;
      const text = target.document.getText();
      const tuning = await this.tuningTarget(target.ref, text);
      const info = documentHover(target.ref.kind, text, fromLspPosition(position), tuning);
      return info ? toLspHover(info) : null;
    });
    connection.onDocumentSymbol(async ({ textDocument }, token) => {
      const target = await this.target(textDocument.uri, token);
      return target ? documentOutline(target.document.getText()).map(toLspSymbol) : null;
    });
    connection.onCodeAction((params, token) => this.codeActions(params, token));
    connection.onShutdown(() => clearTimeout(this.factsTimer));
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const folders = params.workspaceFolders?.map((f) => uriPath(f.uri)) ?? [
      params.rootUri ? uriPath(params.rootUri) : (params.rootPath ?? undefined),
    ];
    this.folders = folders.filter((f): f is string => typeof f === 'string').map((f) => resolve(f));
    this.followsFolders = params.capabilities.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', '-'] },
        hoverProvider: true,
        documentSymbolProvider: { label: 'ML Lifecycle' },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'ML Lifecycle Language Server' },
    };
  }

  private initialized(): void {
    if (this.followsFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const gone = removed.map((f) => uriPath(f.uri)).filter((p): p is string => p !== undefined);
        this.folders = this.folders.filter((f) => !gone.includes(f));
        this.folders.push(...added.map((f) => uriPath(f.uri)).filter((p): p is string => p !== undefined));
        void this.scanWorkspace();
      });
    }
    void this.scanWorkspace();
  }

  private async scanWorkspace(): Promise<void> {
    await this.projects.scan(this.folders);
    this.refs.clear();
    for (const project of this.projects.all) await this.diagnostics.checkProject(project);
  }

  /** The lifecycle document a URI is, cached until a project changes. */
  private async refOf(uri: string): Promise<DocumentRef | undefined> {
    const cached = this.refs.get(uri);
    if (cached !== undefined) return cached ?? undefined;
    const path = uriPath(uri);
    const ref = path ? this.projects.classify(path, await this.projects.projectOf(path)) : undefined;
    this.refs.set(uri, ref ?? null);
    return ref;
  }

  /** An open lifecycle document for a request, or undefined (not ours, closed, or cancelled). */
  /** The tuning study a document holds (tuning.yaml, pipeline.yaml's section), for completion and hover in its space. */
  private async tuningTarget(ref: DocumentRef, text: string) {
    if (ref.kind !== 'tuning' && ref.kind !== 'pipeline') return undefined;
    const facts = await this.facts.get(ref.root);
    return tuningTargetOf(ref.kind, text, ref.root, ref.path, facts.project);
  }

  private async target(
    uri: string,
    token: CancellationToken,
  ): Promise<{ ref: DocumentRef; document: TextDocument } | undefined> {
    const document = this.documents.get(uri);
    if (!document || token.isCancellationRequested) return undefined;
    const ref = await this.refOf(uri);
    return ref && !token.isCancellationRequested ? { ref, document } : undefined;
  }

  private changed(document: TextDocument): void {
    // The first analysis of a freshly opened document runs at once; typing is debounced.
    this.diagnostics.schedule(document.uri, document.version <= 1 ? 0 : undefined);
    void this.refOf(document.uri).then((ref) => {
      if (!ref) return;
      if (ref.kind === 'project') this.projectTextChanged(ref.root, document.getText());
      // The other open documents compare themselves with this one.
      else this.diagnostics.recheckOpen(ref.root, document.uri);
    });
  }

  /** Unsaved edits of mlcycle.yaml may rename documents: follow them at once. */
  private projectTextChanged(root: string, text: string): void {
    const previous = this.projects.all.find((p) => p.root === root);
    const next = this.projects.updateFromText(root, text);
    if (previous && JSON.stringify(previous.documents) === JSON.stringify(next.documents)) return;
    this.refs.clear();
    void this.diagnostics.checkProject(next, previous);
  }

  /**
   * Watched files changed (data files, run records, documents, mlcycle.yaml): the facts of the
   * projects they belong to are gathered again, then every document of those projects re-checked.
   */
  private filesChanged(uris: string[]): void {
    for (const uri of uris) {
      const path = uriPath(uri);
      if (!path) continue;
      if (basename(path) === PROJECT_FILE) this.dirtyRoots.add(resolve(path, '..'));
      for (const project of this.projects.all) {
        if (isInside(project.root, path) && !this.ignored(project, path)) this.dirtyRoots.add(project.root);
      }
    }
    if (this.dirtyRoots.size === 0) return;
    clearTimeout(this.factsTimer);
    this.factsTimer = setTimeout(() => void this.refreshDirty(), FACTS_DEBOUNCE_MS);
  }

  /** Files of the project whose changes no check depends on (records other than runs, caches). */
  private ignored(project: ProjectInfo, path: string): boolean {
    const records = join(project.root, RECORDS_DIR);
    return isInside(records, path) && !isInside(join(records, 'runs'), path);
  }

  private async refreshDirty(): Promise<void> {
    const roots = [...this.dirtyRoots];
    this.dirtyRoots.clear();
    for (const root of roots) {
      const previous = this.projects.all.find((p) => p.root === root);
      const loaded = await this.projects.load(root);
      // An open mlcycle.yaml's unsaved text names the documents the user sees.
      const open = loaded && this.documents.get(fileUri(join(root, PROJECT_FILE)));
      const project = open ? this.projects.updateFromText(root, open.getText()) : loaded;
      this.refs.clear();
      this.facts.invalidate(root);
      if (project) await this.diagnostics.checkProject(project, previous);
      else if (previous) this.diagnostics.forget(previous);
    }
  }

  private async codeActions(
    { textDocument, range, context }: CodeActionParams,
    token: CancellationToken,
  ): Promise<CodeAction[] | null> {
    const target = await this.target(textDocument.uri, token);
    if (!target) return null;
    // The client sends the diagnostics at the range back, with the data we gave them; if it
    // dropped the data, the ones we published at that range stand in.
    const sent = context.diagnostics.filter((d) => d.data !== undefined);
    const diagnostics =
      sent.length > 0
        ? sent
        : (this.diagnostics.published.get(textDocument.uri) ?? []).filter((d) => overlaps(d.range, range));
    return diagnostics.flatMap((d) => codeActionsOf(textDocument.uri, d));
  }
}
