// One measured run in its own process, so its peak memory is its own: `bare <file> <cols>` or
// `profile <file> [target]`. Prints one JSON line: wall time of the work and peak RSS.
import { profileDataset } from '../src/core/profile/profileDataset';
import { runBareQueries } from './bareQueries';

async function main(): Promise<void> {
  const [mode, path, extra] = process.argv.slice(2);
  const started = performance.now();
  let detail: Record<string, unknown> = {};
  if (mode === 'bare') {
    await runBareQueries(path, extra ? extra.split(',') : []);
  } else {
    const profile = await profileDataset(
      { path, ...(extra ? { target: extra } : {}) },
      { signal: new AbortController().signal, report: () => undefined },
    );
    detail = {
      rows: profile.rows,
      columns: profile.columns.length,
      alerts: profile.alerts.length,
      duplicateRows: profile.duplicateRows,
      pearsonColumns: profile.correlations.pearson?.columns ?? [],
      pairwiseLimits: profile.pairwiseLimits ?? [],
    };
  }
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ mode, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, ...detail }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
