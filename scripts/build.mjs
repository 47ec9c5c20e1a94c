// One build script for every bundle: extension host, worker, CLI, webviews and the
// integration-test suite. `--watch` rebuilds on change, `--production` minifies.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Every .ts file below a folder (for the test suites). */
function tsFilesBelow(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return tsFilesBelow(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', '@duckdb/node-api'],
};

const configs = [
  { ...nodeCommon, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { worker: 'src/worker/main.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist' },
  // The language server of the lifecycle documents (started by the extension over IPC, or with --stdio).
  { ...nodeCommon, entryPoints: { server: 'src/server/main.ts' }, outdir: 'dist' },
  // A random forest's worker threads (started by dist/worker.js and dist/cli.js, found next to them).
  { ...nodeCommon, entryPoints: { treeThread: 'src/core/model/models/trees/treeThread.ts' }, outdir: 'dist' },
  // Explanation threads (path-dependent TreeSHAP on the other cores), found next to dist/worker.js and dist/cli.js.
  { ...nodeCommon, entryPoints: { explainThread: 'src/core/explain/explainThread.ts' }, outdir: 'dist' },
  // Gradient boosting's histogram thread (started by dist/worker.js and dist/cli.js, found next to them).
  {
    ...nodeCommon,
    entryPoints: { boostingThread: 'src/core/model/models/boosting/histogramThread.ts' },
    outdir: 'dist',
  },
  // A tuning study's trial threads (parallel: N; started by dist/worker.js and dist/cli.js, found next to them).
  { ...nodeCommon, entryPoints: { trialThread: 'src/core/tuning/threads/trialThread.ts' }, outdir: 'dist' },
  // The study view's feed thread (started by dist/extension.js, found next to it).
  { ...nodeCommon, entryPoints: { studyFeedThread: 'src/core/tuning/studyFeedThread.ts' }, outdir: 'dist' },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: Object.fromEntries(
      (existsSync(join(root, 'webview')) ? readdirSync(join(root, 'webview')) : [])
        .filter((name) => name !== 'shared' && existsSync(join(root, 'webview', name, 'main.ts')))
        .map((name) => [name, `webview/${name}/main.ts`]),
    ),
    outdir: 'dist/webview',
  },
  {
    ...nodeCommon,
    // The integration suite runs inside the VS Code extension host; mocha is resolved at run time.
    external: ['vscode', 'mocha', '@duckdb/node-api'],
    entryPoints: tsFilesBelow(join(root, 'test/integration')).map((f) => relative(root, f)),
    outbase: 'test/integration',
    outdir: 'dist/test/integration',
  },
].filter((c) => {
  const entries = Array.isArray(c.entryPoints) ? c.entryPoints : Object.values(c.entryPoints);
  return entries.length > 0 && entries.every((e) => existsSync(join(root, e)));
});

/**
 * Plotly ships as one prebuilt browser file; the webviews load it as a separate script.
 * Minified once (10 MB to 4.8 MB, about 2 s) and reused until the package changes.
 */
async function copyStatic() {
  const source = join(root, 'node_modules/plotly.js-dist/plotly.js');
  const target = join(root, 'dist/webview/plotly.js');
  mkdirSync(join(root, 'dist/webview'), { recursive: true });
  if (
    existsSync(target) &&
    statSync(target).mtimeMs >= statSync(source).mtimeMs &&
    statSync(target).size < statSync(source).size
  )
    return;
  const { code } = await esbuild.transform(readFileSync(source, 'utf8'), { minify: true, legalComments: 'none' });
  writeFileSync(target, code);
}

const started = Date.now();
await copyStatic();
if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
  console.log('[build] watching for changes');
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
  console.log(`[build] ${configs.length} bundles in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
