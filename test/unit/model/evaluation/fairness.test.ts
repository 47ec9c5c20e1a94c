// Fairness groups, metric differences and ratios, and Fairlearn's demographic-parity and
// equalized-odds differences, checked against an independent computation by hand in numpy /
// scikit-learn (Fairlearn itself is not installed): per group sklearn metrics on the group's rows;
// selection rate = mean(pred == pos); TPR/FPR with an empty denominator = 0 (Fairlearn's
// confusion_matrix(normalize="true") + nan_to_num).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Frame } from '../../../../src/core/model/frame';
import type { Target } from '../../../../src/core/model/matrix';
import { fairness } from '../../../../src/core/model/evaluation/index';
import type { Prediction } from '../../../../src/core/model/metrics/index';
import { sklearn } from '../sklearnReference';
import { assertClose, syntheticClassification } from '../metrics/metricReference';
import { seededRandom } from '../../seededRandom';

const PY_FAIRNESS = `
from sklearn import metrics as M
def reference(data):
  y = np.array(data['y']); pred = np.array(data['pred']); groups = np.array(data['groups']); k = data['k']; pos = data['pos']
  names = sorted(set(data['groups']))
  per = {}
  for g in names:
      m = groups == g
      yt, yp = y[m], pred[m]
      r = {
          'accuracy': M.accuracy_score(yt, yp),
          'balanced_accuracy': M.balanced_accuracy_score(yt, yp),
          'f1_macro': M.f1_score(yt, yp, average='macro'),
          'precision_macro': M.precision_score(yt, yp, average='macro'),
          'recall_macro': M.recall_score(yt, yp, average='macro'),
      }
      if k == 2:
          r['precision'] = M.precision_score(yt, yp, pos_label=pos, labels=[pos], average='macro')
          r['recall'] = M.recall_score(yt, yp, pos_label=pos, labels=[pos], average='macro')
          r['f1'] = M.f1_score(yt, yp, pos_label=pos, labels=[pos], average='macro')
      per[g] = {key: float(v) for key, v in r.items()}
  def rates(c):
      sel, tpr, fpr = [], [], []
      for g in names:
          m = groups == g
          yt, yp = (y[m] == c), (pred[m] == c)
          sel.append(yp.mean())
          tpr.append((yt & yp).sum() / yt.sum() if yt.sum() > 0 else 0.0)
          fpr.append((~yt & yp).sum() / (~yt).sum() if (~yt).sum() > 0 else 0.0)
      return np.array(sel), np.array(tpr), np.array(fpr)
  classes = [pos] if k == 2 else list(range(k))
  dp = max(np.ptp(rates(c)[0]) for c in classes)
  eo = max(max(np.ptp(rates(c)[1]), np.ptp(rates(c)[2])) for c in classes)
  return {'per': per, 'dp': dp, 'eo': eo, 'sel': dict(zip(names, rates(classes[0])[0].tolist()))}
result = [reference(d) for d in data]
`;

interface Reference {
  per: Record<string, Record<string, number>>;
  dp: number;
  eo: number;
  sel: Record<string, number>;
}

function dataset(k: number, seed: number) {
  const c = syntheticClassification('f', seed, 900, k, { signal: 1.2 });
  const random = seededRandom(seed + 1);
  const sex: Array<string | null> = c.y.map(() => (random() < 0.05 ? null : random() < 0.55 ? 'MALE' : 'FEMALE'));
  // Group "Oddity" (12 rows) has only negatives: its TPR is 0 by Fairlearn's rule.
  const island: Array<string | null> = c.y.map(() => ['Biscoe', 'Dream', 'Torgersen'][Math.floor(random() * 3)]);
  let odd = 0;
  c.y.forEach((y, i) => {
    if (y === 0 && odd < 12) {
      island[i] = 'Oddity';
      odd++;
    }
  });
  // Bias: the model under-predicts class 1 for FEMALE rows.
  const proba = c.proba.map((row, i) =>
    sex[i] === 'FEMALE' && k === 2 ? [Math.min(1, row[0] + 0.2), Math.max(0, row[1] - 0.2)] : row,
  );
  const frame: Frame = {
    rows: c.y.length,
    columns: [
      { name: 'sex', type: 'categorical', values: sex },
      { name: 'island', type: 'categorical', values: island },
    ],
  };
  const target: Target = {
    task: 'classification',
    classes: Array.from({ length: k }, (_, j) => `c${j}`),
    y: Int32Array.from(c.y),
  };
  const prediction: Prediction = { task: 'classification', proba: Float64Array.from(proba.flat()) };
  const pred = proba.map((row) => row.indexOf(Math.max(...row)));
  return { frame, target, prediction, y: c.y, pred, sex, island };
}

const CASES = [
  { k: 2, seed: 51, positive: 1 },
  { k: 2, seed: 52, positive: 0 },
  { k: 3, seed: 53, positive: 0 },
];
const COLUMNS = ['sex', 'island'] as const;

function groupsOf(d: ReturnType<typeof dataset>, column: string): string[] {
  return (column === 'sex' ? d.sex : d.island).map((g) => g ?? '(missing)');
}

/** One scikit-learn run for every case and column (Python starts slowly). */
const REFERENCES: Reference[] = sklearn<Reference[]>(
  PY_FAIRNESS,
  CASES.flatMap(({ k, seed, positive }) => {
    const d = dataset(k, seed);
    return COLUMNS.map((column) => ({ y: d.y, pred: d.pred, groups: groupsOf(d, column), k, pos: positive }));
  }),
);

function check(caseIndex: number) {
  const { k, seed, positive } = CASES[caseIndex];
  const d = dataset(k, seed);
  const report = fairness({
    model: 'm',
    on: 'holdout',
    frame: d.frame,
    target: d.target,
    prediction: d.prediction,
    columns: [...COLUMNS],
    positiveClass: positive,
  });
  assert.deepEqual(
    report.columns.map((c) => c.column),
    COLUMNS,
  );
  for (const [index, column] of report.columns.entries()) {
    const ref = REFERENCES[caseIndex * COLUMNS.length + index];
    const groups = groupsOf(d, column.column);
    assert.deepEqual(column.groups.map((g) => g.group).sort(), Object.keys(ref.per).sort());
    for (const group of column.groups) {
      assert.equal(group.count, groups.filter((g) => g === group.group).length);
      for (const [metric, value] of Object.entries(ref.per[group.group]))
        assertClose(group.metrics[metric], value, `${column.column}=${group.group} ${metric}`);
      assertClose(group.selectionRate!, ref.sel[group.group], `${group.group} selection rate`);
    }
    for (const metric of Object.keys(ref.per[column.groups[0].group])) {
      const values = Object.values(ref.per).map((m) => m[metric]);
      assertClose(
        column.difference[metric],
        Math.max(...values) - Math.min(...values),
        `${column.column} difference ${metric}`,
      );
      if (Math.max(...values) > 0)
        assertClose(
          column.ratio[metric],
          Math.min(...values) / Math.max(...values),
          `${column.column} ratio ${metric}`,
        );
    }
    assertClose(column.demographicParityDifference!, ref.dp, `${column.column} demographic parity difference`);
    assertClose(column.equalizedOddsDifference!, ref.eo, `${column.column} equalized odds difference`);
  }
  return report;
}

describe('fairness', () => {
  it('binary: per-group metrics, differences, ratios, demographic parity and equalized odds like Fairlearn', () => {
    const report = check(0);
    const sex = report.columns[0];
    assert.ok(sex.groups.some((g) => g.group === '(missing)'));
    const female = sex.groups.find((g) => g.group === 'FEMALE')!;
    const male = sex.groups.find((g) => g.group === 'MALE')!;
    assert.ok(female.selectionRate! < male.selectionRate!, 'the planted bias shows');
    assert.ok(sex.demographicParityDifference! > 0.1);
    const oddity = report.columns[1].groups.find((g) => g.group === 'Oddity')!;
    assert.equal(oddity.metrics.true_positive_rate, 0);
  });

  it('binary with positive class 0', () => {
    check(1);
  });

  it('multi-class: one-vs-rest, worst class', () => {
    const report = check(2);
    assert.deepEqual(Object.keys(report.columns[0].groups[0].selectionRates!), ['c0', 'c1', 'c2']);
  });

  it('regression: rmse, mae and r2 per group; numeric sensitive columns by value', () => {
    const random = seededRandom(8);
    const n = 400;
    const age = Float64Array.from({ length: n }, () => Math.floor(random() * 3) * 10 + 20);
    const y = Float64Array.from({ length: n }, () => random() * 10);
    const values = Float64Array.from(y, (v, i) => v + (age[i] === 40 ? 2 : 0.5) * (random() - 0.5));
    const report = fairness({
      model: 'r',
      on: 'cv',
      frame: { rows: n, columns: [{ name: 'age', type: 'numeric', values: age }] },
      target: { task: 'regression', y },
      prediction: { task: 'regression', values },
      columns: ['age'],
    });
    const column = report.columns[0];
    assert.deepEqual(column.groups.map((g) => g.group).sort(), ['20', '30', '40']);
    const worst = column.groups.reduce((a, b) => (a.metrics.mae > b.metrics.mae ? a : b));
    assert.equal(worst.group, '40');
    assert.ok(column.difference.rmse > 0 && column.ratio.mae < 1);
    assert.equal(column.demographicParityDifference, undefined);
  });

  it('names a sensitive column that is not in the data', () => {
    const d = dataset(2, 54);
    assert.throws(
      () =>
        fairness({
          model: 'm',
          on: 'cv',
          frame: d.frame,
          target: d.target,
          prediction: d.prediction,
          columns: ['race'],
        }),
      /sensitive column "race" is not among the evaluated columns \(sex, island\)/,
    );
  });
});
