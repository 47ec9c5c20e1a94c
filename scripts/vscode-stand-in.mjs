#!/usr/bin/env node
// Stands in for the VS Code executable so the ecosystem's runners (@vscode/test-electron's
// runTests({ vscodeExecutablePath }), @vscode/test-cli's useInstallation.fromPath) drive our
// offline VS Code: it takes the same command line (--extensionDevelopmentPath=,
// --extensionTestsPath=, a folder), runs the tests in a throwaway VS Code server opened in
// headless Chromium, prints the test output, and exits with the test run's exit code.
//
// Env: MLCYCLE_TEST_TIMEOUT_MS  overall deadline (default 10 min)
//      MLCYCLE_LOGS_DIR         where to write the workbench and extension-host logs of a run
//      MLCYCLE_SERVER_OUTPUT=1  echo everything the server prints
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ensureCodeServer } from './code-server.mjs';
import { startServer, workbenchUrl } from './vscode-server.mjs';
import { launchBrowser, openWorkbenchPage } from './workbench-browser.mjs';

const TIMEOUT_MS = Number(process.env.MLCYCLE_TEST_TIMEOUT_MS || 10 * 60_000);
const log = (message) => console.log(`[vscode-stand-in] ${message}`);

/** Flags of VS Code's command line that take a value (as `--flag=value` or `--flag value`). */
const valueFlags = new Set([
  'extensionDevelopmentPath',
  'extensionTestsPath',
  'user-data-dir',
  'extensions-dir',
  'locale',
  'log',
  'enable-proposed-api',
  'profile',
  'folder-uri',
  'file-uri',
  'crash-reporter-directory',
  'logsPath',
]);

export function parseCommandLine(argv) {
  const parsed = { extensionDevelopmentPath: [], extensionTestsPath: undefined, folder: undefined, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      parsed.folder ??= resolve(arg);
      continue;
    }
    let [name, value] = arg.slice(2).split(/=(.*)/s, 2);
    if (value === undefined && valueFlags.has(name) && i + 1 < argv.length) value = argv[++i];
    if (name === 'extensionDevelopmentPath') parsed.extensionDevelopmentPath.push(resolve(value));
    else if (name === 'extensionTestsPath') parsed.extensionTestsPath = resolve(value);
    else parsed.ignored.push(arg); // sandbox/GPU/profile flags of the desktop app mean nothing here
  }
  return parsed;
}

/** The workbench reports on a test run; keep its logs where someone can read them. */
function saveLogs(logs) {
  const dir = process.env.MLCYCLE_LOGS_DIR;
  if (!dir || logs.length === 0) return;
  for (const { relativePath, contents } of logs) {
    const file = join(dir, relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  log(`workbench logs written to ${dir}`);
}

/** The server's own logs (remote extension host, file watcher, pty host) die with its temp folder. */
function saveServerLogs(server) {
  const dir = process.env.MLCYCLE_LOGS_DIR;
  const logs = join(server.stateDir, 'user-data', 'logs');
  if (dir && existsSync(logs)) cpSync(logs, join(dir, 'server'), { recursive: true });
}

/**
 * Workbench chatter that the smoke-test driver's logger also sends to codeAutomationLog: the
 * connection handshake and the disabled gallery. Everything else (the mocha output, the
 * extension host's console) is printed.
 */
const workbenchNoise = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket/,
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore:/,
  /^Creation of workbench contribution '.*' took \d+ms/,
  /^%s%s,,$/,
  /\[Service Worker\] registration/, // code-server's PWA worker, served only by its own CLI
];

/** Browser-console errors that are expected offline and say nothing about the extension. */
const consoleNoise = /Failed to load resource|bad HTTP response code \(404\)|Service Worker|favicon|gallery/i;

/**
 * The page console, used when no tests run (during a test run the smoke-test driver already
 * sends every workbench and extension-host message to codeAutomationLog). Extension-host lines
 * arrive as "%c[Extension Host] %c<message> color: blue color: ".
 */
function forwardConsole(text, type) {
  if (text.includes('[Extension Host]')) {
    console.log(
      text
        .replace(/%c/g, '')
        .replace(/(\s*color:\s*\S*)+\s*$/, '')
        .trim(),
    );
  } else if (type === 'error' && !consoleNoise.test(text)) {
    console.error(
      `[workbench ${type}] ${text
        .replace(/%c/g, '')
        .replace(/color:\s*#\w+\s*/, '')
        .trim()}`,
    );
  }
}

async function main() {
  const args = parseCommandLine(process.argv.slice(2));
  if (args.extensionDevelopmentPath.length === 0) throw new Error('--extensionDevelopmentPath= is required');
  if (args.extensionDevelopmentPath.length > 1) throw new Error('only one --extensionDevelopmentPath is supported');
  const [extensionDevelopmentPath] = args.extensionDevelopmentPath;
  if (args.extensionTestsPath && !args.extensionTestsPath.startsWith(extensionDevelopmentPath + '/')) {
    throw new Error(
      `the tests (${args.extensionTestsPath}) must sit inside the extension folder (${extensionDevelopmentPath})`,
    );
  }

  await ensureCodeServer();
  const started = Date.now();
  const server = await startServer({
    onOutput: (line) => {
      const vsdaMissing = /File not found: .*\/vsda\//.test(line); // Microsoft-only module, not shipped
      if (process.env.MLCYCLE_SERVER_OUTPUT === '1' || (/error|exception/i.test(line) && !vsdaMissing))
        console.log(`[server] ${line}`);
    },
  });
  let browser;
  const cleanup = () => server.stopNow();
  process.once('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      cleanup();
      process.exit(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal]);
    });
  }

  try {
    log(`server ${server.origin} (pid ${server.pid}) ready in ${Date.now() - started} ms`);
    browser = await launchBrowser();
    let finish;
    const result = new Promise((done) => (finish = done));
    const page = await openWorkbenchPage(browser, {
      onLog: (_level, message) => {
        if (!workbenchNoise.some((pattern) => pattern.test(message))) console.log(message);
      },
      onExit: (code, logs) => {
        saveLogs(logs);
        finish({ code, reason: 'tests finished' });
      },
      onConsole: args.extensionTestsPath ? undefined : forwardConsole,
      onPageError: (message) => console.error(`[workbench page error] ${message}`),
    });
    page.on('crash', () => finish({ code: 1, reason: 'the workbench page crashed' }));
    server.exited.then(() => finish({ code: 1, reason: 'the server exited during the run' }));
    const timer = setTimeout(() => finish({ code: 1, reason: `timed out after ${TIMEOUT_MS / 1000} s` }), TIMEOUT_MS);

    const url = workbenchUrl(server, {
      folder: args.folder,
      extensionDevelopmentPath,
      extensionTestsPath: args.extensionTestsPath,
    });
    log(`opening ${url}`);
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 }); // the rest is event-driven, under the deadline
    if (!args.extensionTestsPath) log('no --extensionTestsPath: the workbench stays open until the deadline or Ctrl-C');
    const { code, reason } = await result;
    clearTimeout(timer);
    log(`${reason}: exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    await browser?.close().catch(() => {});
    saveServerLogs(server);
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[vscode-stand-in] ${error.stack ?? error}`);
    process.exit(1);
  },
);
