// Entry point of the language server (bundled to dist/server.js). The transport comes from the
// command line as vscode-languageserver expects it: --node-ipc (the extension), --stdio (tests,
// other editors) or --socket=<port>.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { LifecycleServer } from './server';

new LifecycleServer(createConnection(ProposedFeatures.all)).listen();
