// Holdout and cross-validation splits: partitions (every row tested once), stratification
// proportions, whole groups, time order, determinism under a seed, and the clear errors and
// warnings for splits that cannot work.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Frame } from '../../../src/core/model/frame';
import type { Target } from '../../../src/core/model/matrix';
import type { SplitSpec } from '../../../src/core/model/specTypes';
import { cvFolds, holdoutSplit, type Fold } from '../../../src/core/model/split';
import { JobError } from '../../../src/protocol/jobError';
import { seededRandom } from '../seededRandom';

const base: SplitSpec = { holdoutFraction: 0.2, kind: 'kfold', folds: 5, shuffle: true, seed: 42 };

/** 200 rows: classes 60/30/10 %, 23 groups of uneven size, a shuffled time column. */
function data(n = 200): { frame: Frame; target: Target } {
  const random = seededRandom(9);
  const y = Int32Array.from({ length: n }, () => {
    const u = random();
    return u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
  });
  const group = Array.from({ length: n }, (_, i) => `g${Math.floor(Math.sqrt(i * 2.6))}`);
  const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + ((i * 7919) % n) * 86_400_000);
  return {
    frame: {
      rows: n,
      columns: [
        { name: 'group', type: 'categorical', values: group },
        { name: 'time', type: 'numeric', values: time },
      ],
      lineNumbers: Int32Array.from({ length: n }, (_, i) => i + 2),
    },
    target: { task: 'classification', classes: ['a', 'b', 'c'], y },
  };
}

function assertPartition(folds: Fold[], n: number): void {
  const tested = new Int32Array(n);
  for (const { train, test } of folds) {
    assert.equal(train.length + test.length, n);
    const inTrain = new Set(train);
    for (const i of test) {
      assert.ok(!inTrain.has(i));
      tested[i]++;
    }
  }
  assert.ok(
    tested.every((c) => c === 1),
    'every row is tested exactly once',
  );
}

function classShare(y: Int32Array, rows: ArrayLike<number>, k: number): number {
  let c = 0;
  for (let i = 0; i < rows.length; i++) if (y[rows[i]] === k) c++;
  return c / rows.length;
}

describe('holdoutSplit', () => {
  const { frame, target } = data();
  const y = (target as { y: Int32Array }).y;

  it('random: ceil(fraction × rows), disjoint, ascending, deterministic', () => {
    const a = holdoutSplit(frame, target, base);
    assert.equal(a.holdout.length, 40);
    assert.equal(a.train.length, 160);
    assert.ok(!a.holdout.some((i) => a.train.includes(i)));
    assert.deepEqual(a, holdoutSplit(frame, target, base));
    assert.notDeepEqual(a.holdout, holdoutSplit(frame, target, { ...base, seed: 1 }).holdout);
    assert.deepEqual(
      Array.from(holdoutSplit(frame, target, { ...base, shuffle: false }).holdout),
      Array.from({ length: 40 }, (_, i) => 160 + i),
    );
    assert.equal(holdoutSplit(frame, target, { ...base, holdoutFraction: 0 }).holdout.length, 0);
  });

  it('stratified: each class keeps its share', () => {
    const s = holdoutSplit(frame, target, { ...base, kind: 'stratified' });
    assert.equal(s.holdout.length, 40);
    for (let k = 0; k < 3; k++)
      assert.ok(
        Math.abs(
          classShare(y, s.holdout, k) -
            classShare(
              y,
              Array.from({ length: 200 }, (_, i) => i),
              k,
            ),
        ) <=
          1 / 40 + 1e-9,
      );
  });

  it('group: whole groups; time: the latest rows', () => {
    const g = holdoutSplit(frame, target, { ...base, kind: 'group', groupColumn: 'group' });
    const groups = frame.columns[0].values as string[];
    const held = new Set(Array.from(g.holdout, (i) => groups[i]));
    assert.ok(Array.from(g.train).every((i) => !held.has(groups[i])));
    const t = holdoutSplit(frame, target, { ...base, kind: 'time', timeColumn: 'time' });
    const times = frame.columns[1].values as Float64Array;
    const latestTrain = Math.max(...Array.from(t.train, (i) => times[i]));
    assert.ok(Array.from(t.holdout).every((i) => times[i] > latestTrain));
    assert.equal(t.holdout.length, 40);
  });

  it('refuses a holdout that leaves nothing to train on', () => {
    const tiny: Frame = { rows: 1, columns: [] };
    assert.throws(
      () => holdoutSplit(tiny, { task: 'regression', y: Float64Array.from([1]) }, base),
      /no rows to train on/,
    );
  });
});

describe('cvFolds', () => {
  const { frame, target } = data();
  const y = (target as { y: Int32Array }).y;
  const all = Array.from({ length: 200 }, (_, i) => i);

  it('kfold: sizes like KFold (first n % k folds one larger), deterministic under the seed', () => {
    const { frame: f, target: t } = data(203);
    const folds = cvFolds(f, t, base);
    assertPartition(folds, 203);
    assert.deepEqual(
      folds.map((x) => x.test.length),
      [41, 41, 41, 40, 40],
    );
    assert.deepEqual(folds.warnings, []);
    assert.deepEqual(Array.from(cvFolds(f, t, base)[2].test), Array.from(folds[2].test));
    assert.deepEqual(
      Array.from(cvFolds(f, t, { ...base, shuffle: false })[0].test),
      Array.from({ length: 41 }, (_, i) => i),
    );
  });

  it('stratified: each class spread over the folds like StratifiedKFold', () => {
    const folds = cvFolds(frame, target, { ...base, kind: 'stratified' });
    assertPartition(folds, 200);
    for (let k = 0; k < 3; k++) {
      const total = all.filter((i) => y[i] === k).length;
      for (const fold of folds) {
        const inFold = Array.from(fold.test).filter((i) => y[i] === k).length;
        assert.ok(Math.abs(inFold - total / 5) <= 1, `class ${k}: ${inFold} of ${total} in a fold`);
      }
    }
    // Without shuffling, the rows of a class get folds in row order, as scikit-learn assigns them.
    const ordered = cvFolds(frame, target, { ...base, kind: 'stratified', shuffle: false });
    const firstOfClass0 = all.filter((i) => y[i] === 0).slice(0, 3);
    assert.ok(firstOfClass0.every((i) => ordered[0].test.includes(i)));
  });

  it('stratified: a class rarer than the folds is a warning; no class with enough rows is an error', () => {
    const t: Target = { task: 'classification', classes: ['a', 'b'], y: Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1]) };
    const f: Frame = { rows: 8, columns: [] };
    const folds = cvFolds(f, t, { ...base, kind: 'stratified', folds: 3 });
    assertPartition(folds, 8);
    assert.equal(folds.warnings.length, 1);
    assert.match(folds.warnings[0], /"b"\) has only 2 rows, fewer than the 3 folds/);
    assert.throws(() => cvFolds(f, t, { ...base, kind: 'stratified', folds: 7 }), /needs a class with at least 7 rows/);
  });

  it('group: a group is never split, folds are balanced', () => {
    const folds = cvFolds(frame, target, { ...base, kind: 'group', groupColumn: 'group' });
    assertPartition(folds, 200);
    const groups = frame.columns[0].values as string[];
    for (const fold of folds) {
      const testGroups = new Set(Array.from(fold.test, (i) => groups[i]));
      assert.ok(Array.from(fold.train).every((i) => !testGroups.has(groups[i])));
    }
    const sizes = folds.map((f) => f.test.length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 40, sizes.join(','));
    assert.deepEqual(
      cvFolds(frame, target, { ...base, kind: 'group', groupColumn: 'group' }).map((f) => Array.from(f.test)),
      folds.map((f) => Array.from(f.test)),
    );
    assert.throws(
      () => cvFolds(frame, target, { ...base, kind: 'group', groupColumn: 'group', folds: 30 }),
      /needs at least 30 groups in "group"; the data has 23/,
    );
  });

  it('time: an expanding window that always trains on the past', () => {
    const folds = cvFolds(frame, target, { ...base, kind: 'time', timeColumn: 'time' });
    const times = frame.columns[1].values as Float64Array;
    assert.equal(folds.length, 5);
    folds.forEach((fold, f) => {
      assert.equal(fold.test.length, Math.floor(200 / 6));
      assert.equal(fold.train.length, 200 - (5 - f) * 33);
      const latestTrain = Math.max(...Array.from(fold.train, (i) => times[i]));
      assert.ok(Array.from(fold.test).every((i) => times[i] > latestTrain));
    });
    const missing: Frame = {
      ...frame,
      columns: [
        frame.columns[0],
        {
          name: 'time',
          type: 'categorical',
          values: frame.rows ? Array.from({ length: 200 }, (_, i) => (i === 4 ? 'soon' : '2020-01-01')) : [],
        },
      ],
    };
    assert.throws(
      () => cvFolds(missing, target, { ...base, kind: 'time', timeColumn: 'time' }),
      (e: unknown) => e instanceof JobError && e.line === 6 && /line 6 has "soon"/.test(e.message),
    );
  });

  it('refuses more folds than rows and an absent split column', () => {
    const f: Frame = { rows: 3, columns: [] };
    assert.throws(
      () => cvFolds(f, { task: 'regression', y: Float64Array.from([1, 2, 3]) }, base),
      /5 folds needs at least 5 rows; the training data has 3/,
    );
    assert.throws(
      () => cvFolds(frame, target, { ...base, kind: 'group', groupColumn: 'site' }),
      /group column "site" \(split\) is not in the data/,
    );
  });
});

describe('folds and rare classes', () => {
  it('warns when a class is absent from the training rows of a fold', () => {
    const classes = ['common', 'rare'];
    const y = new Int32Array(20);
    y[3] = 1; // one row of "rare": whichever fold tests it trains without it
    const frame = { rows: 20, columns: [] };
    const folds = cvFolds(
      frame,
      { task: 'classification', classes, y },
      { holdoutFraction: 0, kind: 'kfold', folds: 4, shuffle: false, seed: 1 },
    );
    assert.equal(folds.warnings.length, 1);
    assert.match(folds.warnings[0], /Class "rare" is absent from the training rows of fold 1:/);
  });
});
