// Prints when each stage of a profile starts (for tuning): node --import tsx bench/trace.ts <file> [target]
import { profileDataset } from '../src/core/profile/profileDataset';

const [path, target] = process.argv.slice(2);
const started = performance.now();
profileDataset(
  { path, ...(target ? { target } : {}) },
  {
    signal: new AbortController().signal,
    report: (p) =>
      process.stdout.write(`${String(Math.round(performance.now() - started)).padStart(6)} ms  ${p.message ?? ''}\n`),
  },
).then(
  (profile) =>
    process.stdout.write(`${Math.round(performance.now() - started)} ms total; ${profile.alerts.length} alerts\n`),
  (error: unknown) => process.stdout.write(`failed: ${String(error)}\n`),
);
