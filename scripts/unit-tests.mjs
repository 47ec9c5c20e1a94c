// Runs every test/unit/**/*.test.ts with node:test (through tsx). Node 20's --test does not
// expand globs itself, so the files are listed here. Extra arguments (file filters) narrow it.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function testsBelow(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return testsBelow(full);
    return name.endsWith('.test.ts') ? [relative(root, full)] : [];
  });
}

const files = testsBelow(join(root, 'test/unit'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('No unit test files matched.');
  process.exit(1);
}
// The model tests take their reference numbers from Debian's scikit-learn and pandas: say up
// front what is missing rather than letting those tests fail with "No module named 'numpy'".
const deps = spawnSync('bash', [join(root, 'scripts/system-deps.sh'), '--check'], { encoding: 'utf8' });
if (deps.status !== 0) {
  console.warn(
    `[unit] ${(deps.stdout + deps.stderr).trim()}\n` +
      '[unit] tests that compare with scikit-learn or pandas will fail: run `npm run system-deps` ' +
      '(`npm test` runs it first)',
  );
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
