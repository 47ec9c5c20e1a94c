// code-server from npm is our offline "real VS Code": it bundles the stock VS Code server and
// web workbench (1.100.3). It is a test and demo runtime, not a dependency of the extension, so
// it is installed on demand into a cache folder this script owns (once per machine) instead of
// package.json: `npm ci` stays light and needs no system packages. Measured on Debian 12,
// Node 20, 2 cores: ~60-100 s the first time (it compiles native modules), ~300 MB.
// 4.100.3 is the newest code-server that runs on Node 20 (4.103+ needs Node 22).
//
//   node scripts/code-server.mjs      install if needed and print the folder
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync, copyFileSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';

/** Where code-server lives; the marker file is written last, so a half install is redone. */
export function codeServerDir() {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'mlcycle', `code-server-${CODE_SERVER_VERSION}`);
}

const markerFile = (dir) => join(dir, '.mlcycle-installed.json');
const packageDir = (dir) => join(dir, 'node_modules', 'code-server');

/** The stock VS Code server entry point bundled inside code-server. */
export function serverMainPath(dir = codeServerDir()) {
  return join(packageDir(dir), 'lib', 'vscode', 'out', 'server-main.js');
}

/**
 * Native modules the server loads at run time. Loading them in a child Node is the real proof
 * that the install scripts ran and compiled them (npm 11 reports unreviewed dependency install
 * scripts and a later npm may skip them, leaving a server that starts but cannot open a
 * terminal or watch files).
 */
const nativeModules = ['node-pty', 'kerberos', '@vscode/spdlog', '@parcel/watcher', 'native-watchdog'];

/** Lists what is missing from an install: the server, ripgrep, or a native module that fails to load. */
export function checkInstall(dir = codeServerDir()) {
  const problems = [];
  if (!existsSync(serverMainPath(dir))) return [`missing ${serverMainPath(dir)}`];
  const vscodeDir = join(packageDir(dir), 'lib', 'vscode');
  if (!existsSync(join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'))) {
    problems.push('missing @vscode/ripgrep binary (its postinstall failed to find the seeded archive)');
  }
  const probe = `for (const m of ${JSON.stringify(nativeModules)}) { try { require(m); } catch (e) { console.log(m + ': ' + e.message.split('\\n')[0]); } }`;
  const failures = execFileSync(process.execPath, ['-e', probe], {
    cwd: vscodeDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
  if (failures) problems.push(...failures.split('\n').map((line) => `native module does not load: ${line}`));
  return problems;
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here). It skips the
 * download when its cache in the OS temp folder already holds the archive it wants, so we
 * repack Debian's /usr/bin/rg under that name.
 */
function seedRipgrepCache(log) {
  // The archive name @vscode/ripgrep 1.15.11 asks for on x64 Linux (measured); other machines
  // fall through to its normal download.
  if (process.platform !== 'linux' || process.arch !== 'x64') return;
  const target = 'x86_64-unknown-linux-musl';
  const cacheDir = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = join(cacheDir, `ripgrep-v13.0.0-10-${target}.tar.gz`);
  if (existsSync(archive)) return;
  if (!existsSync('/usr/bin/rg')) throw new Error('/usr/bin/rg is missing: run scripts/system-deps.sh first');
  const staging = join(tmpdir(), `mlcycle-rg-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync('/usr/bin/rg', join(staging, 'rg'));
  execFileSync('tar', ['-czf', `${archive}.partial`, '-C', staging, 'rg']);
  execFileSync('mv', [`${archive}.partial`, archive]);
  rmSync(staging, { recursive: true, force: true });
  log(`seeded ripgrep cache ${archive} from /usr/bin/rg`);
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/**
 * Holds an install lock (a folder: creating it is atomic) so two scripts started at once do not
 * install over each other; a lock left by a process that died is taken over.
 */
async function withInstallLock(dir, log, action) {
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  mkdirSync(dirname(dir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = lockOwner(lock);
      // A dead owner, or no owner written long after the lock appeared: a crashed install.
      if (owner === 'dead' || (owner === undefined && Date.now() - lockAge(lock) > 30_000)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another install (lock ${lock}, pid ${owner})`);
      if (!told) log(`waiting for another code-server install (pid ${owner || 'unknown'}) to finish`);
      told = true;
      await new Promise((done) => setTimeout(done, 2_000));
    }
  }
  try {
    return await action();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The pid holding the lock, 'dead' if that process is gone, undefined if not (yet) known. */
function lockOwner(lock) {
  let pid;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return undefined;
  }
  return pid && !isAlive(pid) ? 'dead' : pid || undefined;
}

function lockAge(lock) {
  try {
    return statSync(lock).mtimeMs;
  } catch {
    return Date.now();
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const isComplete = (dir) => existsSync(markerFile(dir)) && checkInstall(dir).length === 0;

/** Installs code-server into the cache folder unless a complete install is already there. */
export async function ensureCodeServer({ log = (m) => console.log(`[code-server] ${m}`) } = {}) {
  const dir = codeServerDir();
  if (isComplete(dir)) return dir;
  return withInstallLock(dir, log, async () => {
    if (isComplete(dir)) return dir; // installed by whoever held the lock
    await install(dir, log);
    return dir;
  });
}

async function install(dir, log) {
  const started = Date.now();
  log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (first time only, ~2 minutes)`);
  // Its native modules compile against system headers (gssapi) and ripgrep comes from Debian.
  await run('bash', [fileURLToPath(new URL('system-deps.sh', import.meta.url))], {});
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'mlcycle-code-server',
        private: true,
        description: 'code-server runtime for mlcycle tests and `npm start`; written by scripts/code-server.mjs',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        // code-server's postinstall installs VS Code's own modules and compiles native ones.
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ),
  );
  seedRipgrepCache(log);
  const env = {
    ...process.env,
    npm_config_unsafe_perm: 'true', // as root, code-server's postinstall exits without it
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  await run('npm', ['install', '--no-package-lock', '--loglevel=warn'], { cwd: dir, env });

  const problems = checkInstall(dir);
  if (problems.length > 0) {
    throw new Error(
      `code-server install in ${dir} is incomplete:\n  ${problems.join('\n  ')}\n` +
        'If npm skipped dependency install scripts (npm 11 only warns about unreviewed ones; later ' +
        'versions may block them), retry with npm_config_dangerously_allow_all_scripts=true.',
    );
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(
    markerFile(dir),
    JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString(), seconds }) + '\n',
  );
  log(`installed in ${seconds} s`);
}

/** The version the installed server reports (its product.json). */
export function installedVsCodeVersion(dir = codeServerDir()) {
  const product = JSON.parse(readFileSync(join(packageDir(dir), 'lib', 'vscode', 'product.json'), 'utf8'));
  return product.version;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = await ensureCodeServer();
  console.log(`[code-server] ready: ${dir} (VS Code ${installedVsCodeVersion(dir)})`);
}
