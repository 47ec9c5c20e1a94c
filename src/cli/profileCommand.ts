// `mlcycle profile <file>`: the profile job from the command line — a human summary (rows,
// columns with their types, alerts) or the whole profile as JSON for scripts. Alert thresholds
// come from the project file (profile.thresholds) when the data file sits in a project: a YAML
// syntax error there stops the profile, any other problem is a warning (stderr and `warnings`).
// Exit 0 when profiled, 2 on a usage or read error.
import { dirname } from 'node:path';
import { formatBytes } from '../core/data/byteSize';
import { findProjectRoot } from '../core/project/projectFile';
import { markersForFile } from '../core/project/missingValues';
import { readProfileSettings, type ProfileProjectSettings } from '../core/project/profileSettings';
import { describeLimit } from '../core/profile/pairwiseLimits';
import { profile } from '../core/profile/profileDataset';
import { describeMarkerCounts } from '../core/profile/markerCounts';
import { profileSummary } from '../core/profile/profileRecord';
import type { DatasetProfile, ProfileParams } from '../core/profile/profileTypes';
import type { CliCommand } from './command';
import { EXIT, UsageError } from './io';
import { oneDataFile, rootOption, runWithProgressLine, writeResult } from './jobOutput';
import { MISSING_VALUES_OPTION, missingValuesOption } from './missingValuesOption';

/** "random:1000" → { mode, rows }. */
export function parseSample(text: string, seed: number | undefined): NonNullable<ProfileParams['sampling']> {
  const match = /^(first|random|stratified):(\d+)$/.exec(text);
  if (!match) throw new UsageError(`--sample takes first:<n>, random:<n> or stratified:<n> (got "${text}").`);
  const rows = Number(match[2]);
  if (rows < 1) throw new UsageError('--sample needs at least 1 row.');
  return { mode: match[1] as 'first' | 'random' | 'stratified', rows, ...(seed !== undefined ? { seed } : {}) };
}

async function projectSettings(dataFile: string, cwd: string): Promise<ProfileProjectSettings | undefined> {
  const root = await findProjectRoot(dirname(dataFile));
  return root ? readProfileSettings(root, cwd) : undefined;
}

const percent = (value: number) => `${Number(value.toFixed(2))}%`;

function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Math.abs(value) >= 1e6 || (Math.abs(value) < 1e-3 && value !== 0)
    ? value.toExponential(3)
    : String(Number(value.toPrecision(6)));
}

/** The human-readable summary: shape, one line per column, then the alerts. */
export function formatProfileReport(p: DatasetProfile, shownPath: string): string {
  const lines = [`${shownPath}: ${profileSummary(p)}`];
  lines.push(
    `  format ${p.source.format}${p.source.delimiter ? `, delimiter ${p.source.delimiter === '\t' ? 'tab' : JSON.stringify(p.source.delimiter)}` : ''}${p.source.decimalSeparator === ',' ? ', decimal comma' : ''}, ${formatBytes(p.source.sizeBytes)}, sha256 ${p.source.sha256.slice(0, 12)}…`,
  );
  lines.push(
    `  duplicate rows ${p.duplicateRows.toLocaleString('en-US')} (${percent(p.duplicatePercent)}), rows with missing values ${p.missing.rowsWithMissing.toLocaleString('en-US')}, profiled in ${p.elapsedMs} ms`,
  );
  const width = Math.min(28, Math.max(...p.columns.map((c) => c.name.length), 6));
  lines.push(
    '',
    `  ${'column'.padEnd(width)}  ${'type'.padEnd(11)} ${'missing'.padStart(8)} ${'distinct'.padStart(9)}  summary`,
  );
  for (const c of p.columns) {
    const name = c.name.length > width ? `${c.name.slice(0, width - 1)}…` : c.name;
    const summary =
      c.numeric && c.type === 'numeric'
        ? `mean ${fmt(c.numeric.mean)}, std ${fmt(c.numeric.std)}, min ${fmt(c.numeric.min)}, median ${fmt(c.numeric.quantiles.p50)}, max ${fmt(c.numeric.max)}`
        : c.datetime
          ? `${c.datetime.min} … ${c.datetime.max}`
          : c.text
            ? `top: ${c.text.top
                .slice(0, 3)
                .map((t) => `${t.value} (${t.count})`)
                .join(', ')}`
            : c.evidence.reason;
    lines.push(
      `  ${name.padEnd(width)}  ${c.type.padEnd(11)} ${percent(c.missingPercent).padStart(8)} ${c.distinct.toLocaleString('en-US').padStart(9)}  ${summary}`,
    );
  }
  const marked = p.columns.filter((c) => c.missingMarkers && c.missingMarkers.length > 0);
  if (marked.length > 0) {
    lines.push(
      '',
      `  read as missing (${p.missingValues ? `markers: ${p.missingValues.join(' ') || 'empty cells only'}` : 'every row'}):`,
    );
    for (const c of marked) lines.push(`    ${c.name}: ${describeMarkerCounts(c.missingMarkers!)}`);
  }
  if (p.target) {
    const strongest = p.target.associations
      .slice(0, 3)
      .map((a) => `${a.column} ${fmt(a.value)}`)
      .join(', ');
    lines.push(
      '',
      `  target ${p.target.column} (${p.target.task})${p.target.imbalance !== undefined ? `, imbalance ${fmt(p.target.imbalance)}` : ''}; strongest associations: ${strongest || 'none'}`,
    );
  }
  if (p.pairwiseLimits && p.pairwiseLimits.length > 0) {
    lines.push('', '  pairwise matrices capped (wide file):');
    for (const limit of p.pairwiseLimits) lines.push(`    ${describeLimit(limit)}`);
  }
  lines.push('', p.alerts.length === 0 ? '  no alerts' : `  alerts (${p.alerts.length}):`);
  for (const alert of p.alerts) lines.push(`    [${alert.type}] ${alert.message}`);
  return lines.join('\n') + '\n';
}

export const profileCommand: CliCommand = {
  name: 'profile',
  summary: 'Profile a dataset: types, statistics, missing values, correlations, target analysis, alerts.',
  usage:
    'mlcycle profile <file> [--json <out.json|->] [--target <col>] [--task classification|regression] [--sample first|random|stratified:<n>] [--seed <n>] [--missing-values <a,b,...>] [--root <dir>]',
  options: {
    json: { type: 'string', description: 'also write the profile as JSON to this file ("-" for stdout only)' },
    target: { type: 'string', description: 'the target column, for target analysis and the leakage alert' },
    task: { type: 'string', description: "classification or regression (default: from the target's type)" },
    sample: {
      type: 'string',
      description: 'profile a sample: first:<n>, random:<n> or stratified:<n> (default: every row)',
    },
    seed: { type: 'string', description: 'seed of a random or stratified sample (default 0)' },
    'missing-values': MISSING_VALUES_OPTION,
    root: { type: 'string', description: 'refuse a file outside this folder (the workspace root)' },
  },
  async run({ positionals, values, io, signal }) {
    const path = oneDataFile(positionals, io, 'profile');
    const root = rootOption(values, io);
    const task = values.task;
    if (task !== undefined && task !== 'classification' && task !== 'regression')
      throw new UsageError(`--task is classification or regression (got "${String(task)}").`);
    if (task !== undefined && values.target === undefined) throw new UsageError('--task needs --target.');
    let seed: number | undefined;
    if (values.seed !== undefined) {
      seed = Number(values.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed takes a whole number (got "${String(values.seed)}").`);
    }
    const params: ProfileParams = { path };
    if (root !== undefined) params.root = root;
    if (typeof values.target === 'string') params.target = values.target;
    if (task !== undefined) params.task = task;
    if (typeof values.sample === 'string') params.sampling = parseSample(values.sample, seed);
    else if (seed !== undefined) throw new UsageError('--seed needs --sample random:<n> or stratified:<n>.');
    params.missingValues = await markersForFile(path, missingValuesOption(values));
    const settings = await projectSettings(path, io.cwd);
    if (settings?.thresholds) params.thresholds = settings.thresholds;
    for (const w of settings?.warnings ?? []) io.stderr.write(`warning: ${w.message}\n`);

    const result: DatasetProfile = await runWithProgressLine(io, 'profile', signal, (ctx) => profile(params, ctx));
    if (settings && settings.warnings.length > 0) result.warnings = [...settings.warnings, ...(result.warnings ?? [])];
    await writeResult(io, values.json, result, () => formatProfileReport(result, positionals[0]), [path]);
    return EXIT.ok;
  },
};
