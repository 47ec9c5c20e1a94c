// Integration tests inside a real VS Code extension host, through the ecosystem's runner:
// @vscode/test-electron's runTests() with our stand-in as the "VS Code executable" (offline,
// it runs the suite in code-server's bundled VS Code opened in headless Chromium). Point
// MLCYCLE_VSCODE_EXECUTABLE at a desktop VS Code to run the same suite there instead.
//
//   npm run test:integration             build, copy examples/penguins to a temp folder, run
//   MLCYCLE_TEST_GREP=Harness npm run test:integration    run a subset
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { ensureCodeServer } from './code-server.mjs';
import { copyToTempWorkspace } from './vscode-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const vscodeExecutablePath = process.env.MLCYCLE_VSCODE_EXECUTABLE || join(root, 'scripts/vscode-stand-in.mjs');
if (!process.env.MLCYCLE_VSCODE_EXECUTABLE) await ensureCodeServer();

const workspace = copyToTempWorkspace(join(root, 'examples/penguins'), 'integration');
const logsDir = join(root, 'test-results/integration');
rmSync(logsDir, { recursive: true, force: true });

let exitCode = 0;
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist/test/integration/index.js'),
    launchArgs: [workspace.dir, '--disable-extensions'],
    extensionTestsEnv: {
      MLCYCLE_DIAGNOSTICS: '1', // the suite drives the extension's diagnostics job
      MLCYCLE_LOGS_DIR: logsDir,
    },
  });
} catch (error) {
  console.error(`[test-integration] ${error.message}`);
  exitCode = 1;
} finally {
  workspace.remove();
}
console.log(
  `[test-integration] ${exitCode === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(exitCode);
