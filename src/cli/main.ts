// The `mlcycle` executable (bin/mlcycle.js loads the bundle of this file). It runs the job
// functions in this process, no worker. SIGINT (Ctrl-C), SIGTERM (a CI runner or `kill`) and
// SIGHUP (the terminal closed) all do the same: say so, abort the job's signal so it stops at its
// next check and cleans up (temporary folders, an external trainer's whole process group), then
// exit 128 + the signal's number. A second signal exits at once (still killing trainers).
import { killLiveGroups } from '../core/model/train/externalTrainer';
import { EXIT, SIGNAL_EXIT } from './io';
import { runCli } from './run';

const controller = new AbortController();
let received: keyof typeof SIGNAL_EXIT | undefined;

for (const name of Object.keys(SIGNAL_EXIT) as Array<keyof typeof SIGNAL_EXIT>) {
  process.on(name, () => {
    if (received !== undefined) {
      killLiveGroups();
      process.exit(SIGNAL_EXIT[received]);
    }
    received = name;
    process.stderr.write(`\nmlcycle: ${name} received, stopping (send it again to stop at once)\n`);
    controller.abort(name);
  });
}

runCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() },
  controller.signal,
).then(
  (code) => {
    // A command that ends well on the signal (serve: a graceful stop) exits 0; any other, 128 + n.
    process.exitCode = received !== undefined && code !== EXIT.ok ? SIGNAL_EXIT[received] : code;
  },
  (error: unknown) => {
    process.stderr.write(`mlcycle: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = received !== undefined ? SIGNAL_EXIT[received] : EXIT.usage;
  },
);
