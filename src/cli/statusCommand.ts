// `mlcycle status`: the lifecycle checklist the sidebar shows, derived the same way (the core's
// collectProjectState + deriveChecklist) from the project's files: every item's phase, status
// and evidence, as text or JSON. `--fail-on failing,stale,missing` makes it a CI gate: exit 1
// when an item has one of those statuses (they are listed on stderr), else 0; 2 on bad usage.
import { resolve } from 'node:path';
import { deriveChecklist, statusCounts } from '../core/lifecycle/checklist';
import type { ItemStatus, PhaseView } from '../core/lifecycle/model';
import { collectProjectState } from '../core/lifecycle/projectState';
import { findProjectRoot } from '../core/project/projectFile';
import type { CliCommand } from './command';
import { EXIT, UsageError } from './io';
import { writeResult } from './jobOutput';

const GATE_STATUSES: readonly ItemStatus[] = ['failing', 'stale', 'missing'];
const STATUS_ORDER: readonly ItemStatus[] = ['passing', 'failing', 'stale', 'missing', 'na'];

export interface StatusJson {
  root: string;
  project?: string;
  counts: Record<ItemStatus, number>;
  phases: Array<{
    id: string;
    title: string;
    items: Array<{ id: string; title: string; status: ItemStatus; evidence: string; next: string }>;
  }>;
}

export function parseFailOn(text: string): ItemStatus[] {
  const wanted = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (wanted.length === 0) throw new UsageError(`--fail-on takes a comma list of ${GATE_STATUSES.join(', ')}.`);
  for (const status of wanted)
    if (!(GATE_STATUSES as readonly string[]).includes(status))
      throw new UsageError(`--fail-on: unknown status "${status}" (use ${GATE_STATUSES.join(', ')}).`);
  return [...new Set(wanted)] as ItemStatus[];
}

export function statusJson(root: string, project: string | undefined, phases: PhaseView[]): StatusJson {
  return {
    root,
    ...(project !== undefined ? { project } : {}),
    counts: statusCounts(phases.flatMap((p) => p.items)),
    phases: phases.map((phase) => ({
      id: phase.id,
      title: phase.title,
      items: phase.items.map((item) => ({
        id: item.id,
        title: item.title,
        status: item.status,
        evidence: item.detail,
        next: item.action.label,
      })),
    })),
  };
}

const countsLine = (counts: Record<ItemStatus, number>) =>
  STATUS_ORDER.map((s) => `${counts[s]} ${s === 'na' ? 'n/a' : s}`).join(', ');

/** Phase by phase, one line per item: status, id, title, then the evidence indented below. */
export function formatStatus(status: StatusJson): string {
  const lines = [`${status.project ? `${status.project}: ` : ''}${status.root}`, `  ${countsLine(status.counts)}`];
  const idWidth = Math.max(...status.phases.flatMap((p) => p.items.map((i) => i.id.length)));
  for (const phase of status.phases) {
    lines.push('', phase.title);
    for (const item of phase.items) {
      lines.push(
        `  ${(item.status === 'na' ? 'n/a' : item.status).padEnd(8)} ${item.id.padEnd(idWidth)}  ${item.title}`,
      );
      lines.push(`  ${' '.repeat(8)} ${' '.repeat(idWidth)}  ${item.evidence}`);
    }
  }
  return lines.join('\n') + '\n';
}

export const statusCommand: CliCommand = {
  name: 'status',
  summary:
    "The lifecycle checklist (as the sidebar shows it): each item's status and evidence; --fail-on for CI gates.",
  usage: 'mlcycle status [--root <dir>] [--json <out.json|->] [--fail-on failing,stale,missing]',
  options: {
    root: {
      type: 'string',
      description:
        'the project folder (default: the folder holding mlcycle.yaml at or above the working directory, else the working directory)',
    },
    json: { type: 'string', description: 'also write the checklist as JSON to this file ("-" for stdout only)' },
    'fail-on': {
      type: 'string',
      description: 'exit 1 when any item has one of these statuses (comma list of failing, stale, missing)',
    },
  },
  async run({ positionals, values, io }) {
    if (positionals.length > 0)
      throw new UsageError(`Unexpected argument "${positionals[0]}": give the project folder with --root <dir>.`);
    const failOn = typeof values['fail-on'] === 'string' ? parseFailOn(values['fail-on']) : [];
    const root =
      typeof values.root === 'string'
        ? resolve(io.cwd, values.root)
        : ((await findProjectRoot(io.cwd)) ?? resolve(io.cwd));
    const state = await collectProjectState(root);
    const status = statusJson(root, state.projectFile.project?.name, deriveChecklist(state));
    await writeResult(io, values.json, status, () => formatStatus(status));

    const offending = status.phases.flatMap((p) => p.items).filter((i) => failOn.includes(i.status));
    if (offending.length === 0) return EXIT.ok;
    const lines = failOn
      .map((s) => [s, offending.filter((i) => i.status === s)] as const)
      .filter(([, items]) => items.length > 0)
      .map(([s, items]) => `  ${s} (${items.length}): ${items.map((i) => i.id).join(', ')}`);
    io.stderr.write(
      `check failed: ${offending.length} item${offending.length === 1 ? '' : 's'} with --fail-on status:\n${lines.join('\n')}\n`,
    );
    return EXIT.checkFailed;
  },
};
