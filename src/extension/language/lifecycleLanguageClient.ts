// The client of our language server (dist/server.js, over IPC): diagnostics, completion, hover,
// outline and quick fixes in the lifecycle documents. Started lazily, after activation returns,
// once a project exists or one of our documents opens; stopped on deactivate. The server only
// reads files, so it runs in untrusted workspaces too.
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DEFAULT_DOCUMENTS, PROJECT_FILE, TUNING_FILE } from '../../core/project/projectFile';
import type { ProjectModel } from '../project/projectModel';

export const SERVER_CHANNEL = 'ML Lifecycle Language Server';

/** Files whose changes the server's cross-file facts depend on: data, run records, the documents. */
const WATCHED = '**/*.{csv,tsv,txt,json,ndjson,jsonl,parquet,yaml,yml}';

/**
 * The documents the server handles: mlcycle.yaml, tuning.yaml and the documents' paths (the defaults and any
 * the project names), as files of VS Code's built-in 'yaml' language.
 */
export function lifecycleSelector(documentPaths: Iterable<string>): DocumentSelector {
  const paths = new Set([PROJECT_FILE, TUNING_FILE, ...Object.values(DEFAULT_DOCUMENTS), ...documentPaths]);
  return [...paths].map((path) => ({ scheme: 'file', language: 'yaml', pattern: `**/${path.replace(/^\.\//, '')}` }));
}

export class LifecycleLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly model: ProjectModel,
  ) {}

  /** Starts the client when a project exists or one of our documents is open, now or later. */
  startWhenNeeded(): void {
    const wanted = () =>
      this.model.projectRoot !== undefined || vscode.workspace.textDocuments.some((d) => this.matches(d));
    if (wanted()) {
      void this.start();
      return;
    }
    this.disposables.push(
      this.model.onDidChange((snapshot) => snapshot && void this.start()),
      vscode.workspace.onDidOpenTextDocument((document) => this.matches(document) && void this.start()),
    );
  }

  private matches(document: vscode.TextDocument): boolean {
    return vscode.languages.match(lifecycleSelector(this.documentPaths()) as vscode.DocumentSelector, document) > 0;
  }

  private documentPaths(): string[] {
    return Object.values(this.model.snapshot?.state.projectFile.project?.documents ?? {});
  }

  /** The running client (started on first call; later calls share it). */
  start(): Promise<LanguageClient | undefined> {
    this.starting ??= this.create();
    return this.starting;
  }

  private async create(): Promise<LanguageClient | undefined> {
    const module = join(this.context.extensionPath, 'dist', 'server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
    this.disposables.push(watcher);
    const clientOptions: LanguageClientOptions = {
      documentSelector: lifecycleSelector(this.documentPaths()),
      synchronize: { fileEvents: watcher },
      outputChannelName: SERVER_CHANNEL,
      diagnosticCollectionName: 'mlcycle',
    };
    const client = new LanguageClient('mlcycle', SERVER_CHANNEL, serverOptions, clientOptions);
    try {
      await client.start();
      this.client = client;
      return client;
    } catch (error) {
      client.outputChannel.appendLine(`[client] the language server did not start: ${(error as Error).stack ?? error}`);
      return undefined;
    }
  }

  /** Stops the server (deactivation). */
  async stop(): Promise<void> {
    for (const d of this.disposables.splice(0)) d.dispose();
    const client = this.client ?? (await this.starting);
    this.client = undefined;
    if (client?.isRunning()) await client.stop();
  }

  dispose(): void {
    void this.stop();
  }
}
