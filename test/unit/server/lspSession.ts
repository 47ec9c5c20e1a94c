// A real language server process (dist/server.js --stdio, rebuilt when stale) spoken to over
// LSP with vscode-jsonrpc, as an editor would: initialize, open and change documents, send
// watched-file events, wait for published diagnostics, make requests.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureServerBuilt } from '../jobs/builtBundles';

export const uriOf = (path: string) => pathToFileURL(path).href;

/** A copy of an example project in a temporary folder (no records). */
export function tempExample(example: 'penguins' | 'cars'): { root: string; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), `mlcycle-lsp-${example}-`));
  cpSync(join(process.cwd(), 'examples', example), root, {
    recursive: true,
    filter: (src) => !src.includes('.mlcycle'),
  });
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export class LspSession {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  /** Every diagnostics notification received, latest last, by URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: Array<() => void> = [];
  readonly stderr: string[] = [];
  private versions = new Map<string, number>();

  private constructor(server: string) {
    this.process = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => this.stderr.push(String(chunk)));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', () => []);
    this.connection.listen();
  }

  /** Starts a server and initializes it with one workspace folder. */
  static async start(folder: string): Promise<LspSession> {
    const session = new LspSession(ensureServerBuilt());
    await session.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(folder),
      workspaceFolders: [{ uri: uriOf(folder), name: 'test' }],
      capabilities: {
        textDocument: {
          publishDiagnostics: { dataSupport: true },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await session.connection.sendNotification('initialized', {});
    return session;
  }

  open(path: string, text: string): string {
    const uri = uriOf(path);
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    return uri;
  }

  /** Replaces the whole text (a full-content change). */
  change(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Type 1 = created, 2 = changed, 3 = deleted. */
  filesChanged(changes: Array<{ path: string; type: 1 | 2 | 3 }>): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map((c) => ({ uri: uriOf(c.path), type: c.type })),
    });
  }

  /** Waits until the latest diagnostics of `uri` satisfy `check`. */
  async waitForDiagnostics(
    uri: string,
    check: (d: Diagnostic[]) => boolean,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && check(current)) return current;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `Timed out waiting for diagnostics of ${uri}; latest: ${JSON.stringify(current?.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`))}\n${this.stderr.join('')}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    await new Promise((r) => setTimeout(r, 50));
    if (this.process.exitCode === null) this.process.kill();
  }
}
