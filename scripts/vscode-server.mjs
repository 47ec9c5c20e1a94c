// One throwaway VS Code server per run: the stock server bundled in code-server, on loopback,
// with every state folder (user data, extensions, server data, XDG homes) in a fresh temp
// folder, so runs never share editor state and nothing lingers. It is started in its own
// process group and stopped by killing that group, which takes its extension hosts, pty host
// and file watchers with it (a long-lived server would keep extension hosts alive for hours).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverMainPath } from './code-server.mjs';

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * User settings for a quiet, offline, deterministic workbench (code-server keeps them on the
 * server, in <user-data>/User/settings.json): no telemetry (built-in extensions otherwise try
 * to reach Microsoft and surface "An unknown error occurred"), no welcome walkthrough over the
 * editor area, no recommendations or update checks.
 */
const userSettings = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

/** A fresh temp folder named after what it holds. */
export function makeTempDir(label) {
  return mkdtempSync(join(tmpdir(), `mlcycle-${label}-`));
}

/** Copies a folder (e.g. examples/penguins) to a fresh temp folder that tests may write to. */
export function copyToTempWorkspace(source, label = 'workspace') {
  const parent = makeTempDir(label);
  const target = join(parent, source.split('/').filter(Boolean).pop());
  cpSync(source, target, { recursive: true });
  return { dir: target, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Drops VSCODE_* variables a surrounding editor (e.g. a VS Code terminal) would leak in. */
function withoutEditorVariables(env) {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE'),
  );
}

/**
 * Starts the server and resolves once it listens.
 * @param {object} options
 * @param {number} [options.port] 0 (default) picks a free port
 * @param {Record<string,string>} [options.env] extra environment for the server and its extension hosts
 * @param {(line: string) => void} [options.onOutput] every line the server prints
 * @param {string} [options.defaultFolder] folder opened when the URL names none
 * @param {boolean} [options.workspaceTrust] false (default) turns Workspace Trust off, so every
 *   folder is trusted; true turns it on, and since user data is fresh every folder starts
 *   untrusted and the workbench asks on startup (to test restricted mode)
 * @param {boolean} [options.smokeTestDriver] true (default) enables VS Code's smoke-test driver,
 *   which the extension-test payload needs; it also makes the workbench refuse every dialog
 *   (the trust prompt included), so UI tests that answer a dialog pass false
 */
export async function startServer({
  port = 0,
  env = {},
  onOutput = () => {},
  defaultFolder,
  workspaceTrust = false,
  smokeTestDriver = true,
} = {}) {
  const state = makeTempDir('vscode');
  const dirs = Object.fromEntries(
    ['user-data', 'extensions', 'server-data', 'xdg-config', 'xdg-data', 'xdg-cache', 'xdg-state'].map((name) => {
      mkdirSync(join(state, name), { recursive: true });
      return [name, join(state, name)];
    }),
  );
  mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
  const settings = { ...userSettings, 'security.workspace.trust.enabled': workspaceTrust };
  writeFileSync(join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const args = [
    serverMainPath(),
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    // Newer VS Code builds honour the extension-test payload only with the smoke-test driver.
    ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--telemetry-level',
    'off',
    '--server-data-dir',
    dirs['server-data'],
    '--user-data-dir',
    dirs['user-data'],
    '--extensions-dir',
    dirs.extensions,
    ...(defaultFolder ? ['--default-folder', resolve(defaultFolder)] : []),
  ];
  // The server runs in its own process group, so stop() kills it with everything it spawned.
  // A watchdog in that group kills the group when our end of its stdin pipe closes, i.e. when
  // this process dies without running stop() (SIGKILL, a CI timeout): no server outlives us.
  // `exec` keeps the server's pid equal to the group id.
  // (sh gives a background job /dev/null as stdin, so the pipe is kept as fd 3 first.)
  // It also removes the state folder; $$ is the server (the shell exec'd into it).
  const watchdog =
    'exec 3<&0; (cat <&3 >/dev/null; kill -KILL $$; rm -rf "$MLCYCLE_SERVER_STATE"; kill -KILL 0) & exec "$0" "$@" </dev/null 3<&-';
  const child = spawn('sh', ['-c', watchdog, process.execPath, ...args], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...withoutEditorVariables(process.env),
      XDG_CONFIG_HOME: dirs['xdg-config'],
      XDG_DATA_HOME: dirs['xdg-data'],
      XDG_CACHE_HOME: dirs['xdg-cache'],
      XDG_STATE_HOME: dirs['xdg-state'],
      EXTENSIONS_GALLERY: '{"serviceUrl":""}', // offline: no gallery lookups
      MLCYCLE_SERVER_STATE: state,
      ...env,
    },
  });

  let stopped = false;
  /** Kills the whole process group (sync, so it also works from an 'exit' handler). */
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const exited = new Promise((done) => child.once('exit', done));
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 3_000);
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
    clearTimeout(timer);
    killGroup('SIGKILL'); // extension hosts that outlive the server process
    rmSync(state, { recursive: true, force: true });
  };
  const stopNow = () => {
    stopped = true;
    killGroup('SIGKILL');
    rmSync(state, { recursive: true, force: true });
  };

  const listening = new Promise((resolveListening, rejectListening) => {
    const timer = setTimeout(
      () => rejectListening(new Error(`server did not start within ${STARTUP_TIMEOUT_MS / 1000} s`)),
      STARTUP_TIMEOUT_MS,
    );
    const onLine = (line) => {
      onOutput(line);
      const match =
        /Extension host agent listening on (\d+)/.exec(line) ??
        /Web UI available at https?:\/\/[^:/]+:(\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolveListening(Number(match[1]));
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop();
        lines.forEach(onLine);
      });
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!stopped) rejectListening(new Error(`server exited before listening (${signal ?? `exit ${code}`})`));
    });
  });

  let actualPort;
  try {
    actualPort = await listening;
  } catch (error) {
    stopNow();
    throw error;
  }
  return {
    port: actualPort,
    origin: `http://127.0.0.1:${actualPort}`,
    pid: child.pid,
    stateDir: state,
    exited,
    stop,
    stopNow,
  };
}

/**
 * The workbench URL that opens `folder` with the extension under development (and optionally
 * its test runner). The payload's authority must equal the page's host:port exactly, and the
 * tests file must sit inside the extension folder, or the tests never start.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `127.0.0.1:${server.port}`;
  const remote = (path) => `vscode-remote://${authority}${resolve(path)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = new URLSearchParams();
  if (folder) query.set('folder', resolve(folder));
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `${server.origin}/?${query.toString()}`;
}
