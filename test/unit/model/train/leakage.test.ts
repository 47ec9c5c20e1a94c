// Target leakage at training time: the profile's association rule on the training rows, checked
// against numpy/scipy (Pearson, Cramér's V, the correlation ratio η), and end to end: penguins with
// a copy of the target warns (progress, record, CLI text), the plain penguins run does not.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tokenizeCsv } from '../../../../src/core/data/csvTokenizer';
import type { Frame } from '../../../../src/core/model/frame';
import type { Target } from '../../../../src/core/model/matrix';
import { findLeakage, targetAssociation } from '../../../../src/core/model/train/leakage';
import { train } from '../../../../src/core/model/train/train';
import type { TrainResult } from '../../../../src/core/model/train/trainTypes';
import { formatTrainReport } from '../../../../src/cli/modelOutput';
import { readRecords } from '../../../../src/core/records';
import { sklearn } from '../sklearnReference';
import { EXAMPLES, PENGUINS_SPEC, tempProject, testContext } from './trainFixtures';

function penguins(): { header: string[]; rows: string[][] } {
  const [header, ...rows] = tokenizeCsv(readFileSync(join(EXAMPLES, 'penguins/data/train.csv'), 'utf8'))
    .map((r) => r.fields)
    .filter((r) => r.length > 1);
  return { header, rows };
}

/** Penguins as a frame: measurements numeric, Island/Sex categorical, species the target. */
function penguinFrame(): { frame: Frame; target: Target & { task: 'classification' }; species: string[] } {
  const { header, rows } = penguins();
  const at = (name: string) => header.indexOf(name);
  const species = rows.map((r) => r[at('Species')]);
  const classes = [...new Set(species)].sort();
  const num = (name: string) =>
    Float64Array.from(rows, (r) => (r[at(name)] === '' || r[at(name)] === 'NA' ? NaN : Number(r[at(name)])));
  const text = (name: string) => rows.map((r) => (r[at(name)] === '' || r[at(name)] === 'NA' ? null : r[at(name)]));
  return {
    frame: {
      rows: rows.length,
      columns: [
        { name: 'Island', type: 'categorical', values: text('Island') },
        { name: 'Sex', type: 'categorical', values: text('Sex') },
        { name: 'Flipper Length (mm)', type: 'numeric', values: num('Flipper Length (mm)') },
        { name: 'Body Mass (g)', type: 'numeric', values: num('Body Mass (g)') },
      ],
    },
    target: { task: 'classification', classes, y: Int32Array.from(species, (s) => classes.indexOf(s)) },
    species,
  };
}

describe('leakage rule (against numpy / scipy)', () => {
  it("gives scipy's Cramér's V and numpy's correlation ratio for every penguin feature", () => {
    const { frame, target, species } = penguinFrame();
    const ours = Object.fromEntries(frame.columns.map((c) => [c.name, targetAssociation(c, target)]));
    const reference = sklearn<Record<string, number>>(
      `
import pandas as pd
from scipy.stats.contingency import association
df = pd.DataFrame(data['columns'])
df['target'] = data['species']
result = {}
for name in ['Island', 'Sex']:
    t = pd.crosstab(df[name], df['target'])
    result[name] = association(t.values.astype(int), method='cramer', correction=False)
for name in ['Flipper Length (mm)', 'Body Mass (g)']:
    d = df[[name, 'target']].dropna()
    groups = d.groupby('target')[name]
    between = (groups.count() * (groups.mean() - d[name].mean()) ** 2).sum()
    total = ((d[name] - d[name].mean()) ** 2).sum()
    result[name] = float(np.sqrt(between / total))
`,
      {
        columns: Object.fromEntries(
          frame.columns.map((c) => [
            c.name,
            Array.from(c.values as ArrayLike<number | string | null>, (v) =>
              typeof v === 'number' && Number.isNaN(v) ? null : v,
            ),
          ]),
        ),
        species,
      },
    );
    assert.equal(ours.Island?.method, 'cramers_v');
    assert.equal(ours['Body Mass (g)']?.method, 'correlation_ratio');
    for (const [name, value] of Object.entries(reference))
      assert.ok(Math.abs(ours[name]!.value - value) < 1e-12, `${name}: ${ours[name]!.value} vs ${value}`);
    // None of them passes the 0.95 threshold: ordinary penguin data does not leak.
    assert.deepEqual(findLeakage(frame, target), []);
  });

  it('finds a copy of the target and a near copy (noisy numbers), with numpy Pearson for a regression', () => {
    const { frame, target, species } = penguinFrame();
    const copy: Frame = {
      ...frame,
      columns: [...frame.columns, { name: 'Species again', type: 'categorical', values: [...species] }],
    };
    const [leak] = findLeakage(copy, target);
    assert.deepEqual([leak.feature, leak.method], ['Species again', 'cramers_v']);
    assert.ok(Math.abs(leak.value - 1) < 1e-12, String(leak.value));

    // Regression: body mass from a "scale reading" that is the mass plus a little noise.
    const mass = frame.columns[3].values as Float64Array;
    const keep = Array.from(mass.keys()).filter((i) => Number.isFinite(mass[i]));
    const y = Float64Array.from(keep, (i) => mass[i]);
    const noisy = Float64Array.from(keep, (i, k) => mass[i] + ((k * 7919) % 101) - 50);
    const flipper = Float64Array.from(keep, (i) => (frame.columns[2].values as Float64Array)[i]);
    const regression: Frame = {
      rows: keep.length,
      columns: [
        { name: 'scale reading', type: 'numeric', values: noisy },
        { name: 'Flipper Length (mm)', type: 'numeric', values: flipper },
      ],
    };
    const found = findLeakage(regression, { task: 'regression', y });
    const r = sklearn<number[]>(
      'result = [float(np.corrcoef(data["x"], data["y"])[0, 1]), float(np.corrcoef(data["f"], data["y"])[0, 1])]',
      {
        x: Array.from(noisy),
        f: Array.from(flipper),
        y: Array.from(y),
      },
    );
    assert.ok(r[0] > 0.95 && r[1] < 0.95, `reference: ${r}`);
    assert.equal(found.length, 1);
    assert.equal(found[0].feature, 'scale reading');
    assert.ok(Math.abs(found[0].value - r[0]) < 1e-12);
    // The project's own threshold replaces the default, and dropped columns are not judged.
    assert.equal(findLeakage(regression, { task: 'regression', y }, { threshold: r[0] }).length, 0);
    assert.equal(findLeakage(regression, { task: 'regression', y }, { skip: ['scale reading'] }).length, 0);
  });
});

describe('train warns of a feature that copies the target', () => {
  let leaky: ReturnType<typeof tempProject>;
  let plain: ReturnType<typeof tempProject>;
  let leakyRun: TrainResult;
  let plainRun: TrainResult;
  let ctx: ReturnType<typeof testContext>;
  before(async () => {
    leaky = tempProject('penguins', PENGUINS_SPEC);
    for (const file of ['train.csv', 'holdout.csv']) {
      const path = join(leaky.root, 'data', file);
      const lines = readFileSync(path, 'utf8').split('\n');
      writeFileSync(
        path,
        lines
          .map((line, i) => (line === '' ? line : `${line},${i === 0 ? 'Species code' : line.split(',')[0]}`))
          .join('\n'),
      );
    }
    ctx = testContext();
    leakyRun = await train({ root: leaky.root, runId: 'leaky' }, ctx);
    plain = tempProject('penguins', PENGUINS_SPEC);
    plainRun = await train({ root: plain.root, runId: 'plain' }, testContext());
  });
  after(() => {
    leaky.dispose();
    plain.dispose();
  });

  it('reports it during the run, records it in the run and prints it', async () => {
    const warning = leakyRun.run.warnings?.find((w) => w.startsWith('Possible target leakage'));
    assert.ok(warning, `warnings: ${JSON.stringify(leakyRun.run.warnings)}`);
    assert.match(
      warning,
      /"Species code" alone predicts the target "Species" almost perfectly \(Cramér's V 1 on \d+ training rows, threshold 0\.95\)/,
    );
    assert.ok(ctx.progress.some((p) => p.message === `Warning: ${warning}`));
    const {
      records: [record],
    } = await readRecords(leaky.root, 'run');
    assert.ok((record.data as { warnings?: string[] }).warnings?.includes(warning));
    assert.ok(formatTrainReport(leakyRun).includes(`warning: ${warning}`));
    // And it does score perfectly: the warning is about a real problem.
    const best = leakyRun.run.models.find((m) => m.name === leakyRun.run.bestModel)!;
    assert.equal(best.metrics.holdout!.balanced_accuracy, 1);
  });

  it('says nothing of leakage on the plain penguins data', () => {
    assert.ok(!(plainRun.run.warnings ?? []).some((w) => /leakage/i.test(w)), JSON.stringify(plainRun.run.warnings));
  });
});
