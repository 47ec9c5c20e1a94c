// scripts/system-deps.sh with fake dpkg, apt-get, sudo and id on PATH: it installs exactly the
// missing packages as root, through a password-less sudo otherwise, and else prints the exact
// command and fails. `npm test` runs it as its first stage.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const root = join(__dirname, '../../..');
const script = join(root, 'scripts/system-deps.sh');
const work = mkdtempSync(join(tmpdir(), 'mlcycle-sysdeps-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Machine {
  installed: string[];
  uid: number;
  sudo: 'none' | 'passwordless' | 'password';
}

function fakeBin(machine: Machine): { bin: string; log: string } {
  const dir = mkdtempSync(join(work, 'machine-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'calls.log');
  const write = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  const installed = machine.installed.join(' ');
  write(
    'dpkg',
    `[ "$1" = "-s" ] || exit 2
for p in ${installed}; do [ "$p" = "$2" ] && { echo "Package: $2"; echo "Status: install ok installed"; exit 0; }; done
echo "dpkg-query: package '$2' is not installed" >&2; exit 1`,
  );
  write('apt-get', `echo "apt-get $* uid=$(id -u)" >> ${log}`);
  write('id', `[ "$1" = "-u" ] && echo "\${FAKE_UID:-${machine.uid}}"`);
  if (machine.sudo !== 'none') {
    write(
      'sudo',
      machine.sudo === 'password'
        ? `echo "sudo: a password is required" >&2; exit 1`
        : `[ "$1" = "-n" ] && shift; echo "sudo $*" >> ${log}; FAKE_UID=0 exec "$@"`,
    );
  }
  return { bin, log };
}

function run(machine: Machine, args: string[] = []) {
  const { bin, log } = fakeBin(machine);
  // /usr/bin/sudo must not be found when the machine has none: PATH holds only the fakes and
  // the directories bash, grep and env come from, with sudo shadowed by a failing stub.
  if (machine.sudo === 'none') {
    writeFileSync(join(bin, 'sudo'), '#!/bin/bash\necho "sudo: command not found" >&2; exit 127\n');
    chmodSync(join(bin, 'sudo'), 0o755);
  }
  const result = spawnSync('bash', [script, ...args], {
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin` },
  });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: result.status, out: result.stdout + result.stderr, calls };
}

const all = [
  'chromium',
  'ripgrep',
  'libkrb5-dev',
  'g++',
  'make',
  'python3',
  'python3-sklearn',
  'python3-pandas',
  'python3-optuna',
  'python3-xgboost',
];
const withoutSklearn = all.filter((p) => p !== 'python3-sklearn' && p !== 'python3-pandas');

describe('system-deps.sh', () => {
  it('does nothing when every package is present', () => {
    const r = run({ installed: all, uid: 1000, sudo: 'none' });
    assert.equal(r.status, 0, r.out);
    assert.deepEqual(r.calls, []);
    assert.match(r.out, /ok: .*python3-sklearn/);
  });

  it('installs exactly the missing packages as root', () => {
    const r = run({ installed: withoutSklearn, uid: 0, sudo: 'none' });
    assert.equal(r.status, 0, r.out);
    assert.equal(r.calls.length, 2, r.calls.join('\n'));
    assert.match(r.calls[0], /^apt-get update uid=0$/);
    assert.match(r.calls[1], /^apt-get install -y python3-sklearn python3-pandas uid=0$/);
  });

  it('uses a password-less sudo when not root', () => {
    const r = run({ installed: withoutSklearn, uid: 1000, sudo: 'passwordless' });
    assert.equal(r.status, 0, r.out);
    assert.ok(
      r.calls.some((c) => /^apt-get install -y python3-sklearn python3-pandas uid=0$/.test(c)),
      r.calls.join('\n'),
    );
    assert.ok(
      r.calls.some((c) => c.startsWith('sudo ')),
      r.calls.join('\n'),
    );
  });

  for (const sudo of ['none', 'password'] as const) {
    it(`prints the exact command and fails when not root and sudo is ${sudo === 'none' ? 'absent' : 'password-protected'}`, () => {
      const r = run({ installed: withoutSklearn, uid: 1000, sudo });
      assert.equal(r.status, 1, r.out);
      assert.deepEqual(
        r.calls.filter((c) => c.startsWith('apt-get')),
        [],
      );
      assert.match(r.out, /sudo apt-get update && sudo apt-get install -y python3-sklearn python3-pandas/);
    });
  }

  it('--check reports without installing', () => {
    const r = run({ installed: withoutSklearn, uid: 0, sudo: 'none' }, ['--check']);
    assert.equal(r.status, 1, r.out);
    assert.deepEqual(r.calls, []);
    assert.match(r.out, /missing: python3-sklearn python3-pandas/);
  });

  it('is the first stage of npm test', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts['system-deps'], 'bash scripts/system-deps.sh');
    const testScript = readFileSync(join(root, 'scripts/test.mjs'), 'utf8');
    const stages = [...testScript.matchAll(/\['([^']+)', '([^']+)'\]/g)].map((m) => m[2]);
    assert.equal(stages[0], 'system-deps');
    assert.ok(stages.includes('test:unit'));
  });
});
