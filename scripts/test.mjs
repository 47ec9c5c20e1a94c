// `npm test`: every check, cheapest first, stopping at the first failure. Each stage is the
// package.json script of the same name, so running a stage alone gives the same result.
// The first stage installs (or, without root or sudo, names) the Debian packages the later
// stages need, as `npm start` does, so `npm test` on a fresh clone needs nothing run before it.
// Ends with one summary line: per-stage durations and the total.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stages = [
  ['system packages', 'system-deps'],
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['unit', 'test:unit'],
  ['integration', 'test:integration'],
  ['ui', 'test:ui'],
];

function runScript(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`[test] could not start npm run ${script}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const started = Date.now();
const timings = [];
let failedStage;

for (const [name, script] of stages) {
  console.log(`\n[test] ── ${name} (npm run ${script}) ──`);
  const stageStarted = Date.now();
  const code = await runScript(script);
  timings.push(`${name} ${seconds(Date.now() - stageStarted)}`);
  if (code !== 0) {
    failedStage = name;
    break;
  }
}

const verdict = failedStage ? `FAILED at ${failedStage}` : 'all passed';
console.log(`\n[test] ${verdict}: ${timings.join(' · ')} · total ${seconds(Date.now() - started)}`);
process.exit(failedStage ? 1 : 0);
