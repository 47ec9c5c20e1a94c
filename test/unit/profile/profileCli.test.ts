// `mlcycle profile` as users run it (bin/mlcycle.js in a child process): human summary, JSON
// output valid against the schema, exit codes 0 and 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { parseSample } from '../../../src/cli/profileCommand';
import { ensureCliBuilt } from '../jobs/builtBundles';

const ROOT = process.cwd();
const BIN = join(ROOT, 'bin', 'mlcycle.js');
const TRAIN = join(ROOT, 'examples/penguins/data/train.csv');

function mlcycle(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mlcycle profile', () => {
  let dir: string;
  before(() => {
    ensureCliBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mlcycle-profile-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a summary with rows, columns and alerts, and exits 0', () => {
    const { code, stdout } = mlcycle('profile', TRAIN, '--target', 'Species');
    assert.equal(code, 0);
    assert.match(stdout, /241 rows × 7 columns, \d+ alerts?/);
    assert.match(stdout, /Body Mass \(g\)\s+numeric/);
    assert.match(stdout, /target Species \(classification\)/);
    assert.match(stdout, /\[missing\] "Sex" has 9 missing values/);
  });

  it('writes the profile as JSON, valid against schemas/profile.schema.json', () => {
    const out = join(dir, 'profile.json');
    const { code } = mlcycle('profile', TRAIN, '--json', out, '--sample', 'random:100', '--seed', '3');
    assert.equal(code, 0);
    const profile = JSON.parse(readFileSync(out, 'utf8')) as { sampling: unknown };
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(join(ROOT, 'schemas/profile.schema.json'), 'utf8')),
    );
    assert.ok(validate(profile), JSON.stringify(validate.errors));
    assert.deepEqual(profile.sampling, { mode: 'random', rows: 100, seed: 3 });
    const stdoutOnly = mlcycle('profile', TRAIN, '--json', '-');
    assert.equal(JSON.parse(stdoutOnly.stdout).rows, 241);
  });

  it('exits 2 on a read error (with file and line) and on bad arguments', () => {
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'a,b\n1,2\n3\n');
    const bad = mlcycle('profile', ragged);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /ragged\.csv:3: this row has 1 field, expected 2/);
    assert.equal(mlcycle('profile').code, 2);
    assert.equal(mlcycle('profile', TRAIN, '--task', 'clustering', '--target', 'Species').code, 2);
    assert.equal(mlcycle('profile', TRAIN, '--sample', 'some').code, 2);
    assert.equal(mlcycle('profile', TRAIN, '--target', 'nope').code, 2);
  });

  it('parses --sample', () => {
    assert.deepEqual(parseSample('stratified:500', 9), { mode: 'stratified', rows: 500, seed: 9 });
    assert.throws(() => parseSample('random:0', undefined), /at least 1 row/);
  });
});
