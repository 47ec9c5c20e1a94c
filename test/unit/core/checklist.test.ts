import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { appendDecision } from '../../../src/core/decisions';
import { deriveChecklist, LIFECYCLE_ITEMS } from '../../../src/core/lifecycle/checklist';
import { PHASES, type ItemView } from '../../../src/core/lifecycle/model';
import { collectProjectState } from '../../../src/core/lifecycle/projectState';
import { fingerprint, writeRecord } from '../../../src/core/records';

function copyExample(name = 'penguins'): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-checklist-'));
  cpSync(join(__dirname, '../../../examples', name), dir, { recursive: true });
  return dir;
}

async function items(root: string, now?: number): Promise<Map<string, ItemView>> {
  const phases = deriveChecklist(await collectProjectState(root, now));
  return new Map(phases.flatMap((p) => p.items).map((i) => [i.id, i]));
}

const status = (map: Map<string, ItemView>, id: string) => map.get(id)?.status;

test('five phases, in the order of the lifecycle, each with items and unique ids', () => {
  assert.deepEqual(
    PHASES.map((p) => p.title),
    [
      'Problem definition',
      'Data collection and preparation',
      'Model development and evaluation',
      'Deployment',
      'Monitoring and maintenance',
    ],
  );
  for (const phase of PHASES) assert.ok(LIFECYCLE_ITEMS.filter((i) => i.phase === phase.id).length >= 5, phase.id);
  assert.equal(new Set(LIFECYCLE_ITEMS.map((i) => i.id)).size, LIFECYCLE_ITEMS.length);
});

test('the penguins example: charter items from the charter, data items from the files', async () => {
  const map = await items(copyExample());
  assert.equal(status(map, 'problem.charter'), 'passing');
  assert.equal(status(map, 'problem.task'), 'passing');
  assert.equal(status(map, 'problem.kpis'), 'passing');
  assert.match(map.get('problem.kpis')!.detail, /balanced_accuracy ≥ 0.95/);
  assert.equal(status(map, 'problem.feasibility.data'), 'passing');
  assert.equal(status(map, 'problem.feasibility.value'), 'missing', 'answered "unsure"');
  assert.equal(status(map, 'data.sources'), 'passing');
  assert.equal(status(map, 'data.versioned'), 'missing');
  assert.equal(status(map, 'data.dictionary'), 'missing');
  assert.equal(status(map, 'model.baseline'), 'missing');
  assert.equal(status(map, 'deployment.architecture'), 'missing');
  assert.equal(status(map, 'monitoring.thresholds'), 'passing');
});

test('an inspection record makes data fresh; changing the data makes it stale', async () => {
  const root = copyExample();
  for (const role of ['train', 'holdout', 'current']) {
    const input = await fingerprint(root, join(root, `data/${role}.csv`));
    await writeRecord(root, {
      schemaVersion: 1,
      kind: 'inspection',
      name: role,
      createdAt: new Date().toISOString(),
      inputs: [input],
      outcome: 'pass',
      data: { rows: 10, columns: ['Species'] },
    });
  }
  assert.equal(status(await items(root), 'data.versioned'), 'passing');

  // Touched but identical content: still fresh (the hash decides).
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(root, 'data/train.csv'), later, later);
  assert.equal(status(await items(root), 'data.versioned'), 'passing');

  appendFileSync(join(root, 'data/train.csv'), 'Adelie,Dream,40,18,190,3800,MALE\n');
  const after = await items(root);
  assert.equal(status(after, 'data.versioned'), 'stale');
  assert.match(after.get('data.versioned')!.detail, /train: .*changed since/);

  rmSync(join(root, 'data/holdout.csv'));
  assert.equal(status(await items(root), 'data.sources'), 'failing');
});

test('a training run decides baseline, comparison and KPI items', async () => {
  const root = copyExample();
  const input = await fingerprint(root, join(root, 'data/train.csv'));
  const run = (bestAccuracy: number) => ({
    schemaVersion: 1 as const,
    kind: 'run' as const,
    name: 'run-1',
    createdAt: new Date().toISOString(),
    inputs: [input],
    data: {
      primaryMetric: 'balanced_accuracy',
      models: [
        { name: 'majority', kind: 'dummy', baseline: true, metrics: { holdout: { balanced_accuracy: 0.333 } } },
        {
          name: 'logistic',
          kind: 'logistic',
          baseline: false,
          metrics: {
            cv: { balanced_accuracy: { mean: bestAccuracy, std: 0.01 } },
            holdout: { balanced_accuracy: bestAccuracy },
          },
        },
      ],
      featureRationale: [{ feature: 'Island', kept: false, why: 'sampling artefact' }],
    },
  });
  await writeRecord(root, run(0.97));
  let map = await items(root);
  assert.equal(status(map, 'model.baseline'), 'passing');
  assert.equal(status(map, 'model.beatsBaseline'), 'passing');
  assert.equal(status(map, 'model.kpis'), 'passing', map.get('model.kpis')!.detail);
  assert.equal(status(map, 'model.featureSelection'), 'passing');
  assert.equal(status(map, 'model.errorAnalysis'), 'missing');

  await writeRecord(root, run(0.9));
  map = await items(root);
  assert.equal(status(map, 'model.kpis'), 'failing', 'below the charter threshold of 0.95');

  await writeRecord(root, run(0.2));
  map = await items(root);
  assert.equal(status(map, 'model.beatsBaseline'), 'failing');
  assert.match(map.get('model.beatsBaseline')!.detail, /does not beat the baseline/);
});

test('decisions confirm what no file proves, and mark items not applicable', async () => {
  const root = copyExample();
  const path = join(root, 'docs/decisions.yaml');
  await appendDecision(path, {
    item: 'deployment.architecture',
    decision: 'confirmed',
    by: 'Ana',
    at: new Date().toISOString(),
    note: 'Offline batch on the field tablets',
  });
  await appendDecision(path, {
    item: 'deployment.load',
    decision: 'not-applicable',
    by: 'Ana',
    at: new Date().toISOString(),
    note: 'Runs on one tablet',
  });
  await appendDecision(path, {
    item: 'data.eda',
    decision: 'confirmed',
    by: 'Ana',
    at: new Date().toISOString(),
    note: 'looked at it',
  });
  const map = await items(root);
  assert.equal(status(map, 'deployment.architecture'), 'passing');
  assert.match(map.get('deployment.architecture')!.detail, /Confirmed \(Ana, .*Offline batch/);
  assert.equal(status(map, 'deployment.load'), 'na');
  assert.equal(status(map, 'data.eda'), 'missing', 'a confirmation does not replace evidence a file can give');
});

test('the review cadence goes stale when the last review is older than the cadence', async () => {
  const root = copyExample();
  const path = join(root, 'docs/decisions.yaml');
  await appendDecision(path, {
    item: 'monitoring.review',
    decision: 'confirmed',
    by: 'Ana',
    at: '2026-01-01T00:00:00Z',
    note: 'Q1 review',
  });
  assert.equal(status(await items(root, Date.parse('2026-02-01T00:00:00Z')), 'monitoring.review'), 'passing');
  assert.equal(status(await items(root, Date.parse('2026-06-01T00:00:00Z')), 'monitoring.review'), 'stale');
});

test('an invalid project file fails the task item and leaves the rest missing', async () => {
  const root = copyExample();
  writeFileSync(join(root, 'mlcycle.yaml'), 'version: 1\nname: x\ntask: clustering\n');
  const map = await items(root);
  assert.equal(status(map, 'problem.task'), 'failing');
  assert.match(map.get('problem.task')!.detail, /mlcycle.yaml:3:7/);
  assert.equal(status(map, 'data.sources'), 'missing');
});

test('an unreadable record is reported, not thrown', async () => {
  const root = copyExample();
  await writeRecord(root, {
    schemaVersion: 1,
    kind: 'profile',
    name: 'train',
    createdAt: new Date().toISOString(),
    inputs: [],
    data: {},
  });
  writeFileSync(join(root, '.mlcycle/profiles/train.json'), '{ not json');
  const state = await collectProjectState(root);
  assert.deepEqual(state.unreadableRecords, ['.mlcycle/profiles/train.json']);
});
