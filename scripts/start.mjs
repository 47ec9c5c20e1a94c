// `npm start`: a real VS Code with the extension loaded (as a development extension) on
// examples/penguins. With a desktop VS Code (`code`) on PATH it simply launches that; otherwise
// it serves code-server's bundled VS Code on 127.0.0.1 and prints the URL to open. Ctrl-C stops
// the server and everything it started.
//
// Env: MLCYCLE_PORT=8080          fixed port (default: a free one)
//      MLCYCLE_START_MODE=server  use the server even when `code` is on PATH
//      MLCYCLE_START_FOLDER=path  open another folder (default: examples/penguins)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './code-server.mjs';
import { startServer, workbenchUrl } from './vscode-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = resolve(process.env.MLCYCLE_START_FOLDER || join(root, 'examples/penguins'));
const log = (message) => console.log(`[start] ${message}`);

function runOrExit(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function desktopCode() {
  if (process.env.MLCYCLE_START_MODE === 'server') return undefined;
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

if (!existsSync(folder)) {
  console.error(`[start] ${folder} does not exist`);
  process.exit(1);
}
runOrExit(process.execPath, [join(root, 'scripts/build.mjs')]);

const code = desktopCode();
if (code) {
  log(`desktop VS Code found (${code}): opening ${folder} with the extension in development mode`);
  runOrExit(code, [`--extensionDevelopmentPath=${root}`, folder]);
  process.exit(0);
}

runOrExit('bash', [join(root, 'scripts/system-deps.sh')]);
await ensureCodeServer();
const server = await startServer({
  port: Number(process.env.MLCYCLE_PORT || 0),
  onOutput: (line) => {
    if (/error|exception/i.test(line) && !/vsda/.test(line)) console.log(`[server] ${line}`);
  },
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  log('stopping the server');
  await server.stop();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('exit', () => server.stopNow());
server.exited.then(() => {
  if (!stopping) {
    console.error('[start] the server exited unexpectedly');
    process.exit(1);
  }
});

const url = workbenchUrl(server, { folder, extensionDevelopmentPath: root });
log(`VS Code (code-server's bundled 1.100.3) is serving ${folder}`);
log('with ML Lifecycle loaded from this repository as a development extension.');
console.log(`\n  Open: ${url}\n`);
log('After `npm run build` (or with `npm run watch` running), reload the page to pick up changes.');
log('Press Ctrl-C to stop.');
