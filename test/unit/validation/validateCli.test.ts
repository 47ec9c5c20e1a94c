// `mlcycle validate`: exit codes 0 (all pass), 1 (an error-severity expectation fails), 2 (usage
// or read error), the default expectations of the project around the file, the human report
// and the JSON result (the same the editor gets).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runMlcycle as cli } from '../support/runCliInProcess';
import type { ValidationResult } from '../../../src/core/validation/expectationTypes';
import { validate } from '../../../src/core/validation/validate';
import { ensureCliBuilt } from '../jobs/builtBundles';
import { ROOT } from './helpers';

const PASSING = 'expectations:\n  - column: Species\n    notNull: true\n    allowed: [Adelie, Gentoo, Chinstrap]\n';
const FAILING =
  'expectations:\n  - column: Sex\n    notNull: true\n  - column: Sex\n    severity: warning\n    allowed: [MALE, FEMALE]\n';
const WARNING_ONLY = 'expectations:\n  - column: Sex\n    severity: warning\n    allowed: [MALE, FEMALE]\n';

describe('mlcycle validate', () => {
  let project: string;
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'mlcycle-validate-cli-'));
    cpSync(join(ROOT, 'examples/penguins'), project, { recursive: true });
    writeFileSync(join(project, 'passing.yaml'), PASSING);
    writeFileSync(join(project, 'failing.yaml'), FAILING);
    writeFileSync(join(project, 'warning.yaml'), WARNING_ONLY);
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it('exit 0 when every expectation holds, 1 when one fails, 0 when only warnings fail', async () => {
    const pass = await cli(project, 'validate', 'data/train.csv', '--expectations', 'passing.yaml');
    assert.equal(pass.code, 0, pass.stderr);
    // In-process, paths are shown relative to the process's folder (the real CLI's cwd).
    assert.match(
      pass.stdout,
      /^\S*data\/train\.csv against \S*passing\.yaml: 241 rows × 7 columns\nPASS  All 3 expectations passed\n$/,
    );
    const fail = await cli(project, 'validate', 'data/train.csv', '-e', 'failing.yaml');
    assert.equal(fail.code, 1);
    assert.match(fail.stdout, /FAIL  2 of 4 expectations failed \(1 warning\)/);
    assert.match(
      fail.stdout,
      /✗ \S*failing\.yaml:3:5  "Sex" has no missing values\n    "Sex" has 9 missing values \(3\.73% of 241 rows\)\.\n    line \d+: Sex = \(missing\)/,
    );
    assert.match(
      fail.stdout,
      /! \S*failing\.yaml:6:5 \(warning\)  "Sex" values in \{"MALE", "FEMALE"\}\n.*\n    line 219: Sex = "\."/,
    );
    const lines = readFileSync(join(project, 'data/train.csv'), 'utf8').split('\n');
    for (const [, line] of fail.stdout.matchAll(/line (\d+): Sex = \(missing\)/g))
      assert.equal(lines[Number(line) - 1].split(',')[6], '', `line ${line}`);
    const warning = await cli(project, 'validate', 'data/train.csv', '-e', 'warning.yaml');
    assert.equal(warning.code, 0);
  });

  it("defaults to the project's expectations document", async () => {
    const missing = await cli(project, 'validate', 'data/train.csv');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /The expectations file \S*docs\/expectations\.yaml does not exist/);
    mkdirSync(join(project, 'docs'), { recursive: true });
    writeFileSync(join(project, 'docs/expectations.yaml'), FAILING);
    // From another folder, the project is found above the data file.
    const elsewhere = await cli(tmpdir(), 'validate', join(project, 'data/train.csv'));
    assert.equal(elsewhere.code, 1, elsewhere.stderr);
    assert.match(elsewhere.stdout, /docs\/expectations\.yaml:3:5/);
  });

  it('exit 2 on a usage or read error, with the reason', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mlcycle-no-project-'));
    try {
      writeFileSync(join(outside, 'data.csv'), 'a,b\n1,2\n');
      const noExpectations = await cli(outside, 'validate', 'data.csv');
      assert.equal(noExpectations.code, 2);
      assert.match(noExpectations.stderr, /Which expectations\? Give --expectations/);
      writeFileSync(join(outside, 'bad.yaml'), 'expectations:\n  - column: a\n    range: { min: 5, max: 1 }\n');
      const bad = await cli(outside, 'validate', 'data.csv', '-e', 'bad.yaml');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /bad\.yaml:3:5: min \(5\) is greater than max \(1\)/);
      writeFileSync(join(outside, 'ragged.csv'), 'a,b\n1,2\n3\n');
      const ragged = await cli(outside, 'validate', 'ragged.csv', '-e', 'bad.yaml');
      assert.equal(ragged.code, 2, 'the expectations are read first');
      const gone = await cli(outside, 'validate', 'nope.csv', '-e', join(project, 'passing.yaml'));
      assert.equal(gone.code, 2);
      assert.match(gone.stderr, /nope\.csv does not exist/);
      assert.equal((await cli(outside, 'validate')).code, 2);
      assert.equal((await cli(outside, 'validate', 'a.csv', 'b.csv')).code, 2);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('--json writes the same result the job returns', async () => {
    const out = join(project, 'result.json');
    const run = await cli(project, 'validate', 'data/train.csv', '-e', 'failing.yaml', '--json', out);
    assert.equal(run.code, 1);
    const written = JSON.parse(readFileSync(out, 'utf8')) as ValidationResult;
    const direct = await validate(
      { path: join(project, 'data/train.csv'), expectationsFile: join(project, 'failing.yaml') },
      { signal: new AbortController().signal, report: () => undefined },
    );
    const strip = (r: ValidationResult) => ({ ...r, elapsedMs: 0, path: '', expectationsFile: '' });
    assert.deepEqual(strip(written), strip(direct));
    const stdoutOnly = await cli(project, 'validate', 'data/train.csv', '-e', 'passing.yaml', '--json', '-');
    assert.equal((JSON.parse(stdoutOnly.stdout) as ValidationResult).outcome, 'pass');
  });

  it('the installed command exits with the same codes', () => {
    const bin = join(ROOT, 'bin', 'mlcycle.js');
    ensureCliBuilt();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, 'validate', ...args], { cwd: project, encoding: 'utf8' });
    const pass = run('data/train.csv', '-e', 'passing.yaml');
    assert.equal(pass.status, 0, pass.stderr);
    assert.match(pass.stdout, /^data\/train\.csv against passing\.yaml: /);
    const fail = run('data/train.csv');
    assert.equal(fail.status, 1, fail.stderr);
    assert.match(fail.stdout, /✗ docs\/expectations\.yaml:3:5 /);
    const gone = run('data/missing.csv', '-e', 'failing.yaml');
    assert.equal(gone.status, 2);
    assert.equal(
      gone.stderr,
      'mlcycle validate: data/missing.csv does not exist (or was removed while it was being read).\n',
    );
  });
});
