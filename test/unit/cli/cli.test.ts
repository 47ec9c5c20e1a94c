// The CLI as users run it (`node bin/mlcycle.js ...` in a child process) for exit codes and
// output, plus runCli in-process for what needs a fake terminal.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli } from '../../../src/cli/run';
import { ensureCliBuilt } from '../jobs/builtBundles';

const ROOT = process.cwd();
const BIN = join(ROOT, 'bin', 'mlcycle.js');
const SEATTLE = join(ROOT, 'node_modules/vega-datasets/data/seattle-weather.csv');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function mlcycle(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Waits until process `pid` has `file` open (Linux /proc; elsewhere, a fixed second). */
async function untilReading(pid: number, file: string): Promise<void> {
  const fds = `/proc/${pid}/fd`;
  if (!existsSync('/proc/self/fd')) return sleep(1_000);
  for (let waited = 0; waited < 15_000; waited += 20) {
    try {
      if (readdirSync(fds).some((fd) => readlinkSync(join(fds, fd)) === file)) return;
    } catch {
      // The process may be starting or gone; keep polling until the deadline.
    }
    await sleep(20);
  }
  throw new Error(`process ${pid} never opened ${file}`);
}

describe('mlcycle CLI (bin/mlcycle.js)', () => {
  let dir: string;
  before(() => {
    ensureCliBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mlcycle-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its version and help, exit 0', () => {
    assert.deepEqual(mlcycle('--version'), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
    const help = mlcycle('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: mlcycle <command>/);
    assert.match(help.stdout, /inspect/);
    const inspectHelp = mlcycle('inspect', '--help');
    assert.equal(inspectHelp.code, 0);
    assert.match(inspectHelp.stdout, /--json <value>/);
  });

  it('inspects a clean file: exit 0 and a readable report', () => {
    const { code, stdout } = mlcycle('inspect', 'node_modules/vega-datasets/data/seattle-weather.csv');
    assert.equal(code, 0);
    assert.match(stdout, /format +CSV, delimiter ",", UTF-8/);
    assert.match(stdout, /rows +1,461\n/);
    assert.match(stdout, /columns +6 \(from the header row\): date, precipitation/);
  });

  it('writes the result as JSON, to a file (atomically) or to stdout', () => {
    const out = join(dir, 'inspect.json');
    const toFile = mlcycle('inspect', SEATTLE, '--json', out);
    assert.equal(toFile.code, 0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(written.rows, 1461);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
    const toStdout = mlcycle('inspect', SEATTLE, '--json', '-');
    assert.equal(toStdout.code, 0);
    const printed = JSON.parse(toStdout.stdout);
    assert.equal(printed.sha256, written.sha256);
  });

  it('exit 1 when the check fails (ragged rows), naming them', () => {
    const path = join(dir, 'ragged.csv');
    writeFileSync(path, 'a,b,c\n1,2,3\n4,5\n6,7,8\n');
    const { code, stdout, stderr } = mlcycle('inspect', path);
    assert.equal(code, 1);
    assert.match(stdout, /1 row with the wrong number of fields/);
    assert.match(stdout, /line 3: 2 instead of 3/);
    assert.match(stderr, /check failed/);
  });

  it('exit 2 for usage errors and unreadable input', () => {
    writeFileSync(join(dir, 'sheet.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    const cases: [string[], RegExp][] = [
      [[], /Usage: mlcycle/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['inspect'], /Which file\?/],
      [['inspect', SEATTLE, '--colour'], /Unknown option '--colour'/],
      [['inspect', join(dir, 'missing.csv')], /missing\.csv does not exist/],
      [['inspect', join(dir, 'sheet.csv')], /sheet\.csv is a ZIP archive/],
      [['inspect', SEATTLE, '--root', dir], /outside the workspace/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = mlcycle(...args);
      assert.equal(code, 2, `mlcycle ${args.join(' ')}`);
      assert.match(stderr, message);
    }
  });

  it('Ctrl-C aborts a running inspect: exit 130', async () => {
    const path = join(dir, 'large.csv');
    writeFileSync(path, 'a,b\n' + '1,2\n'.repeat(15_000_000));
    const child = spawn(process.execPath, [BIN, 'inspect', path], { cwd: ROOT });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise((resolve) => child.on('close', resolve));
    await untilReading(child.pid as number, path);
    child.kill('SIGINT');
    const code = await exited;
    assert.equal(code, 130, stderr);
    // Stopped mid-read, not after: the job itself reports the cancel, and no result is printed
    // (a job that ignored the signal would finish, print its summary, and only then exit 130).
    assert.match(stderr, /cancelled/);
    assert.doesNotMatch(stdout, /rows/, 'no result printed');
  });
});

describe('runCli in-process', () => {
  it('draws progress on a terminal and clears it before the report', async () => {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t), isTTY: true, columns: 100 },
      cwd: ROOT,
    };
    const code = await runCli(['inspect', SEATTLE], io, new AbortController().signal);
    assert.equal(code, 0);
    assert.match(stderr, /\r\x1b\[Kinspect +\d+%/);
    assert.ok(stderr.endsWith('\r\x1b[K'), 'the progress line is cleared');
    assert.match(stdout, /rows +1,461/);
  });

  it('draws no progress when stderr is not a terminal', async () => {
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, cwd: ROOT };
    assert.equal(await runCli(['inspect', SEATTLE], io, new AbortController().signal), 0);
    assert.equal(stderr, '');
  });
});
