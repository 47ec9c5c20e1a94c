// Mocha bootstrap that VS Code loads inside the extension host (--extensionTestsPath points at
// the bundled dist/test/integration/index.js). It runs every *.test.js bundled next to it.
// Tests use mocha's TDD interface: suite / test / suiteSetup / setup / teardown.
//
// Env (reaches the extension host through the server's environment):
//   MLCYCLE_TEST_GREP   run only tests whose full title matches this regular expression
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

/** Every bundled test file below this folder, in a stable order. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * The workbench forwards extension-host console calls to the test log as `[format, ...args]`
 * joined with commas, without applying `%s`/`%d` (mocha's reporters rely on them). Formatting
 * here, where Node's `util.format` is at hand, keeps the log readable. Mocha's reporters keep
 * their own reference to console.log (Base.consoleLog), so that one is replaced too.
 */
function formatConsoleDuringRun(): () => void {
  const methods = ['log', 'info', 'warn', 'error'] as const;
  const originals = methods.map((name) => console[name]);
  const reporterLog = Mocha.reporters.Base.consoleLog;
  methods.forEach((name, i) => {
    console[name] = (...args: unknown[]) => originals[i].call(console, format(...args));
  });
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => originals[0].call(console, format(...args));
  return () => {
    methods.forEach((name, i) => (console[name] = originals[i]));
    Mocha.reporters.Base.consoleLog = reporterLog;
  };
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    // Jobs run real work in a worker process on a 2-core CI machine: be generous.
    timeout: 120_000,
    slow: 5_000,
  });
  if (process.env.MLCYCLE_TEST_GREP) mocha.grep(new RegExp(process.env.MLCYCLE_TEST_GREP));
  const files = testFiles(__dirname);
  if (files.length === 0) throw new Error(`no *.test.js files below ${__dirname}: run scripts/build.mjs first`);
  files.forEach((file) => mocha.addFile(file));

  const restoreConsole = formatConsoleDuringRun();
  try {
    const failures = await new Promise<number>((resolve, reject) => {
      try {
        mocha.run(resolve);
      } catch (error) {
        reject(error);
      }
    });
    if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
  } finally {
    restoreConsole();
  }
}
