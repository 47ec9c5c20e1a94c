// `mlcycle tune --promote` end to end on vega-datasets' penguins (the sample project's own
// commented pipeline.yaml): the best trial's parameters are spliced into the spec (nothing
// else in the file changes), a normal run of that model follows whose CV value is the trial's
// to 1e-12, and the study's record names the trial and the run.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { appendFileSync } from 'node:fs';
import { deriveChecklist } from '../../../src/core/lifecycle/checklist';
import { collectProjectState } from '../../../src/core/lifecycle/projectState';
import { inputState } from '../../../src/core/records';
import { tempProject } from '../model/train/trainFixtures';
import { runMlcycle } from '../support/runCliInProcess';

const STUDY = `version: 1
spec: pipeline.yaml
objective: { metric: log_loss }
sampler: { kind: random, seed: 3 }
budget: { trials: 6 }
space:
  model: [logistic, knn]
  logistic:
    C: { low: 0.01, high: 100, log: true }
  knn:
    n_neighbors: { low: 3, high: 30 }
`;

type Trial = { number: number; state: string; params: Record<string, unknown>; values?: number[] };

describe('mlcycle tune --promote', () => {
  let project: ReturnType<typeof tempProject>;
  let studyId: string;
  let best: Trial;
  let original: string;
  before(async () => {
    project = tempProject('penguins');
    writeFileSync(join(project.root, 'tuning.yaml'), STUDY);
    original = readFileSync(join(project.root, 'pipeline.yaml'), 'utf8');
    const r = await runMlcycle(project.root, 'tune', 'tuning.yaml', '--json', 'study.json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(readFileSync(join(project.root, 'study.json'), 'utf8'));
    studyId = json.studyId;
    best = json.best;
  });
  after(() => project.dispose());

  const tuningItem = async () => {
    const phases = deriveChecklist(await collectProjectState(project.root));
    return phases.flatMap((p) => p.items).find((i) => i.id === 'model.tuning')!;
  };

  it('the sidebar item before promotion: not yet, and its action promotes this study', async () => {
    const item = await tuningItem();
    assert.equal(item.status, 'missing');
    assert.match(item.detail, /not promoted into a run yet/);
    assert.equal(item.action.command, 'mlcycle.promoteTrial');
    assert.deepEqual(item.action.args, [studyId]);
  });

  it('--dry-run says what would change and writes nothing', async () => {
    const r = await runMlcycle(project.root, 'tune', '--promote', studyId, '--dry-run');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`trial ${best.number} .*model ${best.params.model}`));
    assert.match(r.stdout, /Would write into pipeline\.yaml:\n {2}models\[/);
    assert.equal(readFileSync(join(project.root, 'pipeline.yaml'), 'utf8'), original);
  });

  it('writes the best trial into the spec, trains it, and the run reproduces the trial', async () => {
    const r = await runMlcycle(project.root, 'tune', '--promote', studyId, '--json', 'promoted.json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(readFileSync(join(project.root, 'promoted.json'), 'utf8'));
    assert.equal(out.trial, best.number);
    const model = String(best.params.model);
    const text = readFileSync(join(project.root, 'pipeline.yaml'), 'utf8');
    // Only the chosen model's params line changed: every other line (comments too) is as it was.
    const before = original.split('\n');
    const now = text.split('\n');
    assert.equal(now.length, before.length);
    const changed = now.map((l, i) => [l, before[i]]).filter(([a, b]) => a !== b);
    assert.equal(changed.length, 1, JSON.stringify(changed));
    const spec = parse(text);
    const entry = spec.models.find((m: { name: string }) => m.name === model);
    const [param] = Object.keys(best.params).filter((k) => k.startsWith(`${model}.`));
    assert.equal(entry.params[param.split('.')[1]], best.params[param]);
    // The run: the promoted model (and the baseline), its CV log loss the trial's value.
    const run = JSON.parse(readFileSync(join(project.root, '.mlcycle/runs', `${out.runId}.json`), 'utf8')).data;
    const trained = run.models.find((m: { name: string }) => m.name === model);
    assert.ok(Math.abs(trained.metrics.cv.log_loss.mean - best.values![0]) < 1e-12);
    assert.deepEqual(
      run.models.map((m: { name: string }) => m.name).filter((n: string) => n !== model),
      run.models.filter((m: { baseline: boolean }) => m.baseline).map((m: { name: string }) => m.name),
    );
    // The study's record: promoted, and fresh against the edited spec.
    const record = JSON.parse(readFileSync(join(project.root, '.mlcycle/studies', `${studyId}.json`), 'utf8'));
    assert.equal(record.data.promoted.trial, best.number);
    assert.equal(record.data.promoted.runId, out.runId);
    assert.match(record.summary, new RegExp(`Trial ${best.number} .* promoted into run ${out.runId}`));
    for (const input of record.inputs) assert.equal(await inputState(project.root, input), 'unchanged', input.path);
  });

  it('bad input: a trial the study lacks, an unknown study (exit 2, nothing written)', async () => {
    const text = readFileSync(join(project.root, 'pipeline.yaml'), 'utf8');
    const missing = await runMlcycle(project.root, 'tune', '--promote', studyId, '--trial', '99');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /has no trial 99/);
    const unknown = await runMlcycle(project.root, 'tune', '--promote', 'no-such-study');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /There is no study "no-such-study"/);
    assert.equal(readFileSync(join(project.root, 'pipeline.yaml'), 'utf8'), text);
  });

  it('the sidebar item passes from the promoted run, and goes stale when the data change', async () => {
    const item = await tuningItem();
    assert.equal(item.status, 'passing', item.detail);
    assert.match(item.detail, new RegExp(`Trial ${best.number} .* promoted`));
    appendFileSync(join(project.root, 'data/train.csv'), 'Adelie,Torgersen,39.1,18.7,181,3750,MALE\n');
    assert.equal((await tuningItem()).status, 'stale');
  });
});
