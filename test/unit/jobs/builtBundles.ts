// Tests that run a real bundle (dist/worker.js, dist/cli.js) rebuild it first when a source it
// is made of is newer, so a test never exercises yesterday's build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
const SHARED_SOURCES = ['src/core', 'src/protocol', 'src/jobs'];

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    return Math.max(newest, mtime);
  }, 0);
}

/** Returns the absolute path of dist/<bundle>.js, running scripts/build.mjs if it is stale. */
function ensureBuilt(bundle: string, sourceDir: string): string {
  const path = join(ROOT, 'dist', `${bundle}.js`);
  const newest = Math.max(...[sourceDir, ...SHARED_SOURCES].map((dir) => newestMtime(join(ROOT, dir))));
  const fresh = () => existsSync(path) && statSync(path).mtimeMs >= newest;
  if (!fresh()) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (!fresh()) throw new Error(`Building dist/${bundle}.js failed:\n${build.stdout}\n${build.stderr}`);
  }
  return path;
}

export const ensureWorkerBuilt = () => ensureBuilt('worker', 'src/worker');
export const ensureCliBuilt = () => ensureBuilt('cli', 'src/cli');
export const ensureServerBuilt = () => ensureBuilt('server', 'src/server');
