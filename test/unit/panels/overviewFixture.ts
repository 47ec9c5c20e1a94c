// A realistic overview payload: the penguins project, with inspection facts computed here from
// the real penguins data shipped by vega-datasets (rows, columns, size and SHA-256 of the file).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { OverviewReport } from '../../../src/protocol/webview';

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// vega-datasets' "exports" hide data/, so the file is addressed inside node_modules directly.
export const PENGUINS_PATH = join(
  fileURLToPath(new URL('../../../', import.meta.url)),
  'node_modules/vega-datasets/data/penguins.json',
);

/** A detail that would run script if the report ever put text into the page as markup. */
export const HOSTILE_TEXT =
  '</script><script>window.__injected = 1</script><img src=x onerror="window.__injected = 2">';

export function penguinsFacts() {
  const bytes = readFileSync(PENGUINS_PATH);
  const rows = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>[];
  return {
    rows: rows.length,
    columns: Object.keys(rows[0]).length,
    sizeBytes: statSync(PENGUINS_PATH).size,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export function overviewFixture(): OverviewReport {
  const facts = penguinsFacts();
  return {
    kind: 'overview',
    generatedAt: '2025-11-26T09:30:00.000Z',
    project: { name: 'penguins', task: 'classification', target: 'Species', root: '/home/ana/projects/penguins' },
    datasets: [
      {
        role: 'train',
        path: 'data/penguins.json',
        exists: true,
        inspection: { ...facts, inspectedAt: '2025-11-26T09:12:44.000Z', stale: false },
      },
      { role: 'holdout', path: 'data/holdout.csv', exists: true },
      { role: 'current', path: 'data/current.csv', exists: false },
    ],
    phases: [
      {
        id: 'problem',
        title: 'Problem definition',
        items: [
          {
            id: 'problem.charter',
            title: 'Charter states the objective',
            status: 'passing',
            detail: 'docs/charter.yaml validates',
            command: 'mlcycle.openDocument',
            commandArgs: ['charter'],
          },
          { id: 'problem.metric', title: 'Success metric and threshold', status: 'passing', detail: 'macro F1 ≥ 0.90' },
          {
            id: 'problem.baseline',
            title: 'Baseline defined',
            status: 'missing',
            detail: 'No baseline in the charter',
            command: 'mlcycle.runItemAction',
            commandArgs: ['problem.baseline'],
          },
        ],
      },
      {
        id: 'data',
        title: 'Data collection and preparation',
        items: [
          {
            id: 'data.inspect',
            title: 'Datasets inspected',
            status: 'stale',
            detail: 'holdout changed since it was inspected',
            command: 'mlcycle.inspectDatasets',
          },
          {
            id: 'data.dictionary',
            title: 'Data dictionary',
            status: 'failing',
            detail: HOSTILE_TEXT,
            command: 'mlcycle.openDocument',
            commandArgs: ['dictionary'],
          },
          {
            id: 'data.privacy',
            title: 'Personal data reviewed',
            status: 'na',
            detail: 'No personal data (decision by ana, 2025-11-20)',
          },
        ],
      },
      {
        id: 'model',
        title: 'Model development and evaluation',
        items: [
          {
            id: 'model.run',
            title: 'A run beat its baseline',
            status: 'missing',
            detail: 'No runs yet',
            command: 'mlcycle.runItemAction',
            commandArgs: ['model.run'],
          },
          { id: 'model.card', title: 'Model card', status: 'missing', detail: 'docs/model-card.yaml does not exist' },
        ],
      },
      {
        id: 'deployment',
        title: 'Deployment',
        items: [
          { id: 'deployment.registry', title: 'Model registered', status: 'missing', detail: 'No registry record' },
        ],
      },
      {
        id: 'monitoring',
        title: 'Monitoring and maintenance',
        items: [
          {
            id: 'monitoring.drift',
            title: 'Drift checked on current data',
            status: 'failing',
            detail: 'data/current.csv is missing',
          },
          {
            id: 'monitoring.ci',
            title: 'Automated checks in CI',
            status: 'na',
            detail: 'Not applicable for this study',
          },
        ],
      },
    ],
  };
}
